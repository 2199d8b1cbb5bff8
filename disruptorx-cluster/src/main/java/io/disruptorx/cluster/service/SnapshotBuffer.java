package io.disruptorx.cluster.service;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A growable little-endian byte sequence for writing the service's state, and a bounds-checked reader over it;
 * every variable-length part is padded to 8 bytes so the layout stays aligned.
 */
final class SnapshotBuffer
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final ExpandableArrayBuffer buffer;
    private int position;
    private int limit;

    SnapshotBuffer(final int initialCapacity)
    {
        this.buffer = new ExpandableArrayBuffer(initialCapacity);
        this.limit = Integer.MAX_VALUE;
    }

    /**
     * Starts writing from the beginning.
     *
     * @return this.
     */
    SnapshotBuffer clearForWrite()
    {
        position = 0;
        limit = Integer.MAX_VALUE;
        return this;
    }

    /**
     * Starts reading the first {@code length} bytes.
     *
     * @param length bytes readable.
     * @return this.
     */
    SnapshotBuffer flipForRead(final int length)
    {
        position = 0;
        limit = length;
        return this;
    }

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    int position()
    {
        return position;
    }

    void position(final int position)
    {
        this.position = position;
    }

    SnapshotBuffer putInt(final int value)
    {
        buffer.putInt(position, value, ORDER);
        position += Integer.BYTES;
        return this;
    }

    SnapshotBuffer putLong(final long value)
    {
        buffer.putLong(position, value, ORDER);
        position += Long.BYTES;
        return this;
    }

    SnapshotBuffer putBytes(final DirectBuffer source, final int offset, final int length)
    {
        buffer.putBytes(position, source, offset, length);
        position += length;
        pad();
        return this;
    }

    int getInt()
    {
        ensure(Integer.BYTES);
        final int value = buffer.getInt(position, ORDER);
        position += Integer.BYTES;
        return value;
    }

    long getLong()
    {
        ensure(Long.BYTES);
        final long value = buffer.getLong(position, ORDER);
        position += Long.BYTES;
        return value;
    }

    void getBytes(final MutableDirectBuffer destination, final int offset, final int length)
    {
        ensure(length);
        destination.putBytes(offset, buffer, position, length);
        position += length;
        skipPad();
    }

    private void pad()
    {
        while ((position & 7) != 0)
        {
            buffer.putByte(position++, (byte)0);
        }
    }

    private void skipPad()
    {
        position = (position + 7) & ~7;
    }

    private void ensure(final int bytes)
    {
        if (bytes < 0 || position + bytes > limit)
        {
            throw new IllegalStateException("service snapshot truncated at byte " + position + " of " + limit);
        }
    }
}
