package io.disruptorx.bench.node;

import java.util.Arrays;

/**
 * The gaps a spinning thread saw between two consecutive readings of the clock, and what they cost a request
 * arriving at a random instant: a thread that does nothing but read {@link System#nanoTime()} can only see a gap
 * when the platform held it up (descheduled it, stole the CPU, stopped the JVM). A request arriving during a gap
 * of {@code g} ns, {@code s} ns after it began, waits {@code g - s} ns more; so over a window of {@code T} ns, the
 * chance that a request arriving at a random instant waits more than {@code t} is {@code sum(max(0, g - t)) / T}.
 * That is the coordinated-omission-corrected view the latency legs take of a stall, so the quantiles here are the
 * floor the host puts under theirs.
 */
final class SpinGaps
{
    private final long[] gaps;
    private int count;
    private long dropped;

    /**
     * @param capacity how many gaps are kept (more are counted in {@link #dropped()}).
     */
    SpinGaps(final int capacity)
    {
        gaps = new long[capacity];
    }

    /**
     * @param nanos a gap's length.
     */
    void add(final long nanos)
    {
        if (count < gaps.length)
        {
            gaps[count++] = nanos;
        }
        else
        {
            dropped++;
        }
    }

    /**
     * @return gaps recorded.
     */
    int count()
    {
        return count;
    }

    /**
     * @return gaps not kept because the log was full (the quantiles are then too low: the bench says so).
     */
    long dropped()
    {
        return dropped;
    }

    /**
     * @return the sum of the gaps, nanoseconds.
     */
    long totalNanos()
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += gaps[i];
        }
        return sum;
    }

    /**
     * @return the longest gap, nanoseconds (0 when none).
     */
    long maxNanos()
    {
        long max = 0;
        for (int i = 0; i < count; i++)
        {
            max = Math.max(max, gaps[i]);
        }
        return max;
    }

    /**
     * The wait a request arriving at a random instant of the window exceeds with probability {@code 1 - quantile}.
     *
     * @param logs         the gaps of one or more threads, each over the same window.
     * @param windowNanos  the window each thread spun for.
     * @param quantile     e.g. 0.99.
     * @return nanoseconds (0 when the gaps cover less than {@code 1 - quantile} of the time).
     */
    static long waitQuantile(final SpinGaps[] logs, final long windowNanos, final double quantile)
    {
        int total = 0;
        for (final SpinGaps log : logs)
        {
            total += log.count;
        }
        final long[] sorted = new long[total];
        int at = 0;
        for (final SpinGaps log : logs)
        {
            System.arraycopy(log.gaps, 0, sorted, at, log.count);
            at += log.count;
        }
        Arrays.sort(sorted);
        final double target = (1.0 - quantile) * windowNanos * logs.length;
        // f(t) = sum over gaps longer than t of (g - t): walk down from the longest gap, keeping the count and the
        // sum of the gaps above t, until f reaches the target; between two gap lengths f is linear in t.
        long sumAbove = 0;
        for (int i = sorted.length - 1; i >= 0; i--)
        {
            sumAbove += sorted[i];
            final int above = sorted.length - i;
            final long next = i > 0 ? sorted[i - 1] : 0;
            if (sumAbove - (double)above * next >= target)
            {
                return Math.max(next, Math.round((sumAbove - target) / above));
            }
        }
        return 0;
    }
}
