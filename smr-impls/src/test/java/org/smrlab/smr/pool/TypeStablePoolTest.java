package org.smrlab.smr.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smrlab.smr.Session;

/**
 * The model of NetBSD's PR_PSERIALIZE pool_cache ({@link SmrPool#typeStable}) and the PoolBench
 * variants ({@link Mechanism}): what is reused without a barrier, and where the barrier is.
 */
class TypeStablePoolTest {

    @Test
    void aPutNodeIsReusedAtOnceWithItsGenerationMovedOnAndNoGracePeriod() {
        try (SmrPool<TestNode> pool = SmrPool.typeStable("pserialize", TestNode::new, null, 4)) {
            Session<TestNode> s = pool.reclaimer().join();
            TestNode n = pool.get(s);
            long g = n.generation();
            pool.put(s, n);
            assertThat(n.generation()).as("a reader holding it sees the change and must retry").isNotEqualTo(g);
            assertThat(pool.get(s)).as("type-stable: handed out again at once").isSameAs(n);
            assertThat(pool.reclaimer().stats().gracePeriods()).as("no barrier on put").isZero();
            assertThat(pool.reclaimer().stats().retired()).as("nothing goes through the engine").isZero();
            s.close();
        }
    }

    @Test
    void objectsLeaveTheCacheOnlyAfterAGracePeriodWhenTheDepotIsFull() {
        int limit = 2;
        try (SmrPool<TestNode> pool = SmrPool.typeStable("pserialize", TestNode::new, null, limit)) {
            Session<TestNode> s = pool.reclaimer().join();
            List<TestNode> live = new ArrayList<>();
            int n = (limit + 4) * SmrPool.BUCKET + SmrPool.CACHE_BUCKETS * SmrPool.BUCKET;
            for (int i = 0; i < n; i++) {
                live.add(pool.get(s));
            }
            long footprint = pool.stats().footprint();
            assertThat(footprint).isEqualTo(n);
            for (TestNode t : live) {
                pool.put(s, t);
            }
            assertThat(pool.reclaimer().stats().gracePeriods()).as("a barrier before each chunk destructed").isPositive();
            assertThat(pool.reclaimer().stats().waits()).isPositive();
            assertThat(pool.stats().footprint()).as("destructed chunks leave the footprint").isLessThan(footprint);
            assertThat(pool.stats().cached()).isLessThanOrEqualTo((long) (limit + SmrPool.CACHE_BUCKETS) * SmrPool.BUCKET);
            s.close();
        }
        assertThatThrownBy(() -> SmrPool.typeStable("pserialize", TestNode::new, null, 0)).hasMessageContaining("depotLimit");
    }

    @Test
    void withoutDeferredReuseAPutFreesAtOnceAndWithoutPoisonNothingIsPoisoned() {
        try (SmrPool<TestNode> pool = new SmrPool<>("gus", TestNode::new, null, false, EnumSet.of(Mechanism.DEFERRED_REUSE))) {
            Session<TestNode> s = pool.reclaimer().join();
            TestNode n = pool.get(s);
            pool.put(s, n);
            assertThat(n.isPoisoned()).as("freed at once, poisoned").isTrue();
            assertThat(pool.get(s)).isSameAs(n);
            s.close();
        }
        try (SmrPool<TestNode> pool = new SmrPool<>("gus:batch=1", TestNode::new, null, false, EnumSet.of(Mechanism.POISON))) {
            Session<TestNode> s = pool.reclaimer().join();
            TestNode n = pool.get(s);
            n.payload(5);
            pool.put(s, n);
            s.barrier();
            assertThat(n.payload()).as("not poisoned").isEqualTo(5);
            s.close();
        }
    }
}
