package io.disruptorx.protocol.snapshot;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Appends little-endian values to a buffer from a position it keeps. Variable-length parts can be padded with
 * zeros to the next multiple of 8 so that what follows stays aligned. Reusable: {@link #wrap} starts again.
 */
public final class SnapshotWriter
{
    /** Byte order of every value. */
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** What {@link #align()} pads to. */
    public static final int ALIGNMENT = 8;

    private MutableDirectBuffer buffer;
    private int position;

    /**
     * @param buffer where to write; an expandable buffer grows as needed, a fixed one must be large enough.
     * @param offset where the first value goes.
     * @return this.
     */
    public SnapshotWriter wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.position = offset;
        return this;
    }

    /**
     * @return the buffer written to.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return where the next value goes.
     */
    public int position()
    {
        return position;
    }

    /**
     * Moves the position, after bytes were written into {@link #buffer()} directly.
     *
     * @param position where the next value goes.
     */
    public void position(final int position)
    {
        this.position = position;
    }

    /**
     * @param value to append.
     * @return this.
     */
    public SnapshotWriter putInt(final int value)
    {
        buffer.putInt(position, value, ORDER);
        position += Integer.BYTES;
        return this;
    }

    /**
     * @param value to append.
     * @return this.
     */
    public SnapshotWriter putLong(final long value)
    {
        buffer.putLong(position, value, ORDER);
        position += Long.BYTES;
        return this;
    }

    /**
     * Appends bytes, then pads with zeros to the next multiple of {@value #ALIGNMENT}.
     *
     * @param source holding the bytes.
     * @param offset where they start.
     * @param length how many.
     * @return this.
     */
    public SnapshotWriter putBytesAligned(final DirectBuffer source, final int offset, final int length)
    {
        buffer.putBytes(position, source, offset, length);
        position += length;
        return align();
    }

    /**
     * Pads with zeros to the next multiple of {@value #ALIGNMENT} (nothing when already there).
     *
     * @return this.
     */
    public SnapshotWriter align()
    {
        while ((position & (ALIGNMENT - 1)) != 0)
        {
            buffer.putByte(position++, (byte)0);
        }
        return this;
    }
}
