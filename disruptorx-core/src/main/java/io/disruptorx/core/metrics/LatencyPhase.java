package io.disruptorx.core.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What the writers of a {@link LatencyRecorder} count between two drains: counts in {@link LatencyCounts}' layout
 * and one bit per index that holds a count (a word per 64 indexes), so that a drain visits only the indexes
 * recorded, not the whole array. The record methods are the writers'; {@link #moveInto} is the reader's and runs
 * only once no writer can reach this phase any more (the recorder's phaser sees to that), and leaves it empty for
 * the writers' next turn.
 */
final class LatencyPhase
{
    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle TOUCHED = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] counts;
    private final long[] touched;

    /**
     * @param length the number of counts ({@link LatencyCounts#length()}).
     */
    LatencyPhase(final int length)
    {
        counts = new long[length];
        touched = new long[LatencyCounts.blocks(length)];
    }

    /**
     * Counts one value; the only writer.
     *
     * @param index the value's {@link LatencyCounts#index(long)}.
     */
    void recordPlain(final int index)
    {
        counts[index]++;
        touched[index >>> LatencyCounts.BLOCK_SHIFT] |= 1L << index;
    }

    /**
     * Counts one value; one of several writers. The bit is set atomically only when not yet seen set.
     *
     * @param index the value's {@link LatencyCounts#index(long)}.
     */
    void recordShared(final int index)
    {
        COUNTS.getAndAdd(counts, index, 1L);
        final int word = index >>> LatencyCounts.BLOCK_SHIFT;
        final long bit = 1L << index;
        if (((long)TOUCHED.getOpaque(touched, word) & bit) == 0)
        {
            TOUCHED.getAndBitwiseOr(touched, word, bit);
        }
    }

    /**
     * Adds what was counted here to both views and empties this phase; a pass over the index bits and then only over
     * the indexes recorded. The sum is the caller's.
     *
     * @param first  one view.
     * @param second the other.
     */
    void moveInto(final LatencyCounts first, final LatencyCounts second)
    {
        final long[] bits = touched;
        final long[] from = counts;
        long moved = 0;
        for (int w = 0; w < bits.length; w++)
        {
            long word = bits[w];
            if (word != 0)
            {
                bits[w] = 0;
                final int base = w << LatencyCounts.BLOCK_SHIFT;
                do
                {
                    final int index = base + Long.numberOfTrailingZeros(word);
                    word &= word - 1;
                    final long count = from[index];
                    from[index] = 0;
                    first.addAt(index, count);
                    second.addAt(index, count);
                    moved += count;
                }
                while (word != 0);
            }
        }
        first.addTotal(moved);
        second.addTotal(moved);
    }
}
