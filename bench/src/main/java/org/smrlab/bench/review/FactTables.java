package org.smrlab.bench.review;

import java.util.ArrayList;
import java.util.List;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.FactsEvidence;
import org.smrlab.smr.checked.Rule;
import org.smrlab.smr.pool.SmrPool;

/**
 * {@code evidence/facts.json}: the fact tables the review cites that are not measurements. This class
 * is their one owner in code (docs may explain them; the review reads them from the run):
 * <ul>
 * <li>each Java access mode the engines use, with the NetBSD operation that orders the same way
 *     (atomic_loadstore(9), atomic_ops(3), membar_ops(3), xc(9)); NetBSD's atomic read-modify-write
 *     operations order nothing by themselves, so a Java volatile RMW maps to the RMW plus barriers;</li>
 * <li>the barriers NetBSD deprecated in netbsd-10 (the review: "membar_exit and membar_enter are
 *     deprecated since netbsd-10");</li>
 * <li>every checked-mode rule, from smr-impls' {@link Rule} itself;</li>
 * <li>the pool's batch policy, from its constants ({@link SmrPool#BUCKET}, ...).</li>
 * </ul>
 */
public final class FactTables implements EvidenceStep {

    /** The access-mode table. Order: strongest first. */
    static List<FactsEvidence.AccessMode> accessModes() {
        return List.of(
                new FactsEvidence.AccessMode("VarHandle.fullFence()", null, "membar_sync",
                        "every earlier load and store before every later one, store-before-load included (x86: a locked "
                        + "instruction)", "gus and ebr enter; hp protect; the start of gus's poll scan; gus-deferred and "
                        + "gus-lazy advance; qsbr's quiescent state once a grace period has begun"),
                new FactsEvidence.AccessMode("VarHandle.getAndAdd (volatile read-modify-write)", "atomic_add_64_nv",
                        "membar_release before, membar_acquire after (NetBSD's atomic_ops order nothing)",
                        "the earlier stores (the unlink) before the new value; a total order on the word",
                        "gus and qsbr advance (the clock's fetch-and-add: no separate fence)"),
                new FactsEvidence.AccessMode("VarHandle.compareAndSet (volatile)", "atomic_cas_64",
                        "membar_release before, membar_acquire after (NetBSD's atomic_ops order nothing)",
                        "as a volatile read and write of the word", "gus's read hand; gus-lazy's clock word; the pool's "
                        + "generation on free; ebr's epoch"),
                new FactsEvidence.AccessMode("VarHandle.setRelease", "atomic_store_release", "membar_release, then a plain store",
                        "every earlier load and store before the store", "gus, ebr and hp exit; qsbr's quiescent state; "
                        + "publishing a node"),
                new FactsEvidence.AccessMode("VarHandle.getAcquire", "atomic_load_acquire", "a plain load, then membar_acquire",
                        "the load before every later load and store", "poll's scan of each record; protect's load of a pointer; "
                        + "the pool's check of a node's generation"),
                new FactsEvidence.AccessMode("VarHandle.storeStoreFence()", null, "membar_producer",
                        "earlier stores before later stores", "the pool's free: the generation made odd before the poison"),
                new FactsEvidence.AccessMode("VarHandle.loadLoadFence()", null, "membar_consumer",
                        "earlier loads before later loads", "a pool reader's check: the fields before the generation"),
                new FactsEvidence.AccessMode("VarHandle.setOpaque / getOpaque", "atomic_store_relaxed / atomic_load_relaxed", null,
                        "no order with other locations; never torn, never cached", "gus-lazy and pserialize enter (their order "
                        + "comes from the writer's membarrier); the per-thread counters"),
                new FactsEvidence.AccessMode("membarrier(2) MEMBARRIER_CMD_PRIVATE_EXPEDITED (JDK 22+, FFM)", "xc_barrier(0)", null,
                        "a full barrier on every CPU running a thread of the process, before it returns",
                        "gus-lazy's ticker; pserialize's grace period (NetBSD: pserialize_perform's cross-call)"));
    }

    /** The barriers membar_ops(3) deprecates since netbsd-10. */
    static List<FactsEvidence.DeprecatedBarrier> deprecated() {
        return List.of(
                new FactsEvidence.DeprecatedBarrier("membar_exit", "netbsd-10", "membar_release (an alias)"),
                new FactsEvidence.DeprecatedBarrier("membar_enter", "netbsd-10",
                        "membar_acquire after a load, or membar_sync where a store must precede a later load: say which is meant"));
    }

    static List<FactsEvidence.RuleFact> rules() {
        List<FactsEvidence.RuleFact> l = new ArrayList<>();
        for (Rule r : Rule.values()) {
            l.add(new FactsEvidence.RuleFact(r.name(), r.rule(), r.origin()));
        }
        return l;
    }

    static List<FactsEvidence.NamedValue> policies() {
        return List.of(
                new FactsEvidence.NamedValue("pool.bucket", String.valueOf(SmrPool.BUCKET), "nodes",
                        "nodes per depot chunk: the unit in which free nodes move between a thread's cache and the shared depot",
                        "SmrPool.BUCKET"),
                new FactsEvidence.NamedValue("pool.cache.buckets", String.valueOf(SmrPool.CACHE_BUCKETS), "buckets",
                        "a thread's cache gives one bucket to the depot when it holds this many, and takes one from the depot "
                        + "when it is empty", "SmrPool.CACHE_BUCKETS"),
                new FactsEvidence.NamedValue("pool.trim", "never", null, "the pool never gives cached nodes back: its footprint "
                        + "only grows, which is the memory-growth figure", "SmrPool (what it refuses to do)"),
                new FactsEvidence.NamedValue("pool.get.waits", "never", null, "a get that finds no free node allocates one (the "
                        + "slow path) rather than wait for a grace period, as UMA's SMR zones do", "SmrPool.get"),
                new FactsEvidence.NamedValue("engine.batch", "the engine's batch knob", "nodes", "a session seals its batch when "
                        + "it holds this many retired nodes (or on flush, barrier, close) and frees sealed batches whose goal "
                        + "is reached; each engine's default is in run.json's catalogue", "AbstractSession"));
    }

    public static FactsEvidence facts() {
        return new FactsEvidence(FactsEvidence.SCHEMA, accessModes(), deprecated(), rules(), policies());
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.FACTS;
    }

    @Override
    public double estimateSeconds(boolean quick, boolean tiny, boolean withJdk22) {
        return 0;
    }

    @Override
    public String describe(boolean quick, boolean tiny, boolean withJdk22) {
        return "fact tables from code: access modes and NetBSD barriers, checked-mode rules, the pool's policy";
    }

    @Override
    public Evidence run(EvidenceContext c) {
        return facts();
    }
}
