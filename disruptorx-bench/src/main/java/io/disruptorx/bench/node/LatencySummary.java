package io.disruptorx.bench.node;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency run, in nanoseconds.
 *
 * @param count samples.
 * @param p50   median.
 * @param p90   90th percentile.
 * @param p99   99th percentile.
 * @param p999  99.9th percentile.
 * @param max   largest sample.
 */
public record LatencySummary(long count, long p50, long p90, long p99, long p999, long max)
{
    /**
     * @param histogram samples in nanoseconds.
     * @return its percentiles.
     */
    public static LatencySummary of(final Histogram histogram)
    {
        return new LatencySummary(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    /**
     * @param nanos a latency.
     * @return it in whole microseconds, rounded half up.
     */
    public static long micros(final long nanos)
    {
        return (nanos + 500) / 1_000;
    }

    /**
     * @return one line: {@code p50=.. p90=.. p99=.. p99.9=.. max=.. us (n samples)}.
     */
    public String describe()
    {
        return String.format("p50=%,d p90=%,d p99=%,d p99.9=%,d max=%,d us (%,d samples)", micros(p50),
            micros(p90), micros(p99), micros(p999), micros(max), count);
    }
}
