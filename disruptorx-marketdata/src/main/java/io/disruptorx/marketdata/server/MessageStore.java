package io.disruptorx.marketdata.server;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The feed's recent messages, indexed by sequence: one writer (the publisher), any number of readers on other
 * threads. Retention is a duration and a size: every message is kept at least {@code retentionNanos} after it was
 * written (released a chunk at a time, once the newest message of a chunk is that old), and never more than
 * {@code maxMessages} (beyond, the oldest are overwritten). Memory follows the feed: chunks of fixed-size slots are
 * taken as the feed grows, from a spare prepared off the publishing thread ({@link #prepareSpare()}) or allocated,
 * and a released chunk becomes the next spare.
 *
 * <pre>
 * slot
 *  0                8          12         16
 * +----------------+----------+----------+---------------------------+
 * | sequence (i64) | length   | reserved | message (maxMessageLength) |
 * +----------------+----------+----------+---------------------------+
 * </pre>
 *
 * <p>Each slot is a seqlock: the writer zeroes the sequence, writes the bytes, then stores the sequence with
 * release semantics; a reader copies the bytes and accepts them only when the sequence reads the same before and
 * after. So a reader never sees a torn message, only "not held".
 */
public final class MessageStore
{
    /** Messages per chunk at most. */
    public static final int MAX_CHUNK_MESSAGES = 1 << 16;

    private static final int SEQUENCE_OFFSET = 0;
    private static final int LENGTH_OFFSET = 8;
    private static final int DATA_OFFSET = 16;
    private static final long NOT_STAMPED = Long.MIN_VALUE;

    private final int slotLength;
    private final int maxMessageLength;
    private final long maxMessages;
    private final long retentionNanos;
    private final int chunkShift;
    private final long chunkMask;
    private final int ringMask;
    private final AtomicReferenceArray<Chunk> ring;
    private final AtomicReference<Chunk> spare = new AtomicReference<>();
    private final UnsafeBuffer published = new UnsafeBuffer(ByteBuffer.allocateDirect(BitUtil.CACHE_LINE_LENGTH * 3));

    private Chunk current;
    private long currentIndex = -1;
    private long oldestIndex;
    private long unstampedFrom;
    private volatile long expiredThrough;
    private volatile long firstSequence = 1;
    private final AtomicLong chunksAllocated = new AtomicLong();

    /**
     * A store bounded by size only.
     *
     * @param capacity         messages held, a power of two.
     * @param maxMessageLength longest message.
     */
    public MessageStore(final int capacity, final int maxMessageLength)
    {
        this(Long.MAX_VALUE, capacity, maxMessageLength);
    }

    /**
     * @param retentionNanos   how long every message is kept at least (Long.MAX_VALUE: size bound only).
     * @param maxMessages      messages held at most, a power of two.
     * @param maxMessageLength longest message.
     */
    public MessageStore(final long retentionNanos, final long maxMessages, final int maxMessageLength)
    {
        if (maxMessages < 1 || !BitUtil.isPowerOfTwo(maxMessages))
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + maxMessages);
        }
        if (retentionNanos <= 0)
        {
            throw new IllegalArgumentException("retention must be positive: " + retentionNanos);
        }
        final long chunkMessages = Math.min(maxMessages, MAX_CHUNK_MESSAGES);
        this.maxMessages = maxMessages;
        this.retentionNanos = retentionNanos;
        this.maxMessageLength = maxMessageLength;
        this.slotLength = DATA_OFFSET + BitUtil.align(maxMessageLength, 8);
        this.chunkShift = Long.numberOfTrailingZeros(chunkMessages);
        this.chunkMask = chunkMessages - 1;
        final int chunks = (int)(maxMessages / chunkMessages);
        this.ringMask = chunks - 1;
        this.ring = new AtomicReferenceArray<>(chunks);
    }

    /**
     * Makes an empty store start at a later sequence (a feed that continues a session, for instance a cluster
     * member restarted from a snapshot): it holds nothing below it.
     *
     * @param sequence the first sequence that will be appended.
     */
    public void startAt(final long sequence)
    {
        if (currentIndex >= 0 || sequence < 1)
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
        final long index = sequence >>> chunkShift;
        if (index != currentIndex)
        {
            enter(index);
        }
        final UnsafeBuffer slots = current.slots;
        final int base = (int)(sequence & chunkMask) * slotLength;
        slots.putLong(base + SEQUENCE_OFFSET, 0);
        VarHandle.storeStoreFence();
        slots.putInt(base + LENGTH_OFFSET, length);
        slots.putBytes(base + DATA_OFFSET, buffer, offset, length);
        slots.putLongRelease(base + SEQUENCE_OFFSET, sequence);
        published.putLongRelease(BitUtil.CACHE_LINE_LENGTH, sequence);
    }

    /**
     * Marks the time of the messages written since the last call and releases the chunks whose newest message is
     * older than the retention. The writer calls it at the end of each batch.
     *
     * @param nowNanos the writer's time.
     */
    public void expire(final long nowNanos)
    {
        if (currentIndex < 0)
        {
            return;
        }
        if (unstampedFrom == currentIndex)
        {
            current.lastWriteNanos = nowNanos;
            if (oldestIndex == currentIndex || retentionNanos == Long.MAX_VALUE)
            {
                return;
            }
        }
        for (long index = unstampedFrom; index <= currentIndex; index++)
        {
            final Chunk chunk = ring.get((int)(index & ringMask));
            if (chunk != null && chunk.index == index)
            {
                chunk.lastWriteNanos = nowNanos;
            }
        }
        unstampedFrom = currentIndex;
        if (retentionNanos == Long.MAX_VALUE)
        {
            return;
        }
        while (oldestIndex < currentIndex)
        {
            final int position = (int)(oldestIndex & ringMask);
            final Chunk chunk = ring.get(position);
            if (chunk != null && chunk.index == oldestIndex)
            {
                if (chunk.lastWriteNanos == NOT_STAMPED || nowNanos - chunk.lastWriteNanos <= retentionNanos)
                {
                    return;
                }
                ring.set(position, null);
                spare.compareAndSet(null, chunk);
            }
            expiredThrough = ((oldestIndex + 1) << chunkShift) - 1;
            oldestIndex++;
        }
    }

    /**
     * Makes sure a chunk is ready for the writer, so it does not allocate one on the publishing thread. Any one
     * thread may call it (a server agent does).
     *
     * @return whether a chunk was allocated.
     */
    public boolean prepareSpare()
    {
        if (spare.get() != null)
        {
            return false;
        }
        spare.compareAndSet(null, newChunk());
        return true;
    }

    /**
     * Copies a message out.
     *
     * @param sequence    wanted.
     * @param destination where to copy.
     * @param offset      where in the destination.
     * @return its length, or -1 when the store does not hold it (released, overwritten or not yet published).
     */
    public int read(final long sequence, final MutableDirectBuffer destination, final int offset)
    {
        final Chunk chunk = ring.get((int)((sequence >>> chunkShift) & ringMask));
        if (chunk == null)
        {
            return -1;
        }
        final UnsafeBuffer slots = chunk.slots;
        final int base = (int)(sequence & chunkMask) * slotLength;
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
     * @return the highest sequence stored, the one before the first ({@link #startAt}) before any.
     */
    public long highestSequence()
    {
        return published.getLongAcquire(BitUtil.CACHE_LINE_LENGTH);
    }

    /**
     * @return the lowest sequence still held (it may be released or overwritten by the time it is read), the first
     * ({@link #startAt}, 1 by default) at the start.
     */
    public long lowestSequence()
    {
        return Math.max(Math.max(firstSequence, highestSequence() - maxMessages + 1), expiredThrough + 1);
    }

    /**
     * @return messages held at most.
     */
    public long capacity()
    {
        return maxMessages;
    }

    /**
     * @return how long every message is kept at least, Long.MAX_VALUE when only the size bounds the store.
     */
    public long retentionNanos()
    {
        return retentionNanos;
    }

    /**
     * @return chunks allocated so far (by the writer or {@link #prepareSpare()}).
     */
    public long chunksAllocated()
    {
        return chunksAllocated.get();
    }

    /**
     * @return longest message.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    private void enter(final long index)
    {
        final int position = (int)(index & ringMask);
        Chunk chunk = ring.get(position);
        if (chunk != null)
        {
            oldestIndex = Math.max(oldestIndex, index - ringMask);
        }
        else
        {
            chunk = spare.getAndSet(null);
            if (chunk == null)
            {
                chunk = newChunk();
            }
        }
        chunk.index = index;
        chunk.lastWriteNanos = NOT_STAMPED;
        ring.set(position, chunk);
        if (currentIndex < 0)
        {
            oldestIndex = index;
            unstampedFrom = index;
        }
        current = chunk;
        currentIndex = index;
    }

    private Chunk newChunk()
    {
        chunksAllocated.incrementAndGet();
        return new Chunk(Math.multiplyExact((int)(chunkMask + 1), slotLength));
    }

    /**
     * A run of slots for {@code chunkMask + 1} consecutive sequences.
     */
    private static final class Chunk
    {
        private final UnsafeBuffer slots;
        private long index;
        private long lastWriteNanos = NOT_STAMPED;

        Chunk(final int bytes)
        {
            slots = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes));
        }
    }
}
