package io.disruptorx.bench.node;

/**
 * Stalls of one thread during a run, each an interval {@code [start, start + length)} on the
 * {@link System#nanoTime()} clock, kept when at least a threshold long, in preallocated arrays (one writer thread;
 * read after it stopped). Beyond {@value #CAPACITY} stalls only the totals grow.
 */
public final class StallLog
{
    /** Stalls kept one by one. */
    public static final int CAPACITY = 8192;

    private final long threshold;
    private final long[] starts = new long[CAPACITY];
    private final long[] lengths = new long[CAPACITY];
    private int kept;
    private long count;
    private long totalNanos;
    private long maxNanos;

    /**
     * @param thresholdNanos shortest stall logged.
     */
    public StallLog(final long thresholdNanos)
    {
        this.threshold = thresholdNanos;
    }

    /**
     * @param startNanos  when the stall began.
     * @param lengthNanos how long it lasted; ignored under the threshold.
     */
    public void add(final long startNanos, final long lengthNanos)
    {
        if (lengthNanos < threshold)
        {
            return;
        }
        if (kept < CAPACITY)
        {
            starts[kept] = startNanos;
            lengths[kept] = lengthNanos;
            kept++;
        }
        count++;
        totalNanos += lengthNanos;
        maxNanos = Math.max(maxNanos, lengthNanos);
    }

    /**
     * @return stalls logged.
     */
    public long count()
    {
        return count;
    }

    /**
     * @return their summed length.
     */
    public long totalNanos()
    {
        return totalNanos;
    }

    /**
     * @return the longest.
     */
    public long maxNanos()
    {
        return maxNanos;
    }

    /**
     * @return stalls kept one by one.
     */
    public int kept()
    {
        return kept;
    }

    /**
     * @param i from 0 to {@link #kept()}.
     * @return when stall {@code i} began.
     */
    public long start(final int i)
    {
        return starts[i];
    }

    /**
     * @param i from 0 to {@link #kept()}.
     * @return its length.
     */
    public long length(final int i)
    {
        return lengths[i];
    }

    /**
     * @param from start of an interval.
     * @param to   its end.
     * @return how much of it the kept stalls cover (overlaps counted once per stall).
     */
    public long overlap(final long from, final long to)
    {
        long covered = 0;
        for (int i = 0; i < kept; i++)
        {
            final long start = Math.max(from, starts[i]);
            final long end = Math.min(to, starts[i] + lengths[i]);
            if (end > start)
            {
                covered += end - start;
            }
        }
        return covered;
    }

    /**
     * @return the index of the longest kept stall not yet taken, marking it taken (its length negated), or -1.
     */
    int takeLongest()
    {
        int longest = -1;
        for (int i = 0; i < kept; i++)
        {
            if (lengths[i] > 0 && (longest < 0 || lengths[i] > lengths[longest]))
            {
                longest = i;
            }
        }
        if (longest >= 0)
        {
            lengths[longest] = -lengths[longest];
        }
        return longest;
    }
}
