package io.disruptorx.marketdata.server;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The most recent messages of the feed, indexed by sequence: one writer (the publisher), any number of
 * readers on other threads. A ring of fixed-size slots; a newer message overwrites the slot of the one
 * {@code capacity} sequences older.
 *
 * <pre>
 * slot
 *  0                8          12         16
 * +----------------+----------+----------+---------------------------+
 * | sequence (i64) | length   | reserved | message (maxMessageLength) |
 * +----------------+----------+----------+---------------------------+
 * </pre>
 *
 * <p>Each slot is a seqlock: the writer zeroes the sequence, writes the bytes, then stores the sequence
 * with release semantics; a reader copies the bytes and accepts them only when the sequence reads the same
 * before and after. So a reader never sees a torn message, only "not held".
 */
public final class MessageStore
{
    private static final int SEQUENCE_OFFSET = 0;
    private static final int LENGTH_OFFSET = 8;
    private static final int DATA_OFFSET = 16;

    private final UnsafeBuffer slots;
    private final int slotLength;
    private final int maxMessageLength;
    private final long mask;
    private final int capacity;
    private long firstSequence = 1;
    private final UnsafeBuffer published = new UnsafeBuffer(ByteBuffer.allocateDirect(BitUtil.CACHE_LINE_LENGTH * 3));

    /**
     * @param capacity         messages held, a power of two.
     * @param maxMessageLength longest message.
     */
    public MessageStore(final int capacity, final int maxMessageLength)
    {
        if (!BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.maxMessageLength = maxMessageLength;
        this.slotLength = DATA_OFFSET + BitUtil.align(maxMessageLength, 8);
        this.slots = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.multiplyExact(capacity, slotLength)));
    }

    /**
     * Makes an empty store start at a later sequence (a feed that continues a session, for instance a cluster
     * member restarted from a snapshot): it holds nothing below it.
     *
     * @param sequence the first sequence that will be appended.
     */
    public void startAt(final long sequence)
    {
        if (highestSequence() != firstSequence - 1 || sequence < 1)
        {
            throw new IllegalStateException("a store starts at a sequence before its first message");
        }
        firstSequence = sequence;
        published.putLongRelease(BitUtil.CACHE_LINE_LENGTH, sequence - 1);
    }

    /**
     * Stores a message. Sequences must be appended in order, from the first ({@link #startAt}, 1 by default),
     * without holes.
     *
     * @param sequence its sequence.
     * @param buffer   holding it.
     * @param offset   where it starts.
     * @param length   its length, at most {@link #maxMessageLength()}.
     */
    public void append(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        final UnsafeBuffer slots = this.slots;
        final int base = (int)(sequence & mask) * slotLength;
        slots.putLong(base + SEQUENCE_OFFSET, 0);
        VarHandle.storeStoreFence();
        slots.putInt(base + LENGTH_OFFSET, length);
        slots.putBytes(base + DATA_OFFSET, buffer, offset, length);
        slots.putLongRelease(base + SEQUENCE_OFFSET, sequence);
        published.putLongRelease(BitUtil.CACHE_LINE_LENGTH, sequence);
    }

    /**
     * Copies a message out.
     *
     * @param sequence    wanted.
     * @param destination where to copy.
     * @param offset      where in the destination.
     * @return its length, or -1 when the store does not hold it (too old or not yet published).
     */
    public int read(final long sequence, final MutableDirectBuffer destination, final int offset)
    {
        final UnsafeBuffer slots = this.slots;
        final int base = (int)(sequence & mask) * slotLength;
        if (slots.getLongAcquire(base + SEQUENCE_OFFSET) != sequence)
        {
            return -1;
        }
        final int length = slots.getInt(base + LENGTH_OFFSET);
        if (length < 0 || length > maxMessageLength)
        {
            return -1;
        }
        destination.putBytes(offset, slots, base + DATA_OFFSET, length);
        VarHandle.loadLoadFence();
        return slots.getLongVolatile(base + SEQUENCE_OFFSET) == sequence ? length : -1;
    }

    /**
     * @return the highest sequence stored, 0 before the first.
     */
    public long highestSequence()
    {
        return published.getLongAcquire(BitUtil.CACHE_LINE_LENGTH);
    }

    /**
     * @return the lowest sequence still held (may be overwritten by the time it is read), the first at the start.
     */
    public long lowestSequence()
    {
        return Math.max(firstSequence, highestSequence() - capacity + 1);
    }

    /**
     * @return messages held.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return longest message.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }
}
