package io.disruptorx.cluster.service;

import io.disruptorx.cluster.wire.EgressFrame;
import io.disruptorx.protocol.snapshot.SnapshotReader;
import io.disruptorx.protocol.snapshot.SnapshotWriter;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One gateway's most recent egress frames, by event sequence, so a gateway that comes back after a leader change
 * or a dropped frame gets exactly what it missed. A ring of fixed slots on the service thread; every member holds
 * the same frames because every member appends the same events in log order, and the ring goes into the snapshot.
 *
 * <pre>
 *   slot: sequence (i64) | length (i32) | reserved (i32) | frame (EgressFrame.MAX_LENGTH bytes)
 * </pre>
 */
final class EventStore
{
    private static final int SEQUENCE_OFFSET = 0;
    private static final int LENGTH_OFFSET = 8;
    private static final int FRAME_OFFSET = 16;
    static final int SLOT_LENGTH = FRAME_OFFSET + BitUtil.align(EgressFrame.MAX_LENGTH, 8);

    private final UnsafeBuffer slots;
    private final int capacity;
    private final long mask;
    private long highest;

    /**
     * @param capacity frames held, a power of two.
     */
    EventStore(final int capacity)
    {
        if (!BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("event store capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.slots = new UnsafeBuffer(new byte[Math.multiplyExact(capacity, SLOT_LENGTH)]);
    }

    /**
     * Claims the slot of the next sequence; write the frame at {@link #frameOffset(long)} and then call
     * {@link #commit(long, int)}.
     *
     * @param sequence the next sequence (highest + 1).
     * @return the buffer to write into.
     */
    MutableDirectBuffer claim(final long sequence)
    {
        if (sequence != highest + 1)
        {
            throw new IllegalStateException("event sequence " + sequence + " after " + highest);
        }
        return slots;
    }

    /**
     * @param sequence a sequence.
     * @return the offset of its frame in {@link #buffer()}.
     */
    int frameOffset(final long sequence)
    {
        return (int)(sequence & mask) * SLOT_LENGTH + FRAME_OFFSET;
    }

    /**
     * @param sequence the claimed sequence.
     * @param length   length of the frame written.
     */
    void commit(final long sequence, final int length)
    {
        final int base = (int)(sequence & mask) * SLOT_LENGTH;
        slots.putLong(base + SEQUENCE_OFFSET, sequence);
        slots.putInt(base + LENGTH_OFFSET, length);
        highest = sequence;
    }

    /**
     * @return the buffer holding the frames.
     */
    DirectBuffer buffer()
    {
        return slots;
    }

    /**
     * @return the slots, writable: for flagging an event already committed.
     */
    MutableDirectBuffer slots()
    {
        return slots;
    }

    /**
     * @return how many events it holds at most.
     */
    int capacity()
    {
        return capacity;
    }

    /**
     * @param sequence a held sequence.
     * @return the length of its frame.
     */
    int length(final long sequence)
    {
        return slots.getInt((int)(sequence & mask) * SLOT_LENGTH + LENGTH_OFFSET);
    }

    /**
     * @return the highest sequence stored, 0 before the first.
     */
    long highest()
    {
        return highest;
    }

    /**
     * @return the lowest sequence held (highest + 1 when empty).
     */
    long lowest()
    {
        return Math.max(1, highest - capacity + 1);
    }

    /**
     * Appends the held frames: count (i64), lowest (i64), then per frame length (i32) and bytes, padded to 8.
     *
     * @param out where to write.
     */
    void writeTo(final SnapshotWriter out)
    {
        final long lowest = highest == 0 ? 1 : lowest();
        out.putLong(highest == 0 ? 0 : highest - lowest + 1).putLong(lowest);
        for (long sequence = lowest; sequence <= highest; sequence++)
        {
            final int length = length(sequence);
            out.putInt(length).putBytesAligned(slots, frameOffset(sequence), length);
        }
    }

    /**
     * Reads what {@link #writeTo} wrote into this empty store.
     *
     * @param in where to read.
     */
    void readFrom(final SnapshotReader in)
    {
        final long count = in.getLong();
        final long lowest = in.getLong();
        if (count > capacity)
        {
            throw new IllegalStateException("snapshot holds " + count + " events for a gateway, store holds " +
                capacity + ": start the member with the same event store capacity as the others");
        }
        highest = lowest - 1;
        for (long sequence = lowest; sequence < lowest + count; sequence++)
        {
            final int length = in.getInt();
            if (length < EgressFrame.HEADER_LENGTH || length > EgressFrame.MAX_LENGTH)
            {
                throw new IllegalStateException("snapshot event frame of " + length + " bytes");
            }
            in.getBytesAligned(slots, frameOffset(sequence), length);
            commit(sequence, length);
        }
    }
}
