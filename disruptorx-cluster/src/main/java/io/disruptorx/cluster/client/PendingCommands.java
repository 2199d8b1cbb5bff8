package io.disruptorx.cluster.client;

import java.nio.ByteOrder;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.disruptorx.cluster.wire.IngressFrame;

/**
 * The commands a client has taken but the cluster has not yet acknowledged, as ready-to-send COMMAND frames in
 * command sequence order: a ring of fixed slots. The sent cursor rewinds to the oldest unacknowledged command
 * whenever everything must be sent again (a new session or a new leader).
 *
 * <pre>
 *   slot: frame length (i32) | reserved (i32) | COMMAND frame (IngressFrame header + SBE command)
 * </pre>
 */
final class PendingCommands
{
    /** Longest command taken. */
    static final int MAX_COMMAND_LENGTH = 256;
    private static final int LENGTH_OFFSET = 0;
    private static final int FRAME_OFFSET = 8;
    private static final int SLOT_LENGTH = FRAME_OFFSET + IngressFrame.HEADER_LENGTH + MAX_COMMAND_LENGTH;

    private final UnsafeBuffer slots;
    private final int capacity;
    private final int mask;
    private long oldest = 1;
    private long next = 1;
    private long nextToSend = 1;

    /**
     * @param capacity commands held, a power of two.
     */
    PendingCommands(final int capacity)
    {
        if (!BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("pending capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.slots = new UnsafeBuffer(new byte[capacity * SLOT_LENGTH]);
    }

    boolean isFull()
    {
        return next - oldest == capacity;
    }

    /**
     * @return commands taken and not acknowledged.
     */
    int size()
    {
        return (int)(next - oldest);
    }

    /**
     * @param command holding the SBE command.
     * @param offset  of its header.
     * @param length  of header and body, at most {@link #MAX_COMMAND_LENGTH}.
     * @return its command sequence.
     */
    long add(final DirectBuffer command, final int offset, final int length)
    {
        final long sequence = next++;
        final int base = slot(sequence);
        slots.putInt(base + LENGTH_OFFSET, IngressFrame.HEADER_LENGTH + length, ByteOrder.LITTLE_ENDIAN);
        IngressFrame.header(slots, base + FRAME_OFFSET, IngressFrame.COMMAND, sequence);
        slots.putBytes(base + FRAME_OFFSET + IngressFrame.HEADER_LENGTH, command, offset, length);
        return sequence;
    }

    boolean hasUnsent()
    {
        return nextToSend < next;
    }

    DirectBuffer buffer()
    {
        return slots;
    }

    /**
     * @return offset of the next frame to send.
     */
    int unsentOffset()
    {
        return slot(nextToSend) + FRAME_OFFSET;
    }

    /**
     * @return length of the next frame to send.
     */
    int unsentLength()
    {
        return slots.getInt(slot(nextToSend) + LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    void markSent()
    {
        nextToSend++;
    }

    /**
     * @param acknowledged the cluster has applied every command up to this sequence.
     * @return commands released.
     */
    int acknowledge(final long acknowledged)
    {
        if (acknowledged < oldest)
        {
            return 0;
        }
        final long newOldest = Math.min(acknowledged + 1, next);
        final int released = (int)(newOldest - oldest);
        oldest = newOldest;
        if (nextToSend < oldest)
        {
            nextToSend = oldest;
        }
        return released;
    }

    /**
     * Everything unacknowledged is to be sent again.
     *
     * @return commands to send again.
     */
    int rewind()
    {
        final int again = (int)(nextToSend - oldest);
        nextToSend = oldest;
        return again;
    }

    private int slot(final long sequence)
    {
        return (int)(sequence & mask) * SLOT_LENGTH;
    }
}
