package org.smrlab.reports.model;

import java.nio.file.Path;
import java.util.List;
import org.smrlab.run.RunInfo;

/**
 * What one command-line argument holds, as {@code RunLoader} read it: a run folder written by the
 * lab launcher (run.json, results, interval logs, pending series), or a bare JMH result file.
 *
 * @param info    the run folder's run.json; null for a bare file
 * @param notes   what was read but ignored, and why (shown to the reader, never silently dropped)
 */
public record RunInput(Path path, String name, RunInfo info, ResultFile results, List<HlogFile> hlogs,
                       List<PendingSeries> pending, List<String> notes) {

    public RunInput {
        hlogs = List.copyOf(hlogs);
        pending = List.copyOf(pending);
        notes = List.copyOf(notes);
    }

    public boolean isFolder() {
        return info != null;
    }
}
