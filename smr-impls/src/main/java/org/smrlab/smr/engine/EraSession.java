package org.smrlab.smr.engine;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * What the era-based engines' sessions share (interval-based reclamation and hazard eras): a
 * private list of retired nodes, each with its birth era and its retire era, and the scan that
 * frees every node whose lifetime no reader's reserved eras can fall within.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li><b>The list.</b> Retired nodes are kept unbatched, as hazard pointers keep theirs (Michael's
 *     rlist; the IBR authors' per-thread {@code retired} list of {@code (obj, birth, retire)}): a scan
 *     frees what it can and keeps the rest, so a node is freed by the first scan after no reader
 *     can hold it. A scan runs when {@code batch} nodes have been retired since what the last scan
 *     kept (IBR's {@code emptyFreq}); {@code flush} and {@code barrier} scan at once.</li>
 * <li><b>Birth eras</b> come from the node's {@link SmrHeader}, stamped when the node was handed
 *     out ({@link Births}); a node without a header counts as born at era 0, the beginning of time.</li>
 * <li><b>Retire eras are taken at the scan, after its fence</b>, for every node retired since the
 *     previous scan. The papers read the clock in {@code retire} itself, right after the caller's
 *     unlink, which their data structures make with a sequentially consistent CAS; here the unlink
 *     may be any store, and the era read after it must not be one from before the unlink (a reader
 *     that started at a later era and still found the node would then look disjoint from it). The
 *     scan's fence orders every unlink before the clock read for the whole batch at the price of one
 *     fence per batch, and a later retire era only widens a node's lifetime: it can keep a node
 *     longer, never free one early.</li>
 * <li><b>Hand-on.</b> A closing session hands its list to the domain as a batch ({@code goOffline},
 *     before the record is returned); the adopter reads the births again from the nodes and stamps
 *     the retire eras at its own next scan, later than the originals: safe.</li>
 * </ul>
 *
 * @param <T> the node type
 */
abstract class EraSession<T> extends AbstractSession<T> {
    /** A retire era not taken yet: the next scan stamps it. */
    static final long UNSTAMPED = Long.MIN_VALUE;

    private Object[] nodes = new Object[64];
    private long[] births = new long[64];
    private long[] retireEras = new long[64];
    private int count;
    /** What the last scan kept: the next scan waits for a batch beyond it. */
    private int kept;
    private Batch freeable = new Batch(16);

    EraSession(AbstractReclaimer<T> domain) {
        super(domain);
    }

    // ------------------------------------------------------------------ what each engine supplies

    /** The engine's clock now (IBR's epoch, hazard eras' era clock); called right after the scan's fence. */
    protected abstract long eraNow();

    /** Reads every record's reserved eras (after the scan's fence) into the session's snapshot. */
    protected abstract void snapshotReservations();

    /** Whether some reader in the snapshot may hold a node alive from era {@code birth} to era {@code retired}. */
    protected abstract boolean reserved(long birth, long retired);

    /** Withdraws every reservation of this thread (the session is leaving). */
    protected abstract void clearReservations();

    // ------------------------------------------------------------------ the retired list

    /** The birth era stamped in {@code node}, or 0 (the beginning of time) for a node without a header. */
    static long birthOf(Object node) {
        return node instanceof SmrHeader h ? h.smrHeader() : 0;
    }

    @Override
    public void retire(T node) {
        if (closed) {
            throw new IllegalStateException(domain.name() + ": retire() on a closed session");
        }
        add(node);
        counters.retired(1);
        afterRetire();
        if (count >= batchSize + kept) {
            scan();
        }
    }

    /** Called after each retire is recorded, before any scan (hazard eras moves its clock here). */
    protected void afterRetire() {
    }

    private void add(Object node) {
        if (count == nodes.length) {
            int n = count * 2;
            nodes = Arrays.copyOf(nodes, n);
            births = Arrays.copyOf(births, n);
            retireEras = Arrays.copyOf(retireEras, n);
        }
        nodes[count] = node;
        births[count] = birthOf(node);
        retireEras[count] = UNSTAMPED;
        count++;
    }

    /** Frees every node no reservation can cover; keeps the rest. */
    final void scan() {
        adoptOrphans();
        counters.scan();
        VarHandle.fullFence(); // orders the unlinks before the clock read, and pairs with the readers' publish fences
        long now = eraNow();
        snapshotReservations();
        if (freeable.nodes.length < count) {
            freeable = new Batch(count);
        }
        Batch free = freeable;
        int keep = 0;
        for (int i = 0; i < count; i++) {
            Object node = nodes[i];
            long birth = births[i];
            long retired = retireEras[i] == UNSTAMPED ? now : retireEras[i];
            nodes[i] = null;
            if (reserved(birth, retired)) {
                nodes[keep] = node;
                births[keep] = birth;
                retireEras[keep] = retired;
                keep++;
            } else {
                free.nodes[free.size++] = node;
            }
        }
        count = keep;
        kept = keep;
        if (free.size > 0) {
            domain.freeBatch(free, counters);
        }
    }

    private void adoptOrphans() {
        if (!domain.hasOrphans()) {
            return;
        }
        for (Batch b = domain.takeOrphans(); b != null; b = b.next) {
            for (int i = 0; i < b.size; i++) {
                add(b.nodes[i]); // retire era UNSTAMPED: this scan stamps it, later than the original
            }
        }
    }

    @Override
    public void flush() {
        if (!closed && (count > 0 || domain.hasOrphans())) {
            scan();
        }
    }

    @Override
    public void barrier() {
        if (closed) {
            return;
        }
        scanUntilFreed(this::scan, () -> count);
    }

    /** Withdraws the reservations and hands the retired list on; the domain's close path does the rest. */
    @Override
    protected final void goOffline() {
        clearReservations();
        if (count > 0) {
            Batch b = new Batch(count);
            System.arraycopy(nodes, 0, b.nodes, 0, count);
            b.size = count;
            Arrays.fill(nodes, 0, count, null);
            count = 0;
            domain.handOn(b);
        }
    }

    @Override
    public long pendingHere() {
        return count;
    }

    // The goal pipeline is not used: safety is decided per node, by the scan.

    @Override
    protected final long sealGoal() {
        throw new AssertionError("era engines do not use the goal pipeline");
    }

    @Override
    protected final boolean reached(long goal) {
        throw new AssertionError("era engines do not use the goal pipeline");
    }

    @Override
    protected final void awaitGoal(long goal) {
        throw new AssertionError("era engines do not use the goal pipeline");
    }
}
