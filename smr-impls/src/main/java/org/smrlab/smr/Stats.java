package org.smrlab.smr;

/**
 * A snapshot of a domain's counters. Each counter is a per-thread single-writer value summed when
 * the snapshot is taken, so a snapshot taken while threads run is not a single instant; each
 * counter is monotonic and exact once the threads stop.
 *
 * @param retired       nodes passed to {@link Session#retire}
 * @param freed         nodes passed to the free function
 * @param pending       {@code retired - freed}
 * @param peakPending   the highest {@code pending} seen by any snapshot of this domain so far (this
 *                      one included): a sampled peak, as fine as the sampling. The free path does not
 *                      sample (that would read every thread's counters once per batch freed), so a
 *                      monitor that wants peaks takes snapshots: the bench's profiler about every
 *                      millisecond, the torture harness every 5 ms. A domain nobody samples reports
 *                      the largest {@code pending} of the snapshots it was asked for: a peak that
 *                      rose and fell between two snapshots is missed.
 * @param advances      write-clock advances (gus: {@code smr_advance}; ebr/qsbr: goals taken; pserialize: requests)
 * @param polls         non-blocking checks of a goal
 * @param pollFailures  polls that found the goal not yet reached
 * @param scans         passes over every thread's record (gus poll scans, ebr advance attempts, hp hazard scans)
 * @param waits         blocking waits taken (await, synchronize, barrier, pserialize perform, rwlock write lock)
 * @param gracePeriods  grace periods actually carried out by a blocking engine (pserialize performs)
 * @param coalesced     blocking calls satisfied by a grace period that another caller carried out
 * @param membarriers   process-wide barriers issued ({@code membarrier(2)})
 * @param waitNanos     nanoseconds spent in the blocking waits counted by {@code waits}: how long writers
 *                      (and closers) were blocked waiting for readers. Read from the clock only around
 *                      the waits themselves, never on a path that does not block.
 * @param engineWords   64-bit words of bookkeeping the engine keeps now besides the nodes: every
 *                      thread record's shared word and its hazard or era slots, and localcount's
 *                      per-thread count columns (O(threads × nodes)); the engine's own memory, for
 *                      comparison (object headers and padding are not counted)
 */
public record Stats(long retired, long freed, long pending, long peakPending,
                    long advances, long polls, long pollFailures, long scans, long waits,
                    long gracePeriods, long coalesced, long membarriers, long waitNanos, long engineWords) {

    /** Field names in declaration order, for tables and CSV headers. */
    public static final java.util.List<String> FIELDS = java.util.List.of(
            "retired", "freed", "pending", "peakPending", "advances", "polls", "pollFailures",
            "scans", "waits", "gracePeriods", "coalesced", "membarriers", "waitNanos", "engineWords");
}
