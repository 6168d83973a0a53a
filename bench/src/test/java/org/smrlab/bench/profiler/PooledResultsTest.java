package org.smrlab.bench.profiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PooledResultsTest {

    @Test
    void histogramPercentilesArePooledNotAveraged() {
        Histogram fast = LatencyRecorders.newHistogram();
        for (int i = 0; i < 990; i++) {
            fast.recordValue(100);
        }
        Histogram slow = LatencyRecorders.newHistogram();
        for (int i = 0; i < 10; i++) {
            slow.recordValue(1_000_000);
        }
        PooledHistogramResult a = new PooledHistogramResult("smr.r2f.p50", 50, new PooledHistogramResult.Payload(fast));
        PooledHistogramResult b = new PooledHistogramResult("smr.r2f.p50", 50, new PooledHistogramResult.Payload(slow));
        PooledHistogramResult pooled = a.getIterationAggregator().aggregate(List.of(a, b));
        // the average of the two iterations' medians would be ~500,000 ns; the pooled median is 100 ns
        assertThat(pooled.getScore()).isBetween(99.0, 101.0);
        assertThat(pooled.getSampleCount()).isEqualTo(2);
        PooledHistogramResult max = new PooledHistogramResult("smr.r2f.max", 100, new PooledHistogramResult.Payload(fast));
        PooledHistogramResult max2 = new PooledHistogramResult("smr.r2f.max", 100, new PooledHistogramResult.Payload(slow));
        assertThat(max.getIterationAggregator().aggregate(List.of(max, max2)).getScore()).isBetween(999_000.0, 1_001_000.0);
        assertThat(new PooledHistogramResult("smr.r2f.p99", 99, new PooledHistogramResult.Payload(LatencyRecorders.newHistogram())).getScore()).isNaN();
    }

    @Test
    void histogramsSurviveSerializationAndAreSentOnce() throws Exception {
        Histogram h = LatencyRecorders.newHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 1000L);
        }
        PooledHistogramResult.Payload p = new PooledHistogramResult.Payload(h);
        List<PooledHistogramResult> sent = List.of(new PooledHistogramResult("smr.r2f.p50", 50, p),
                new PooledHistogramResult("smr.r2f.p99", 99, p));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.ArrayList<>(sent));
        }
        assertThat(bytes.size()).isLessThan(8_000); // compressed, and once
        @SuppressWarnings("unchecked")
        List<PooledHistogramResult> got = (List<PooledHistogramResult>) new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())).readObject();
        assertThat(got.get(0).getScore()).isCloseTo(500_000, org.assertj.core.data.Percentage.withPercentage(0.5));
        assertThat(got.get(1).getScore()).isCloseTo(990_000, org.assertj.core.data.Percentage.withPercentage(0.5));
        assertThat(got.get(0).histogram()).isSameAs(got.get(1).histogram());
    }

    @Test
    void ratiosArePooledOverSums() {
        PooledRatioResult a = new PooledRatioResult("smr.scans.per.op", 10, 1000, "#/op");
        PooledRatioResult b = new PooledRatioResult("smr.scans.per.op", 0, 9000, "#/op");
        assertThat(a.getIterationAggregator().aggregate(List.of(a, b)).getScore()).isEqualTo(0.001);
        assertThat(new PooledRatioResult("smr.get.slow.mean", 5, 0, "ns").getScore()).isNaN();
    }

    @Test
    void recordersSumThreadsAndStartAfresh() throws Exception {
        LatencyRecorders r = new LatencyRecorders();
        r.record(10);
        Thread t = new Thread(() -> r.record(20));
        t.start();
        t.join();
        Histogram h = r.swap();
        assertThat(h.getTotalCount()).isEqualTo(2);
        assertThat(r.swap().getTotalCount()).isZero();
        r.record(Long.MAX_VALUE); // clamped, not thrown
        assertThat(r.swap().getMaxValue()).isGreaterThan(1_000_000_000_000L);
    }
}
