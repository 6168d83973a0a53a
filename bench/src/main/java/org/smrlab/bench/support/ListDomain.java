package org.smrlab.bench.support;

import org.smrlab.bench.SmrProbe;
import org.smrlab.smr.list.ListNode;
import org.smrlab.smr.list.SmrSortedList;
import org.smrlab.smr.pool.PoolStats;
import org.smrlab.smr.pool.SmrPool;

/**
 * The list suite's shared structure: a Harris-Michael {@link SmrSortedList} over an instrumented
 * {@link SmrPool} of the engine under test, prefilled, closed by the last thread to leave (the
 * list's counterpart of {@link SetDomain}).
 */
public final class ListDomain {
    private final SmrSortedList list;
    private final SharedDomain<ListNode> shared;

    /**
     * @param spec    the engine spec
     * @param prefill keys 0, 2, 4, ... put in before the trial: {@code prefill} of them
     */
    public ListDomain(String spec, long prefill) {
        SmrPool<ListNode> pool = new SmrPool<>(spec, ListNode::new, SmrProbe.poolProbe());
        this.list = new SmrSortedList(pool);
        this.shared = new SharedDomain<>(list.reclaimer(), () -> {
            list.close();
            pool.close();
        });
        SmrSortedList.Handle h = list.join();
        for (long i = prefill - 1; i >= 0; i--) {
            h.add(2 * i); // descending: each insert lands at the head, so prefilling is linear, not quadratic
        }
        h.close();
        SmrProbe.attach(new SmrProbe.Target(() -> list.reclaimer().stats(), () -> list.pool().stats(), this::useAfterFree,
                () -> false, true, false).withSteps(list::steps));
    }

    /** Walks' detections plus the pool's write-after-free and double frees: all must be 0. */
    public long useAfterFree() {
        PoolStats p = list.pool().stats();
        return list.detections() + p.writeAfterFree() + p.doubleFrees();
    }

    public SmrSortedList list() {
        return list;
    }

    /** Enrolls the calling thread and returns its handle. */
    public SmrSortedList.Handle join() {
        shared.enroll();
        return list.join();
    }

    /** Closes the handle; the last member closes the list, pool and engine. */
    public void leave(SmrSortedList.Handle handle) {
        shared.leave(handle);
    }
}
