package io.disruptorx.core.metrics;

import java.util.Arrays;

/**
 * A reader's view of latency values: counts laid out exactly as HdrHistogram lays out a {@code Histogram} with a
 * lowest discernible value of 1 (the same index for every value, so the same percentiles, maximum and bucket counts
 * to the last digit), with the total of every block of {@link #BLOCK} indexes beside them. Adding, copying, clearing
 * and reading visit only the blocks that hold a count, and percentiles walk the block totals (432 of them for 1 ns
 * to 60 s at three significant digits) and then one block per percentile, instead of the 27,648 counts; the writers
 * count into a {@link LatencyPhase}, which the reader moves in with {@link #addAt}. Not thread-safe: one reader at a
 * time (the recorder's lock).
 */
final class LatencyCounts
{
    /** log2 of {@link #BLOCK}. */
    static final int BLOCK_SHIFT = 6;
    /** Indexes per block: a block's total, or a phase's word of index bits. */
    static final int BLOCK = 1 << BLOCK_SHIFT;

    private static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9};

    private final int halfCountMagnitude;
    private final int halfCount;
    private final long subBucketMask;
    private final int leadingZeroCountBase;
    private final long[] counts;
    private final long[] blocks;
    private final long[] thresholds = new long[PERCENTILES.length];
    private final long[] values = new long[PERCENTILES.length];
    private long total;
    private long sum;

    /**
     * @param highestTrackableValue largest value to count, at least 2.
     * @param significantDigits     precision, 0 to 5.
     */
    LatencyCounts(final long highestTrackableValue, final int significantDigits)
    {
        if (significantDigits < 0 || significantDigits > 5)
        {
            throw new IllegalArgumentException("significant digits must be 0 to 5: " + significantDigits);
        }
        if (highestTrackableValue < 2)
        {
            throw new IllegalArgumentException("highest trackable value must be at least 2: " +
                highestTrackableValue);
        }
        final long singleUnitResolution = 2 * (long)Math.pow(10, significantDigits);
        final int subBucketCountMagnitude = (int)Math.ceil(Math.log(singleUnitResolution) / Math.log(2));
        halfCountMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
        final int subBucketCount = 1 << (halfCountMagnitude + 1);
        halfCount = subBucketCount / 2;
        subBucketMask = subBucketCount - 1;
        leadingZeroCountBase = 64 - halfCountMagnitude - 1;
        counts = new long[index(highestTrackableValue) + 1];
        blocks = new long[blocks(counts.length)];
    }

    /**
     * @param value a value from 0 to the highest trackable value.
     * @return its index in the counts (HdrHistogram's {@code countsArrayIndex}).
     */
    int index(final long value)
    {
        final int bucket = leadingZeroCountBase - Long.numberOfLeadingZeros(value | subBucketMask);
        final int subBucket = (int)(value >>> bucket);
        return ((bucket + 1) << halfCountMagnitude) + subBucket - halfCount;
    }

    /**
     * @param index an index of the counts.
     * @return the lowest value counted at it (HdrHistogram's {@code valueFromIndex}).
     */
    long lowestValue(final int index)
    {
        final int bucket = (index >> halfCountMagnitude) - 1;
        final int subBucket = (index & (halfCount - 1)) + halfCount;
        return bucket < 0 ? subBucket - halfCount : (long)subBucket << bucket;
    }

    /**
     * @param index an index of the counts.
     * @return the highest value counted at it (HdrHistogram's {@code highestEquivalentValue}).
     */
    long highestValue(final int index)
    {
        return lowestValue(index) + (1L << Math.max(0, (index >> halfCountMagnitude) - 1)) - 1;
    }

    /**
     * @return the number of counts.
     */
    int length()
    {
        return counts.length;
    }

    /**
     * @param length a number of counts.
     * @return the number of blocks of {@link #BLOCK} indexes that cover them.
     */
    static int blocks(final int length)
    {
        return (length + BLOCK - 1) >>> BLOCK_SHIFT;
    }

    /**
     * Adds a count moved from a phase; the total is added once per move ({@link #addTotal}).
     *
     * @param index an index.
     * @param count its count.
     */
    void addAt(final int index, final long count)
    {
        counts[index] += count;
        blocks[index >>> BLOCK_SHIFT] += count;
    }

    /**
     * @param added the number of values whose counts {@link #addAt} added.
     */
    void addTotal(final long added)
    {
        total += added;
    }

    /**
     * Adds another view of the same layout, and its sum.
     *
     * @param other the view to add.
     */
    void add(final LatencyCounts other)
    {
        final long[] from = other.counts;
        for (int b = 0; b < blocks.length; b++)
        {
            if (other.blocks[b] != 0)
            {
                final int end = blockEnd(b);
                for (int i = b << BLOCK_SHIFT; i < end; i++)
                {
                    counts[i] += from[i];
                }
                blocks[b] += other.blocks[b];
            }
        }
        total += other.total;
        sum += other.sum;
    }

    /**
     * Makes this view equal to another of the same layout.
     *
     * @param other the view to copy.
     */
    void copyFrom(final LatencyCounts other)
    {
        for (int b = 0; b < blocks.length; b++)
        {
            if (blocks[b] != 0 || other.blocks[b] != 0)
            {
                final int start = b << BLOCK_SHIFT;
                System.arraycopy(other.counts, start, counts, start, blockEnd(b) - start);
                blocks[b] = other.blocks[b];
            }
        }
        total = other.total;
        sum = other.sum;
    }

    /**
     * Empties the counts and the sum.
     */
    void clear()
    {
        for (int b = 0; b < blocks.length; b++)
        {
            if (blocks[b] != 0)
            {
                Arrays.fill(counts, b << BLOCK_SHIFT, blockEnd(b), 0);
                blocks[b] = 0;
            }
        }
        total = 0;
        sum = 0;
    }

    private int blockEnd(final int block)
    {
        return Math.min((block + 1) << BLOCK_SHIFT, counts.length);
    }

    /**
     * @param added the sum of values whose counts were or will be added.
     */
    void addSum(final long added)
    {
        sum += added;
    }

    /**
     * @return the number of values counted.
     */
    long total()
    {
        return total;
    }

    /**
     * @return the exact sum of the values counted.
     */
    long sum()
    {
        return sum;
    }

    /**
     * The percentiles of this view, or of what was counted since a copy of it was taken: each is HdrHistogram's
     * {@code getValueAtPercentile} (the highest value of the first index at which the running count reaches
     * {@code max(1, ceil(p' * total / 100))}, p' the percentile's next lower double) and the maximum its
     * {@code getMaxValue}. Walks the block totals, and the counts of only the blocks where a percentile or the
     * maximum falls.
     *
     * @param start an earlier {@link #copyFrom} of this view, or null for all of it.
     * @return the snapshot.
     */
    LatencySnapshot snapshot(final LatencyCounts start)
    {
        final long count = start == null ? total : total - start.total;
        final long valuesSum = start == null ? sum : sum - start.sum;
        if (count == 0)
        {
            return new LatencySnapshot(0, valuesSum, 0, 0, 0, 0, 0);
        }
        for (int p = 0; p < PERCENTILES.length; p++)
        {
            final double requested = Math.min(Math.max(Math.nextAfter(PERCENTILES[p], Double.NEGATIVE_INFINITY),
                0.0), 100.0);
            thresholds[p] = Math.max((long)Math.ceil(requested * count / 100.0), 1);
        }
        final long[] theirs = start == null ? null : start.counts;
        final long[] theirBlocks = start == null ? null : start.blocks;
        long running = 0;
        int found = 0;
        for (int b = 0; b < blocks.length && found < thresholds.length; b++)
        {
            final long inBlock = theirBlocks == null ? blocks[b] : blocks[b] - theirBlocks[b];
            if (running + inBlock < thresholds[found])
            {
                running += inBlock;
                continue;
            }
            final int end = blockEnd(b);
            for (int i = b << BLOCK_SHIFT; i < end; i++)
            {
                running += theirs == null ? counts[i] : counts[i] - theirs[i];
                while (found < thresholds.length && running >= thresholds[found])
                {
                    values[found++] = highestValue(i);
                }
            }
        }
        return new LatencySnapshot(count, valuesSum, values[0], values[1], values[2], values[3],
            highestValue(highestCounted(theirs, theirBlocks)));
    }

    private int highestCounted(final long[] theirs, final long[] theirBlocks)
    {
        int b = blocks.length - 1;
        while (b > 0 && (theirBlocks == null ? blocks[b] : blocks[b] - theirBlocks[b]) == 0)
        {
            b--;
        }
        int i = blockEnd(b) - 1;
        while (i > b << BLOCK_SHIFT && (theirs == null ? counts[i] : counts[i] - theirs[i]) == 0)
        {
            i--;
        }
        return i;
    }

    /**
     * Counts at or below each bound, to the counts' precision: a value counts as below a bound when the lowest value
     * of its index is (HdrHistogram's recorded values against {@code lowestEquivalentValue}).
     *
     * @param upperBounds ascending bounds.
     * @param out         receives the cumulative count at or below each bound (same length).
     */
    void buckets(final long[] upperBounds, final long[] out)
    {
        Arrays.fill(out, 0);
        for (int b = 0; b < blocks.length; b++)
        {
            if (blocks[b] == 0)
            {
                continue;
            }
            final int end = blockEnd(b);
            for (int i = b << BLOCK_SHIFT; i < end; i++)
            {
                final long count = counts[i];
                if (count != 0)
                {
                    final long low = lowestValue(i);
                    for (int u = upperBounds.length - 1; u >= 0 && upperBounds[u] >= low; u--)
                    {
                        out[u] += count;
                    }
                }
            }
        }
    }
}
