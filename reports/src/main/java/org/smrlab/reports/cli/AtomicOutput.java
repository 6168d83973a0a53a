package org.smrlab.reports.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.smrlab.reports.input.InputException;

/**
 * Outputs appear whole or not at all.
 *
 * <p>Implementation notes. Everything is written under a temporary name beside the target (same
 * folder, so same file system) and renamed at the end; a failure deletes the temporary and leaves
 * the target as it was. A folder that already exists is replaced only if this tool wrote it (it
 * holds the {@link #MARKER} file), so {@code --out ~} can never wipe a home directory; the old
 * folder is first renamed aside, then the new one renamed in, then the old one deleted.
 */
public final class AtomicOutput {

    /** Marks a folder as written by reports, hence safe to replace. */
    public static final String MARKER = ".smrlab-reports";

    /** Fills a fresh, empty folder. */
    @FunctionalInterface
    public interface FolderWriter {
        void write(Path folder) throws IOException;
    }

    private AtomicOutput() {
    }

    public static void writeFile(Path target, byte[] content) throws IOException {
        Path parent = parentOf(target);
        Files.createDirectories(parent);
        if (Files.isDirectory(target)) {
            throw InputException.of(target, "is a folder; expected a file name");
        }
        Path tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, content);
            move(tmp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Writes a folder. {@code replaceable}: whether an earlier folder written by this tool may be
     * replaced (reports and plots), or the target must not exist at all (a merged run).
     */
    public static void writeFolder(Path target, boolean replaceable, FolderWriter writer) throws IOException {
        Path parent = parentOf(target);
        String name = target.toAbsolutePath().normalize().getFileName().toString();
        checkReplaceable(target, replaceable);
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + name + ".tmp-");
        try {
            writer.write(tmp);
            if (replaceable) {
                Files.writeString(tmp.resolve(MARKER), "written by smrlab reports; the folder is replaced on the next run\n");
            }
            checkReplaceable(target, replaceable);
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(parent, "." + name + ".old-");
                Files.delete(old);
                move(target, old);
                try {
                    move(tmp, target);
                } catch (IOException | RuntimeException e) {
                    move(old, target);
                    throw e;
                }
                deleteTree(old);
            } else {
                move(tmp, target);
            }
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static void checkReplaceable(Path target, boolean replaceable) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw InputException.of(target, "exists and is not a folder; choose another --out");
        }
        if (!replaceable) {
            throw InputException.of(target, "exists; choose a new --out folder");
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent() && !Files.exists(target.resolve(MARKER))) {
                throw InputException.of(target, "exists and was not written by reports (no " + MARKER
                        + " in it); remove it or choose another --out");
            }
        }
    }

    private static Path parentOf(Path target) {
        Path parent = target.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            throw InputException.of(target, "cannot write at the file system root");
        }
        return parent;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
