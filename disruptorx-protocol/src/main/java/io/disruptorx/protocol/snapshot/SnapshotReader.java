package io.disruptorx.protocol.snapshot;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Reads back what a {@link SnapshotWriter} wrote, from a position it keeps, refusing to read past the snapshot's
 * end: a truncated snapshot fails with {@code "<what> truncated at byte P of L"}. Reusable: {@link #wrap} starts
 * again.
 */
public final class SnapshotReader
{
    private final String what;
    private DirectBuffer buffer;
    private int position;
    private int limit;

    /**
     * @param what the kind of snapshot, for the message when one is truncated.
     */
    public SnapshotReader(final String what)
    {
        this.what = what;
    }

    /**
     * @param buffer holding the snapshot.
     * @param offset where it starts.
     * @param length its length: nothing past it is read.
     * @return this.
     */
    public SnapshotReader wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
        return this;
    }

    /**
     * @return the buffer read from.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return where the next value is read.
     */
    public int position()
    {
        return position;
    }

    /**
     * Moves the position, after bytes were read from {@link #buffer()} directly.
     *
     * @param position where the next value is read.
     */
    public void position(final int position)
    {
        this.position = position;
    }

    /**
     * @return the next int.
     */
    public int getInt()
    {
        ensure(Integer.BYTES);
        final int value = buffer.getInt(position, SnapshotWriter.ORDER);
        position += Integer.BYTES;
        return value;
    }

    /**
     * @return the next long.
     */
    public long getLong()
    {
        ensure(Long.BYTES);
        final long value = buffer.getLong(position, SnapshotWriter.ORDER);
        position += Long.BYTES;
        return value;
    }

    /**
     * Reads bytes that {@link SnapshotWriter#putBytesAligned} wrote, and skips their padding.
     *
     * @param destination where to copy them.
     * @param offset      where they go.
     * @param length      how many.
     */
    public void getBytesAligned(final MutableDirectBuffer destination, final int offset, final int length)
    {
        ensure(length);
        destination.putBytes(offset, buffer, position, length);
        position += length;
        align();
    }

    /**
     * Skips padding to the next multiple of {@value SnapshotWriter#ALIGNMENT}.
     */
    public void align()
    {
        position = (position + SnapshotWriter.ALIGNMENT - 1) & -SnapshotWriter.ALIGNMENT;
    }

    private void ensure(final int bytes)
    {
        if (bytes < 0 || position + bytes > limit)
        {
            throw new IllegalStateException(what + " truncated at byte " + position + " of " + limit);
        }
    }
}
