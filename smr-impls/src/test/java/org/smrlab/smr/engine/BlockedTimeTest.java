package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * A writer that blocks for a reader has its blocked time counted ({@code Stats.waitNanos}, the review's
 * R1): psref's destroy, localcount's drain, and the scanning engines' barrier, while another thread
 * holds the node for about 50 ms. Before the wait accounting was added to these engines the count was 0.
 */
class BlockedTimeTest {

    @ParameterizedTest
    @ValueSource(strings = {"psref:batch=1", "localcount:batch=1", "he:batch=64", "ibr:batch=64", "hp:batch=64"})
    void aWriterBlockedByAReaderHasItsBlockedTimeCounted(String spec) throws Exception {
        try (Reclaimer<Object> r = Engines.create(spec, n -> { })) {
            Object node = new Object();
            AtomicReference<Object> head = new AtomicReference<>(node);
            CountDownLatch holding = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                Session<Object> s = r.join();
                s.enter();
                s.protect(0, head);
                holding.countDown();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                s.exit();
                s.close();
            });
            reader.start();
            holding.await();
            Session<Object> w = r.join();
            head.set(new Object());
            w.retire(node); // batch=1: psref and localcount destroy here, blocking
            w.barrier();    // the scanning engines wait here
            reader.join();
            assertThat(r.stats().waits()).as(spec + ": waits").isPositive();
            assertThat(r.stats().waitNanos()).as(spec + ": blocked time").isGreaterThan(10_000_000L);
            w.close();
        }
    }
}
