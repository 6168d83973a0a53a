package org.smrlab.bench.support;

import java.util.List;
import org.smrlab.bench.SmrProbe;
import org.smrlab.run.Metrics;
import org.smrlab.smr.engine.WaitProbes;
import org.smrlab.smr.pool.PoolProbe;
import org.smrlab.smr.pool.PoolStats;
import org.smrlab.smr.pool.SmrPool;
import org.smrlab.smr.set.SetNode;
import org.smrlab.smr.set.SmrHashSet;

/**
 * The reclamation and stall suites' shared structure: an {@link SmrHashSet} over an
 * {@link SmrPool} of the engine under test, prefilled, optionally instrumented for the
 * {@link org.smrlab.bench.SmrProfiler}, closed by the last thread to leave.
 */
public final class SetDomain {
    private final SmrHashSet set;
    private final SharedDomain<SetNode> shared;
    private final SectionClock.Registry sections = new SectionClock.Registry();
    private final boolean instrumented;
    private final boolean typeStable;

    /**
     * @param spec          the engine spec
     * @param buckets       buckets (a power of two)
     * @param prefill       keys 0, 2, 4, ... put in before the trial: {@code prefill} of them
     * @param instrumented  attach the profiler's pool probe and target (false: the pool reads no clock)
     * @param target        builds the profiler target from the set (ignored when not instrumented)
     */
    public SetDomain(String spec, int buckets, long prefill, boolean instrumented,
                     java.util.function.Function<SetDomain, SmrProbe.Target> target) {
        this(spec, buckets, prefill, instrumented, 0, target);
    }

    /**
     * As above; with {@code typeStableDepot > 0} the pool is the model of NetBSD's PR_PSERIALIZE
     * pool_cache ({@link SmrPool#typeStable}, that many depot chunks before one is destructed after a
     * grace period): nodes are reused at once, and the readers' generation checks are then the
     * validation type-stable readers must do, not use-after-free detections.
     */
    public SetDomain(String spec, int buckets, long prefill, boolean instrumented, int typeStableDepot,
                     java.util.function.Function<SetDomain, SmrProbe.Target> target) {
        this.instrumented = instrumented;
        this.typeStable = typeStableDepot > 0;
        PoolProbe probe = instrumented ? SmrProbe.poolProbe() : null;
        SmrPool<SetNode> pool = typeStable ? SmrPool.typeStable(spec, SetNode::new, probe, typeStableDepot)
                : new SmrPool<>(spec, SetNode::new, probe);
        this.set = new SmrHashSet(pool, buckets);
        this.shared = new SharedDomain<>(set.reclaimer(), () -> {
            set.close();
            pool.close();
        });
        SmrHashSet.Handle h = set.join();
        for (long i = 0; i < prefill; i++) {
            h.add(2 * i);
        }
        h.close();
        if (instrumented) {
            WaitProbes.attach(set.reclaimer(), SmrProbe.recorder(Metrics.WAIT_LOG)::record);
            SmrProbe.attach(target.apply(this));
        }
    }

    /**
     * The usual target: engine and pool counters, use-after-free of readers and pool, sampled pending;
     * the interval logs of retire-to-free, slow-path gets and the engine's blocking waits; the readers'
     * sampled section clocks.
     */
    public SmrProbe.Target target(java.util.function.BooleanSupplier unbounded, boolean pendingSeries) {
        return new SmrProbe.Target(() -> set.reclaimer().stats(), () -> set.pool().stats(),
                this::useAfterFree, unbounded, true, pendingSeries,
                List.of(Metrics.R2F_LOG, Metrics.GET_SLOW_LOG, Metrics.WAIT_LOG), sections::counts);
    }

    /** A section clock for the calling reader thread, or null when the domain is not instrumented (it reads no clock). */
    public SectionClock sectionClock() {
        return instrumented ? sections.newClock() : null;
    }

    /**
     * Readers' detections plus the pool's write-after-free and double frees: all must be 0. In the
     * type-stable model a reader seeing its node reused is expected (it validates and restarts): only
     * the pool's own detections count there.
     */
    public long useAfterFree() {
        PoolStats p = set.pool().stats();
        return (typeStable ? 0 : set.detections()) + p.writeAfterFree() + p.doubleFrees();
    }

    public SmrHashSet set() {
        return set;
    }

    /** Enrolls the calling thread and returns its handle. */
    public SmrHashSet.Handle join() {
        shared.enroll();
        return set.join();
    }

    /** Closes the handle; the last member closes the set, pool and engine. */
    public void leave(SmrHashSet.Handle handle) {
        shared.leave(handle);
    }
}
