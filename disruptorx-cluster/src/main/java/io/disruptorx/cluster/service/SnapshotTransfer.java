package io.disruptorx.cluster.service;

import java.nio.ByteOrder;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Moves the service's state bytes through the cluster's snapshot publication and back from the snapshot image,
 * in chunks of one unfragmented message each.
 *
 * <pre>
 *   chunk: magic (i32) | total length (i32) | chunk offset (i32) | chunk length (i32) | bytes
 * </pre>
 */
final class SnapshotTransfer
{
    static final int CHUNK_MAGIC = 0x44584348;
    static final int CHUNK_HEADER_LENGTH = 16;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private SnapshotTransfer()
    {
    }

    /**
     * Writes the bytes, waiting out back-pressure with the idle strategy.
     *
     * @param publication the snapshot publication.
     * @param bytes       the state.
     * @param length      its length.
     * @param idle        the service's idle strategy.
     */
    static void write(
        final ExclusivePublication publication, final DirectBuffer bytes, final int length, final IdleStrategy idle)
    {
        final int chunkPayload = publication.maxPayloadLength() - CHUNK_HEADER_LENGTH;
        final UnsafeBuffer chunk = new UnsafeBuffer(new byte[publication.maxPayloadLength()]);
        int offset = 0;
        do
        {
            final int chunkLength = Math.min(chunkPayload, length - offset);
            chunk.putInt(0, CHUNK_MAGIC, ORDER);
            chunk.putInt(4, length, ORDER);
            chunk.putInt(8, offset, ORDER);
            chunk.putInt(12, chunkLength, ORDER);
            chunk.putBytes(CHUNK_HEADER_LENGTH, bytes, offset, chunkLength);
            idle.reset();
            long result;
            while ((result = publication.offer(chunk, 0, CHUNK_HEADER_LENGTH + chunkLength)) < 0)
            {
                if (result == ExclusivePublication.CLOSED || result == ExclusivePublication.MAX_POSITION_EXCEEDED)
                {
                    throw new IllegalStateException("snapshot publication refused a chunk: " + result);
                }
                idle.idle();
            }
            offset += chunkLength;
        }
        while (offset < length);
    }

    /**
     * Reads the bytes back.
     *
     * @param image the snapshot image.
     * @param into  where to put them.
     * @param idle  the service's idle strategy.
     * @return their length.
     */
    static int read(final Image image, final MutableDirectBuffer into, final IdleStrategy idle)
    {
        final Reader reader = new Reader(into);
        idle.reset();
        while (!reader.done())
        {
            if (image.isEndOfStream() || image.isClosed())
            {
                throw new IllegalStateException("snapshot ended after " + reader.received + " of " + reader.total +
                    " bytes");
            }
            idle.idle(image.poll(reader, 16));
        }
        return reader.total;
    }

    private static final class Reader implements FragmentHandler
    {
        private final MutableDirectBuffer into;
        private int total = -1;
        private int received;

        Reader(final MutableDirectBuffer into)
        {
            this.into = into;
        }

        boolean done()
        {
            return total >= 0 && received == total;
        }

        @Override
        public void onFragment(
            final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
        {
            if (length < CHUNK_HEADER_LENGTH || buffer.getInt(offset, ORDER) != CHUNK_MAGIC)
            {
                throw new IllegalStateException("snapshot holds a message that is not a DisruptorX state chunk");
            }
            final int chunkTotal = buffer.getInt(offset + 4, ORDER);
            final int chunkOffset = buffer.getInt(offset + 8, ORDER);
            final int chunkLength = buffer.getInt(offset + 12, ORDER);
            if ((total >= 0 && chunkTotal != total) || chunkOffset != received ||
                chunkLength != length - CHUNK_HEADER_LENGTH)
            {
                throw new IllegalStateException("snapshot chunk out of order: total " + chunkTotal + " offset " +
                    chunkOffset + " length " + chunkLength + " after " + received + " bytes");
            }
            total = chunkTotal;
            into.putBytes(chunkOffset, buffer, offset + CHUNK_HEADER_LENGTH, chunkLength);
            received += chunkLength;
        }
    }
}
