package io.disruptorx.marketdata.client;

import java.nio.ByteBuffer;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Messages received ahead of a gap, kept by sequence in a ring of fixed-size slots: the slot of sequence
 * {@code s} is {@code s mod capacity}, so the buffer keeps the latest {@code capacity} sequences it was given.
 * Preallocated; nothing is allocated per message.
 */
final class SequenceBuffer
{
    private static final int LENGTH_OFFSET = 0;
    private static final int DATA_OFFSET = 8;

    private final long[] sequences;
    private final UnsafeBuffer data;
    private final int slotLength;
    private final int maxMessageLength;
    private final int mask;
    private int size;

    SequenceBuffer(final int capacity, final int maxMessageLength)
    {
        if (!BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.sequences = new long[capacity];
        this.mask = capacity - 1;
        this.maxMessageLength = maxMessageLength;
        this.slotLength = DATA_OFFSET + BitUtil.align(maxMessageLength, 8);
        this.data = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.multiplyExact(capacity, slotLength)));
    }

    int capacity()
    {
        return sequences.length;
    }

    int size()
    {
        return size;
    }

    /**
     * @return whether it was stored (false when too long).
     */
    boolean put(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > maxMessageLength)
        {
            return false;
        }
        final int index = (int)(sequence & mask);
        if (sequences[index] == 0)
        {
            size++;
        }
        sequences[index] = sequence;
        final int base = index * slotLength;
        data.putInt(base + LENGTH_OFFSET, length);
        data.putBytes(base + DATA_OFFSET, buffer, offset, length);
        return true;
    }

    boolean contains(final long sequence)
    {
        return sequences[(int)(sequence & mask)] == sequence;
    }

    int offset(final long sequence)
    {
        return (int)(sequence & mask) * slotLength + DATA_OFFSET;
    }

    int length(final long sequence)
    {
        return data.getInt((int)(sequence & mask) * slotLength + LENGTH_OFFSET);
    }

    UnsafeBuffer buffer()
    {
        return data;
    }

    void remove(final long sequence)
    {
        final int index = (int)(sequence & mask);
        if (sequences[index] == sequence)
        {
            sequences[index] = 0;
            size--;
        }
    }

    /**
     * Forgets everything at or below a sequence.
     *
     * @return how many were dropped.
     */
    int dropUpTo(final long sequence)
    {
        int dropped = 0;
        final long[] sequences = this.sequences;
        for (int i = 0; i < sequences.length && size > 0; i++)
        {
            final long s = sequences[i];
            if (s != 0 && s <= sequence)
            {
                sequences[i] = 0;
                size--;
                dropped++;
            }
        }
        return dropped;
    }

    /**
     * @return the lowest buffered sequence above {@code after} and at most {@code limit}, or 0 when none.
     */
    long firstAbove(final long after, final long limit)
    {
        final long end = Math.min(limit, after + sequences.length);
        for (long s = after + 1; s <= end; s++)
        {
            if (sequences[(int)(s & mask)] == s)
            {
                return s;
            }
        }
        return 0;
    }
}
