package org.smrlab.bench.profiler;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Collection;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Aggregator;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.util.ListStatistics;

/**
 * A percentile of a latency histogram, pooled over iterations and forks: each iteration's result
 * carries its interval histogram, and the aggregate's score is the percentile of the
 * <em>merged</em> histogram. Averaging per-iteration percentiles would not give a percentile of
 * anything; this does. The per-iteration percentiles are kept as the statistics (JMH's sample
 * count and raw data), for inspection only.
 *
 * <h2>Implementation notes</h2>
 * The histogram travels in a {@link Payload} shared by the four percentile results of one
 * iteration: JMH sends the iteration's results from the forked JVM to the host as one serialized
 * object graph, so the payload is compressed and sent once. Compression happens only when it is
 * serialized, decompression only when a score or merge first needs it, and the decoded histogram
 * is kept: JMH re-aggregates secondary results every time a formatter asks for them, and decoding
 * the same bytes again each time would cost more than the benchmark's own bookkeeping. A result
 * of one iteration also carries its percentile, computed in the fork, so printing iteration
 * results decodes nothing.
 *
 * <p>Percentile 100 is the maximum. An empty histogram (nothing freed) scores NaN.
 */
public final class PooledHistogramResult extends Result<PooledHistogramResult> {
    private static final long serialVersionUID = 2L;

    /** One histogram, shared by the results that read percentiles of it; compressed when serialized. */
    public static final class Payload implements Serializable {
        private static final long serialVersionUID = 1L;
        private transient Histogram histogram;
        private byte[] compressed;

        public Payload(Histogram h) {
            this.histogram = h;
        }

        synchronized Histogram histogram() {
            if (histogram == null) {
                try {
                    histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
                } catch (java.util.zip.DataFormatException e) {
                    throw new IllegalStateException("corrupt histogram in a secondary result", e);
                }
            }
            return histogram;
        }

        private synchronized void writeObject(ObjectOutputStream out) throws IOException {
            if (compressed == null) {
                ByteBuffer buf = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
                int n = histogram.encodeIntoCompressedByteBuffer(buf);
                compressed = new byte[n];
                buf.flip();
                buf.get(compressed);
            }
            out.defaultWriteObject();
        }
    }

    private final double percentile;
    private final Payload payload;
    private final double[] perIteration;
    private transient Double score; // computed once; transient fields come back null from the fork

    /** The {@code percentile} (0..100; 100 = max) of one iteration's histogram. */
    public PooledHistogramResult(String label, double percentile, Payload payload) {
        this(label, percentile, payload, new double[] {valueAt(payload.histogram(), percentile)});
    }

    private PooledHistogramResult(String label, double percentile, Payload payload, double[] perIteration) {
        super(ResultRole.SECONDARY, label, statistics(perIteration), "ns", AggregationPolicy.MAX);
        this.percentile = percentile;
        this.payload = payload;
        this.perIteration = perIteration;
    }

    static double valueAt(Histogram h, double percentile) {
        if (h.getTotalCount() == 0) {
            return Double.NaN;
        }
        return percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile);
    }

    private static ListStatistics statistics(double[] values) {
        ListStatistics s = new ListStatistics();
        for (double v : values) {
            if (!Double.isNaN(v)) {
                s.addValue(v);
            }
        }
        return s;
    }

    /** The (merged) histogram this result stands for. */
    public Histogram histogram() {
        return payload.histogram();
    }

    @Override
    public double getScore() {
        if (perIteration.length == 1) {
            return perIteration[0]; // one iteration: computed in the fork, no need to decode the histogram here
        }
        if (score == null) {
            score = valueAt(payload.histogram(), percentile);
        }
        return score;
    }

    @Override
    public double[] getScoreConfidence() {
        return new double[] {getScore(), getScore()};
    }

    @Override
    protected Aggregator<PooledHistogramResult> getThreadAggregator() {
        return PooledHistogramResult::merge;
    }

    @Override
    protected Aggregator<PooledHistogramResult> getIterationAggregator() {
        return PooledHistogramResult::merge;
    }

    private static PooledHistogramResult merge(Collection<PooledHistogramResult> results) {
        Histogram all = new Histogram(LatencyRecorders.DIGITS); // auto-resizing: holds any range the parts hold
        int count = 0;
        for (PooledHistogramResult r : results) {
            count += r.perIteration.length;
        }
        double[] values = new double[count];
        int at = 0;
        String label = null;
        double percentile = 0;
        for (PooledHistogramResult r : results) {
            all.add(r.payload.histogram());
            System.arraycopy(r.perIteration, 0, values, at, r.perIteration.length);
            at += r.perIteration.length;
            label = r.getLabel();
            percentile = r.percentile;
        }
        return new PooledHistogramResult(label, percentile, new Payload(all), values);
    }
}
