package io.disruptorx.core.metrics;

/**
 * Percentiles of a latency distribution at one point in time, in the recorder's unit (nanoseconds by convention).
 *
 * @param count number of values.
 * @param sum   exact sum of the values.
 * @param p50   median.
 * @param p90   90th percentile.
 * @param p99   99th percentile.
 * @param p999  99.9th percentile.
 * @param max   largest value (to the histogram's precision).
 */
public record LatencySnapshot(long count, long sum, long p50, long p90, long p99, long p999, long max)
{
}
