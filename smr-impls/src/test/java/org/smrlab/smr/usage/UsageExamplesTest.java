package org.smrlab.smr.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.checked.Rule;
import org.smrlab.smr.checked.SmrMisuseException;
import org.smrlab.smr.pool.SmrPool;

/**
 * The runnable examples of {@code docs/usage.md}. Each example is the code between
 * {@code // example: NAME} and {@code // end example} in the test method NAME; the document quotes
 * exactly that code (checked by {@link UsageDocTest}), and the test around it asserts what the
 * document says happens.
 */
class UsageExamplesTest {
    /** A second thread, for the reader that sessions confine to its own thread. */
    private final ExecutorService other = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "other");
        t.setDaemon(true);
        return t;
    });

    private <V> V callOnOther(Callable<V> c) throws Exception {
        return other.submit(c).get(30, TimeUnit.SECONDS);
    }

    private void onOther(Runnable r) throws Exception {
        other.submit(r).get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    // ------------------------------------------------------------------ the read side

    @Test
    void readSection() {
        AtomicReference<Route> table = new AtomicReference<>(new Route(10, 3));
        int seen;
        // example: readSection
        try (Reclaimer<Route> domain = Engines.create("gus", Route::free);
             Session<Route> reader = domain.join()) {    // one session per thread, kept for the thread's life
            reader.enter();                              // smr_enter
            try {
                Route r = reader.protect(0, table);      // load the shared pointer inside the section
                seen = r.hops;                           // use r only until exit()
            } finally {
                reader.exit();                           // smr_exit: from here on r may be freed
            }
        }
        // end example
        assertThat(seen).isEqualTo(3);
    }

    @Test
    void hazardPointers() {
        Route first = new Route(10, 1);
        first.next.set(new Route(11, 2));
        AtomicReference<Route> path = new AtomicReference<>(first);
        long total;
        try (Reclaimer<Route> domain = Engines.create("hp:slots=2", Route::free);
             Session<Route> reader = domain.join()) {
            // example: hazardPointers
            reader.enter();
            try {
                Route a = reader.protect(0, path);       // slot 0 guards a
                Route b = reader.protect(1, a.next);     // slot 1 guards b; protect(0, ...) here would drop a
                total = a.hops + b.hops;                 // both are safe until exit() or until their slot is reused
            } finally {
                reader.exit();                           // drops every hazard of the session
            }
            // end example
        }
        assertThat(total).isEqualTo(3);
    }

    @Test
    void quiescentStates() {
        AtomicReference<Route> table = new AtomicReference<>(new Route(10, 3));
        long sum = 0;
        try (Reclaimer<Route> qsbr = Engines.create("qsbr", Route::free)) {
            // example: quiescentStates
            try (Session<Route> s = qsbr.join()) {       // join = online
                for (int op = 0; op < 100; op++) {
                    s.enter();                           // free on qsbr; kept so the code runs on every engine
                    sum += s.protect(0, table).hops;
                    s.exit();
                    s.quiescent();                       // between operations: this thread holds no reference
                }
            }                                            // close = offline: writers stop waiting for this thread
            // end example
        }
        assertThat(sum).isEqualTo(300);
    }

    // ------------------------------------------------------------------ the write side

    /** A retired route and the goal that proves it unreachable (UMA keeps one per bucket). */
    record Deferred(Route route, long goal) {
    }

    @Test
    void advanceNowPollLater() throws Exception {
        Route oldRoute = new Route(10, 3);
        AtomicReference<Route> table = new AtomicReference<>(oldRoute);
        ArrayDeque<Deferred> limbo = new ArrayDeque<>();
        try (Reclaimer<Route> domain = Engines.create("gus", Route::free)) {
            Session<Route> reader = callOnOther(domain::join);
            onOther(() -> {
                reader.enter();
                reader.protect(0, table); // a reader holds the old route across the whole example
            });
            Session<Route> writer = domain.join();
            // example: advanceNowPollLater
            GracePeriods gp = (GracePeriods) writer;
            Route old = table.getAndSet(new Route(10, 2));   // 1. unlink: readers from now on find the new route
            long goal = gp.advance();                        // 2. then advance: the goal covers the unlink
            limbo.add(new Deferred(old, goal));              // 3. keep the node with its goal; do not wait
            // ... later (the next update, a timer): free what is ready; poll never waits
            while (!limbo.isEmpty() && gp.poll(limbo.peek().goal())) {
                Route.free(limbo.remove().route());
            }
            // end example
            assertThat(oldRoute.freed).as("a reader that entered before the advance is still inside").isFalse();
            onOther(() -> {
                reader.exit();
                reader.close();
            });
            while (!limbo.isEmpty() && gp.poll(limbo.peek().goal())) {
                Route.free(limbo.remove().route());
            }
            assertThat(oldRoute.freed).isTrue();
            writer.close();
        }
    }

    @Test
    void await() throws Exception {
        Route oldRoute = new Route(10, 3);
        AtomicReference<Route> table = new AtomicReference<>(oldRoute);
        try (Reclaimer<Route> domain = Engines.create("gus-deferred:limit=16", Route::free);
             Session<Route> writer = domain.join()) {
            GracePeriods gp = (GracePeriods) writer;
            // example: await
            Route old = table.getAndSet(new Route(10, 2));   // unlink
            long goal = gp.advance();                        // usually no shared write on gus-deferred
            gp.await(goal);                                  // smr_wait: blocks until no reader can hold old
            Route.free(old);
            // end example
        }
        assertThat(oldRoute.freed).isTrue();
    }

    @Test
    void synchronize() throws Exception {
        Route oldRoute = new Route(10, 3);
        AtomicReference<Route> table = new AtomicReference<>(oldRoute);
        try (Reclaimer<Route> domain = Engines.create("pserialize", Route::free);
             Session<Route> writer = domain.join()) {
            GracePeriods gp = (GracePeriods) writer;
            // example: synchronize
            Route old = table.getAndSet(new Route(10, 2));   // unlink
            gp.synchronize();                                // smr_synchronize = await(advance()); pserialize_perform
            Route.free(old);
            // end example
        }
        assertThat(oldRoute.freed).isTrue();
    }

    @Test
    void retireInBatches() {
        AtomicReference<Route> table = new AtomicReference<>(new Route(10, 0));
        // example: retireInBatches
        Reclaimer<Route> domain = Engines.create("gus-lazy:batch=64,tick=1ms", Route::free);
        try (Session<Route> writer = domain.join()) {
            for (int i = 1; i <= 1000; i++) {
                Route old = table.getAndSet(new Route(10, i)); // unlink
                writer.retire(old);     // into the open batch; every 64th retire seals it (one advance)
            }                           // and frees the sealed batches whose goal is reached
            writer.flush();             // seal the last partial batch now; never waits
            writer.barrier();           // wait until all 1000 are freed (needed only before a teardown)
        }
        // end example
        assertThat(domain.stats().retired()).isEqualTo(1000);
        assertThat(domain.stats().freed()).isEqualTo(1000);
        domain.close();
    }

    @Test
    void poolGetAndPut() {
        AtomicReference<PooledRoute> slot = new AtomicReference<>();
        // example: poolGetAndPut
        SmrPool<PooledRoute> pool = new SmrPool<>("gus:batch=64", PooledRoute::new);
        try (Session<PooledRoute> s = pool.reclaimer().join()) {
            PooledRoute r = pool.get(s);            // a freed node ready for reuse, else a fresh one; never waits
            r.set(10, 3);                           // initialize every field ...
            slot.setRelease(r);                     // ... before publishing it
            // later, replace it:
            PooledRoute next = pool.get(s);
            next.set(10, 2);
            PooledRoute old = slot.getAndSet(next); // unlink
            pool.put(s, old);                       // uma_zfree_smr / pool_cache_put: reused once no reader can hold it
        }
        // end example
        assertThat(pool.stats().retired()).isEqualTo(1);
        pool.close(); // frees (and poisons) what is still pending
        assertThat(pool.stats().freed()).isEqualTo(1);
        assertThat(pool.stats().writeAfterFree()).isZero();
    }

    // ------------------------------------------------------------------ the engines between: eras and references

    @Test
    void erasFromThePool() {
        AtomicReference<PooledRoute> slot = new AtomicReference<>();
        // example: erasFromThePool
        SmrPool<PooledRoute> pool = new SmrPool<>("he", PooledRoute::new); // or "ibr"
        try (Session<PooledRoute> s = pool.reclaimer().join()) {
            PooledRoute r = pool.get(s);            // get stamps r with its birth era (Births.born)
            r.set(10, 3);
            slot.setRelease(r);                     // publish after get: the stamp is already in place
            PooledRoute next = pool.get(s);
            next.set(10, 2);
            pool.put(s, slot.getAndSet(next));      // freed once no reader's reserved eras meet its lifetime
        }
        // end example
        assertThat(slot.get().smrHeader()).as("born in an era of the clock, which starts at 1").isPositive();
        assertThat(pool.stats().retired()).isEqualTo(1);
        pool.close();
        assertThat(pool.stats().freed()).isEqualTo(1);
    }

    @Test
    void referenceAcrossASleep() throws Exception {
        Route held = new Route(10, 3);
        AtomicReference<Route> table = new AtomicReference<>(held);
        long hops;
        try (Reclaimer<Route> domain = Engines.create("psref:batch=1", Route::free); // or "localcount"
             Session<Route> reader = domain.join()) {
            // example: referenceAcrossASleep
            reader.enter();                          // the span of the references; it may block and sleep
            Route r = reader.protect(0, table);      // psref_acquire (localcount_acquire), inside a short pserialize section
            Thread.sleep(20);                        // allowed: psref and localcount references survive sleeps
            hops = r.hops;                           // meanwhile a writer's retire(r) blocks in the destroy
            reader.exit();                           // psref_release: now the destroy completes and frees r
            // end example
        }
        assertThat(hops).isEqualTo(3);
    }

    @Test
    void destroyWaitsForTheReference() throws Exception {
        Route held = new Route(10, 3);
        AtomicReference<Route> table = new AtomicReference<>(held);
        try (Reclaimer<Route> domain = Engines.create("localcount:batch=1", Route::free);
             Session<Route> reader = domain.join()) {
            reader.enter();
            reader.protect(0, table);
            java.util.concurrent.Future<?> destroy = other.submit(() -> {
                try (Session<Route> writer = domain.join()) {
                    // example: destroyWaitsForTheReference
                    Route old = table.getAndSet(new Route(10, 2)); // unlink: no new reference can find it
                    writer.retire(old);     // batch=1: grace period, then waits until no thread references old; frees it
                    // end example
                }
            });
            Thread.sleep(100);
            assertThat(destroy.isDone()).as("the destroy waits for the reader's reference").isFalse();
            assertThat(held.freed).isFalse();
            reader.exit();
            destroy.get(30, TimeUnit.SECONDS);
            assertThat(held.freed).isTrue();
        }
    }

    // ------------------------------------------------------------------ checked mode and counterexamples

    @Test
    void checkedMode() {
        Rule caught = null;
        // example: checkedMode
        try (Reclaimer<Route> domain = Engines.create("gus:batch=64,checked=true", Route::free);
             Session<Route> s = domain.join()) {
            s.enter();
            try {
                s.enter();                               // gus sections do not nest
            } catch (SmrMisuseException e) {
                caught = e.rule();                       // NESTED_ENTER, thrown before the engine saw the call
            }
            s.exit();
        }
        // end example
        assertThat(caught).isEqualTo(Rule.NESTED_ENTER);
    }

    @Test
    void counterexampleSynchronizeInsideSection() {
        AtomicReference<Route> table = new AtomicReference<>(new Route(10, 3));
        try (Reclaimer<Route> domain = Engines.create("gus:checked=true", Route::free);
             Session<Route> s = domain.join()) {
            GracePeriods gp = (GracePeriods) s;
            SmrMisuseException e = catchThrowableOfType(SmrMisuseException.class, () -> {
                // example: counterexampleSynchronizeInsideSection
                s.enter();
                Route old = s.protect(0, table);
                table.set(new Route(10, 2));
                gp.synchronize();        // WRONG: waits for every reader, this one included: never returns
                Route.free(old);
                // end example
            });
            assertThat(e.rule()).isEqualTo(Rule.WAIT_IN_SECTION);
            s.exit();
        }
    }

    @Test
    void counterexampleRetireInsidePserializeSection() {
        AtomicReference<Route> table = new AtomicReference<>(new Route(10, 3));
        try (Reclaimer<Route> domain = Engines.create("pserialize:batch=1,checked=true", Route::free);
             Session<Route> s = domain.join()) {
            SmrMisuseException e = catchThrowableOfType(SmrMisuseException.class, () -> {
                // example: counterexampleRetireInsidePserializeSection
                s.enter();
                Route old = table.getAndSet(new Route(10, 2));
                s.retire(old);           // WRONG on pserialize and rwlock: a full batch waits for this very section
                s.exit();
                // end example
            });
            assertThat(e.rule()).isEqualTo(Rule.SLEEP_IN_SECTION);
            s.exit();
        }
    }

    @Test
    void counterexampleRetireWhileReferenced() {
        AtomicReference<Route> table = new AtomicReference<>(new Route(10, 3));
        try (Reclaimer<Route> domain = Engines.create("psref:batch=1,checked=true", Route::free);
             Session<Route> s = domain.join()) {
            SmrMisuseException e = catchThrowableOfType(SmrMisuseException.class, () -> {
                // example: counterexampleRetireWhileReferenced
                s.enter();
                Route r = s.protect(0, table);
                table.set(new Route(10, 2));   // unlinked ...
                s.retire(r);                   // WRONG on psref and localcount: the destroy waits for this very reference
                s.exit();
                // end example
            });
            assertThat(e.rule()).isEqualTo(Rule.RETIRE_WHILE_REFERENCED);
            s.exit();
        }
    }

    @Test
    void counterexampleFabricatedGoal() throws Exception {
        Route oldRoute = new Route(10, 3);
        AtomicReference<Route> table = new AtomicReference<>(oldRoute);
        try (Reclaimer<Route> domain = Engines.create("gus-lazy:checked=true", Route::free);
             Session<Route> s = domain.join()) {
            GracePeriods gp = (GracePeriods) s;
            SmrMisuseException e = catchThrowableOfType(SmrMisuseException.class, () -> {
                // example: counterexampleFabricatedGoal
                Route old = table.getAndSet(new Route(10, 2));
                long goal = gp.current() + 8;   // WRONG: goals come from advance(); past the clock the engine
                if (gp.poll(goal)) {            // takes this for a wrapped goal and says "reached" at once
                    Route.free(old);
                }
                // end example
            });
            assertThat(e.rule()).isEqualTo(Rule.LAZY_GRACE_SKIPPED);
            assertThat(oldRoute.freed).isFalse();
        }
    }

    @Test
    void counterexampleUseAfterExit() throws Exception {
        AtomicReference<PooledRoute> slot = new AtomicReference<>();
        try (SmrPool<PooledRoute> pool = new SmrPool<>("gus:batch=1", PooledRoute::new);
             Session<PooledRoute> reader = pool.reclaimer().join()) {
            PooledRoute r0 = pool.get(reader);
            r0.set(10, 3);
            slot.setRelease(r0);
            Runnable anotherThreadReplacesAndFreesIt = () -> {
                try (Session<PooledRoute> w = pool.reclaimer().join()) {
                    PooledRoute next = pool.get(w);
                    next.set(10, 2);
                    pool.put(w, slot.getAndSet(next));
                    w.barrier();
                }
            };
            boolean freedMeanwhile;
            long hops;
            // example: counterexampleUseAfterExit
            reader.enter();
            PooledRoute r = reader.protect(0, slot);
            long g1 = r.generation();                    // even: live (the pool makes it odd when it frees r)
            reader.exit();
            onOther(anotherThreadReplacesAndFreesIt);
            hops = r.hops();                             // WRONG: r was only protected until exit()
            freedMeanwhile = r.generation() != g1;       // how the lab's readers notice: the generation moved
            // end example
            assertThat(freedMeanwhile).isTrue();
            assertThat(hops).isEqualTo(PooledRoute.POISON);
        }
    }

    @Test
    void counterexampleAdvanceBeforeUnlink() {
        Route oldRoute = new Route(10, 3);
        AtomicReference<Route> table = new AtomicReference<>(oldRoute);
        try (Reclaimer<Route> domain = Engines.create("gus:checked=true", Route::free);
             Session<Route> s = domain.join()) {
            GracePeriods gp = (GracePeriods) s;
            // example: counterexampleAdvanceBeforeUnlink
            long goal = gp.advance();                        // WRONG: the goal is taken before the unlink ...
            Route old = table.getAndSet(new Route(10, 2));   // ... so a reader that entered in between,
            gp.await(goal);                                  // saw the new clock and the old route,
            Route.free(old);                                 // does not hold this goal back
            // end example
        }
        assertThat(oldRoute.freed).as("checked mode cannot see the order; litmus broken.GusAdvanceBeforeUnlink can").isTrue();
    }
}
