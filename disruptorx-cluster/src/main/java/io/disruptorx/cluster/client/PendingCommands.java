package io.disruptorx.cluster.client;

import java.nio.ByteOrder;

import io.disruptorx.cluster.wire.IngressFrame;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

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
    private static final int SLOT_LENGTH = FRAME_OFFSET + IngressFrame.TRACED_COMMAND_OFFSET + MAX_COMMAND_LENGTH;

    private final UnsafeBuffer slots;
    private final int capacity;
    private final int mask;
    private long oldest = 1;
    private long next = 1;
    private long nextToSend = 1;
    private int batchLength;

    /**
     * @param length of a command offered.
     * @throws IllegalArgumentException when no slot holds it.
     */
    static void checkLength(final int length)
    {
        if (length > MAX_COMMAND_LENGTH || length <= 0)
        {
            throw new IllegalArgumentException("command of " + length + " bytes, at most " + MAX_COMMAND_LENGTH);
        }
    }

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
        return add(command, offset, length, 0, 0, 0);
    }

    /**
     * Takes a command with its caller's trace context, kept as a TRACED frame.
     *
     * @param command      holding the SBE command.
     * @param offset       of the command.
     * @param length       of the command.
     * @param traceIdHigh  high 64 bits of the trace id.
     * @param traceIdLow   low 64 bits of the trace id.
     * @param parentSpanId the caller's span, 0 for an untraced command.
     * @return the command's sequence.
     */
    long add(
        final DirectBuffer command,
        final int offset,
        final int length,
        final long traceIdHigh,
        final long traceIdLow,
        final long parentSpanId)
    {
        final long sequence = next++;
        final int frame = slot(sequence) + FRAME_OFFSET;
        int at = frame + IngressFrame.HEADER_LENGTH;
        if (parentSpanId == 0)
        {
            IngressFrame.header(slots, frame, IngressFrame.COMMAND, sequence);
        }
        else
        {
            IngressFrame.header(slots, frame, IngressFrame.TRACED, sequence);
            slots.putLong(at, traceIdHigh, ByteOrder.LITTLE_ENDIAN);
            slots.putLong(at + 8, traceIdLow, ByteOrder.LITTLE_ENDIAN);
            slots.putLong(at + 16, parentSpanId, ByteOrder.LITTLE_ENDIAN);
            at += IngressFrame.TRACE_LENGTH;
        }
        slots.putBytes(at, command, offset, length);
        slots.putInt(frame - FRAME_OFFSET + LENGTH_OFFSET, at - frame + length, ByteOrder.LITTLE_ENDIAN);
        return sequence;
    }

    /**
     * @return whether the next unsent command is a TRACED frame.
     */
    boolean unsentTraced()
    {
        return traced(slot(nextToSend));
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
     * @return commands taken and not sent since the last rewind.
     */
    int unsent()
    {
        return (int)(next - nextToSend);
    }

    /**
     * Writes the unsent commands from the next one on into one BATCH frame, as many as fit; a traced command's
     * trace context stays out (a BATCH carries none).
     *
     * @param into         where the frame goes, at offset 0.
     * @param maxLength    the frame's longest length; at least one command's BATCH must fit.
     * @param stopAtTraced end the batch before a traced command (sent alone as its TRACED frame instead); the next
     *                     unsent command must not be one.
     * @return commands in the frame; {@link #markSent(int)} them once the frame is taken.
     */
    int batch(final MutableDirectBuffer into, final int maxLength, final boolean stopAtTraced)
    {
        IngressFrame.header(into, 0, IngressFrame.BATCH, nextToSend);
        int length = IngressFrame.BATCH_COMMANDS_OFFSET;
        int count = 0;
        for (long sequence = nextToSend; sequence < next; sequence++)
        {
            final int base = slot(sequence);
            final boolean traced = traced(base);
            final int commandOffset = traced ? IngressFrame.TRACED_COMMAND_OFFSET : IngressFrame.HEADER_LENGTH;
            final int commandLength = slots.getInt(base + LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) - commandOffset;
            if ((traced && stopAtTraced) || length + IngressFrame.BATCH_LENGTH_PREFIX + commandLength > maxLength)
            {
                break;
            }
            into.putInt(length, commandLength, ByteOrder.LITTLE_ENDIAN);
            into.putBytes(length + IngressFrame.BATCH_LENGTH_PREFIX, slots, base + FRAME_OFFSET + commandOffset,
                commandLength);
            length += IngressFrame.BATCH_LENGTH_PREFIX + commandLength;
            count++;
        }
        into.putInt(IngressFrame.BATCH_COUNT_OFFSET, count, ByteOrder.LITTLE_ENDIAN);
        into.putInt(IngressFrame.BATCH_COUNT_OFFSET + 4, 0, ByteOrder.LITTLE_ENDIAN);
        batchLength = length;
        return count;
    }

    /**
     * @return the length of the frame {@link #batch} wrote last.
     */
    int batchLength()
    {
        return batchLength;
    }

    /**
     * @param count commands sent.
     */
    void markSent(final int count)
    {
        nextToSend += count;
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

    private boolean traced(final int base)
    {
        return IngressFrame.type(slots, base + FRAME_OFFSET) == IngressFrame.TRACED;
    }

    private int slot(final long sequence)
    {
        return (int)(sequence & mask) * SLOT_LENGTH;
    }
}
