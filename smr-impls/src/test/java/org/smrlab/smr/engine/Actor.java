package org.smrlab.smr.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A thread of its own for a test: sessions are confined to the thread that joined, so a test that
 * plays a reader and a writer gives each an Actor and hands it work, synchronously or not.
 */
final class Actor implements AutoCloseable {
    private final ExecutorService exec;

    Actor(String name) {
        exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code c} on the actor's thread and returns its result. */
    <V> V call(Callable<V> c) {
        try {
            return exec.submit(c).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("actor failed", e);
        }
    }

    void run(Runnable r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    /** Starts {@code r} on the actor's thread without waiting for it. */
    Future<?> start(Runnable r) {
        return exec.submit(r);
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
