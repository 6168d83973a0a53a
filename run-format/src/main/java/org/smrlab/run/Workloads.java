package org.smrlab.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workload catalogue: the lab's experiments beyond the microbenchmarks (the published ones and
 * those no SMR lab measured before), one row each. The reports draw one chart per benchmark and
 * figure of a row, against the row's swept variable; bench's profiles sweep that variable, and a
 * bench test checks that every benchmark, parameter and figure named here exists and that the
 * {@code standard} and {@code quick} profiles run every row. Adding a workload is one row (and its
 * suite and profile lines).
 */
public final class Workloads {
    private static final Map<String, Workload> ALL = new LinkedHashMap<>();

    private static final String PRIMARY = Workload.PRIMARY;

    static {
        add(new Workload("packets", "umaperf packets",
                "FreeBSD's umaperf, the experiment behind smr(9)'s commit messages: every thread allocates packets from an SMR "
                        + "pool in batches of 100, pushes each batch onto a random thread's lock-free queue, and frees the packets "
                        + "it dequeues back to the pool. How many packets per second per thread, and how much pool memory?",
                List.of("PacketBench.packets"), "size", "packet size (bytes)",
                List.of(PRIMARY, Metrics.FOOTPRINT_BYTES_PEAK.name()), true, true, true, List.of(Workload.Mark.OVERSUBSCRIBED),
                "Higher packets/s per thread is faster; lower peak bytes is less memory held back. smr(9)'s commit claimed 3x "
                        + "the throughput of FreeBSD's epoch (ebr here) at 1/20th of its memory on this test; PacketBench.section "
                        + "gives umaperf's other figure, the cost of an empty read section in a loop."));
        add(new Workload("list", "Harris-Michael sorted list",
                "A long sorted linked list (Harris-Michael, lock-free, every lookup walks from the head) beside the hash set's "
                        + "short buckets: what does protecting every step cost (hazard pointers: a store and a fence per node) "
                        + "against one section per traversal (the epoch family), and how does it grow with the list's length?",
                List.of("ListBench.mixed"), "length", "keys in the list",
                List.of(PRIMARY, Metrics.STEPS.name()), true, true, false, List.of(),
                "Lower ns/op is faster. The slope of a line is the cost per node visited (smr.steps.per.op counts the nodes a "
                        + "walk stood on): steep for hazard pointers, flat beside it for engines whose section covers the whole "
                        + "walk. structure=set runs the hash set on the same keys: one or two nodes per lookup."));
        add(new Workload("backlog", "backlog against threads",
                "Retired but not yet freed nodes (the backlog) at 1, 2, 4 and 8 threads of the reclamation workload: whose "
                        + "backlog grows with threads and whose stays flat?",
                List.of("ReclamationBench.mixed"), Workload.THREADS, "threads",
                List.of(Metrics.PENDING_MEAN.name(), Metrics.PENDING_PEAK.name(), PRIMARY), false, true, false,
                List.of(Workload.Mark.OVERSUBSCRIBED),
                "Lower is less memory waiting. Points with more threads than the machine has cores are marked oversubscribed: "
                        + "there a preempted reader holds every grace period back, which is part of what is measured."));
        add(new Workload("run-length", "memory against run length",
                "Does memory stay flat over a long run, with no stalled reader? Pending nodes and the pool's footprint are sampled "
                        + "over one uninterrupted run of 10, 30 and 60 seconds; an engine whose memory keeps rising is falling behind.",
                List.of("LongRunBench.mixed"), "runFor", "run length",
                List.of(Metrics.PENDING_SLOPE.name(), Metrics.PENDING_MEAN.name(), Metrics.FOOTPRINT_PEAK.name()), true, false,
                false, List.of(Workload.Mark.FALLING_BEHIND),
                "A bounded engine's slope stays near 0 and its footprint flat as the run grows longer; an engine marked falling "
                        + "behind had pending rising through its run (the growth verdict: the fitted rise over the run is at least "
                        + "half its peak and more than the slack). The pending-over-time charts show the series themselves."));
        add(new Workload("capacity", "reclaim capacity",
                "The highest retire rate each engine sustains with bounded pending memory: one writer replaces a published node "
                        + "every interval (1 us down to 50 ns) while readers look nodes up; the rate rises until the writer falls "
                        + "behind its schedule or pending stops being bounded.",
                List.of("RetireRateBench.writer"), "every", "interval between retires",
                List.of(PRIMARY, Metrics.PENDING_SLOPE.name(), Metrics.PENDING_MEAN.name()), true, true, false,
                List.of(Workload.Mark.CAPACITY),
                "The score is the achieved interval between retires (ns per retire): on the diagonal the engine kept the schedule, "
                        + "above it the writer could not. The capacity mark sits at the shortest interval an engine kept (within "
                        + "10%) with pending bounded."));
        add(new Workload("low-rate", "retire-to-free at low retire rates",
                "How long does a retired node wait when retires are rare (one per microsecond down to one per 10 ms)? A batch "
                        + "is sealed only when it fills, so nodes strand in partial batches; the seal knob (seal=2ms) seals a batch "
                        + "whose oldest node has waited that long.",
                List.of("RetireRateBench.writer"), "every", "interval between retires",
                List.of(Metrics.R2F_P50.name(), Metrics.R2F_P99.name()), true, true, false, List.of(),
                "Lower is sooner. Without seal, retire-to-free grows with the interval times the batch (a node waits for its "
                        + "batch to fill, then for the next seal to free it); with seal it stays near the interval itself. Every "
                        + "node's latency is measured in this suite (no sampling)."));
        add(new Workload("idle-threads", "idle registered threads",
                "What do registered but idle threads (0, 10, 100, 1000; for qsbr also offline) cost a working thread: its read "
                        + "section, a poll that scans every record, a synchronize?",
                List.of("IdleThreadsBench.readSection", "IdleThreadsBench.pollScan", "IdleThreadsBench.synchronize"), "idle",
                "idle registered threads", List.of(PRIMARY), true, true, false, List.of(),
                "Lower is cheaper. A read section should not notice idle threads; a scan visits every record, so its cost grows "
                        + "with them; 0 idle threads is drawn at 1 on the logarithmic axis."));
        add(new Workload("bystanders", "bystanders",
                "What does each engine's write side cost a thread that touches no protected data, while a writer is idle, "
                        + "retires, advances, synchronizes, keeps the clock ticking or issues membarriers?",
                List.of("BystanderBench.idle", "BystanderBench.retiring", "BystanderBench.advancing",
                        "BystanderBench.synchronizing", "BystanderBench.ticking", "BystanderBench.membarrier"),
                Workload.METHOD, "what the writer does", List.of("{method}Bystander"), false, false, false, List.of(),
                "Time per bystander loop (1000 dependent multiply-adds): a bar above the same engine's idle bar is what that "
                        + "writer activity costs a thread that shares nothing with it."));
        add(new Workload("stall", "growth behind a stalled reader",
                "How fast does pending grow while one reader stays inside a section (1 ms, 10 ms, a whole iteration)? Bounded "
                        + "engines level off; the others grow for as long as the stall lasts.",
                List.of("StallBench.writer"), "stall", "stall", List.of(Metrics.PENDING_SLOPE.name(), Metrics.PENDING_PEAK.name()),
                false, true, false, List.of(Workload.Mark.FALLING_BEHIND),
                "The verdict is read from the slope, not the cap: an engine is growing when the rise fitted over an iteration "
                        + "is at least half its peak and more than the slack, whether or not the cap was reached."));
        add(new Workload("skewed-keys", "skewed keys",
                "Zipfian keys (a few keys take most operations, as in YCSB) against uniform ones, in the hash set and the list.",
                List.of("ReclamationBench.mixed", "ListBench.mixed"), "keyDist", "key distribution",
                List.of(PRIMARY, Metrics.PENDING_MEAN.name()), false, false, false, List.of(),
                "Lower ns/op is faster. Hot keys are removed and added again over and over, so their nodes are retired more often "
                        + "and their buckets are written while readers walk them."));
    }

    private Workloads() {
    }

    private static void add(Workload w) {
        if (ALL.putIfAbsent(w.id(), w) != null) {
            throw new IllegalStateException("two workloads are named " + w.id());
        }
    }

    /** Every workload, in catalogue order. */
    public static List<Workload> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<Workload> byId(String id) {
        return Optional.ofNullable(ALL.get(id));
    }
}
