package io.disruptorx.shard.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One direction of a shard link as its sender keeps it, across connections. Sequenced frames (commands and book
 * requests from the gateway, events and books from the shard) are numbered from 0 in the order they are appended
 * and kept in a log until the peer acknowledges them ({@link ShardLinkFrames#ACK}, the count it received); each is
 * also copied to the wire, the bytes still to be written on the current connection. Control frames (HELLO,
 * WELCOME, ACK) go on the wire only. When a connection is lost the wire goes with it; on the next one the sender
 * learns how many frames the peer has ({@link #acknowledged}) and sends the log from there: nothing lost, nothing
 * twice, as long as the log keeps what the peer has not acknowledged.
 *
 * <p>Frames are as {@link ShardLinkFrames} describes them. One thread uses an instance; appending copies into the
 * log and the wire and allocates nothing, except when a frame is larger than a buffer (a book), which grows it.
 */
public final class LinkStream
{
    private final long[] pair = new long[2];
    private ByteBuffer log;
    private final UnsafeBuffer logView;
    private ByteBuffer wire;
    private final UnsafeBuffer wireView;
    private long firstIndex;
    private long nextIndex;
    private int wireCursor;
    private boolean paused;

    /**
     * @param logBytes  capacity of the log of unacknowledged frames.
     * @param wireBytes capacity of the wire buffer.
     */
    public LinkStream(final int logBytes, final int wireBytes)
    {
        log = ByteBuffer.allocateDirect(logBytes).order(ByteOrder.LITTLE_ENDIAN);
        logView = new UnsafeBuffer(log);
        wire = ByteBuffer.allocateDirect(wireBytes).order(ByteOrder.LITTLE_ENDIAN);
        wireView = new UnsafeBuffer(wire);
    }

    /**
     * @param body body bytes of a sequenced frame.
     * @return whether the log has room for it.
     */
    public boolean hasRoom(final int body)
    {
        return log.capacity() - log.position() >= ShardLinkFrames.HEADER + body;
    }

    /**
     * @return log bytes free.
     */
    public int free()
    {
        return log.capacity() - log.position();
    }

    /**
     * @return whether nothing sequenced waits for the peer's acknowledgement.
     */
    public boolean isEmpty()
    {
        return log.position() == 0;
    }

    /**
     * Grows the log, when needed, so that a frame of this body fits behind what it holds.
     *
     * @param body body bytes.
     */
    public void ensureRoom(final int body)
    {
        if (!hasRoom(body))
        {
            final ByteBuffer bigger = ByteBuffer.allocateDirect(log.position() + ShardLinkFrames.HEADER + body)
                .order(ByteOrder.LITTLE_ENDIAN);
            log.flip();
            bigger.put(log);
            log = bigger;
            logView.wrap(log);
        }
    }

    /**
     * Appends a sequenced frame whose body the caller then writes at the returned offset of {@link #log()}, and
     * takes it with {@link #commit}. Check {@link #hasRoom} first.
     *
     * @param type frame type.
     * @param body body bytes.
     * @return offset of the body in {@link #log()}.
     */
    public int begin(final byte type, final int body)
    {
        final int position = log.position();
        log.putInt(position, body + 1);
        log.put(position + Integer.BYTES, type);
        return position + ShardLinkFrames.HEADER;
    }

    /**
     * @return the log's buffer, for the body of the frame {@link #begin} started.
     */
    public UnsafeBuffer log()
    {
        return logView;
    }

    /**
     * Takes the frame {@link #begin} started.
     *
     * @param body its body bytes.
     */
    public void commit(final int body)
    {
        log.position(log.position() + ShardLinkFrames.HEADER + body);
        nextIndex++;
    }

    /**
     * Appends a sequenced frame. Check {@link #hasRoom} first.
     *
     * @param type   frame type.
     * @param buffer body.
     * @param offset of the body.
     * @param length of the body.
     */
    public void append(final byte type, final DirectBuffer buffer, final int offset, final int length)
    {
        logView.putBytes(begin(type, length), buffer, offset, length);
        commit(length);
    }

    /**
     * Puts a control frame with one or two long values on the wire.
     *
     * @param type   frame type.
     * @param first  first value.
     * @param second second value, sent when {@code longs} is 2.
     * @param longs  1 or 2.
     * @return false when the wire has no room (the caller tries again later).
     */
    public boolean control(final byte type, final long first, final long second, final int longs)
    {
        pair[0] = first;
        pair[1] = second;
        return control(type, pair, longs);
    }

    /**
     * Puts a control frame of several long values on the wire.
     *
     * @param type   frame type.
     * @param values the values, first {@code longs} of them.
     * @param longs  how many.
     * @return false when the wire has no room (the caller tries again later).
     */
    public boolean control(final byte type, final long[] values, final int longs)
    {
        final int body = longs * Long.BYTES;
        final int position = wire.position();
        if (wire.capacity() - position < ShardLinkFrames.HEADER + body)
        {
            return false;
        }
        wire.putInt(position, body + 1);
        wire.put(position + Integer.BYTES, type);
        for (int i = 0; i < longs; i++)
        {
            wire.putLong(position + ShardLinkFrames.HEADER + i * Long.BYTES, values[i]);
        }
        wire.position(position + ShardLinkFrames.HEADER + body);
        return true;
    }

    /**
     * Drops from the log the frames the peer has: those numbered below {@code count}.
     *
     * @param count frames the peer received or took.
     * @return false when the peer claims frames never sent (a broken link).
     */
    public boolean acknowledged(final long count)
    {
        if (count > nextIndex)
        {
            return false;
        }
        int cut = 0;
        while (firstIndex < count)
        {
            cut += ShardLinkFrames.HEADER + log.getInt(cut) - 1;
            firstIndex++;
        }
        if (cut > 0)
        {
            log.limit(log.position());
            log.position(cut);
            log.compact();
            wireCursor = Math.max(0, wireCursor - cut);
        }
        return true;
    }

    /**
     * A new connection: the wire starts empty and the log is sent again from its first frame (after the caller has
     * trimmed it with {@link #acknowledged}, when the peer's count is known).
     *
     * @param hold whether log frames wait for {@link #resume} (until the peer has said what it has).
     */
    public void reconnected(final boolean hold)
    {
        wire.clear();
        wireCursor = 0;
        paused = hold;
    }

    /**
     * Lets log frames go on the wire again from frame {@code index}: the peer has those before it, and the log keeps
     * them until {@link #acknowledged} drops them.
     *
     * @param index the first frame the peer lacks.
     * @return false when the log does not hold that frame (nor is it the next one).
     */
    public boolean resumeFrom(final long index)
    {
        if (index < firstIndex || index > nextIndex)
        {
            return false;
        }
        int offset = 0;
        for (long i = firstIndex; i < index; i++)
        {
            offset += ShardLinkFrames.HEADER + log.getInt(offset) - 1;
        }
        wireCursor = offset;
        paused = false;
        return true;
    }

    /**
     * Numbers an empty stream's frames from {@code index}: a link that continues another's count.
     *
     * @param index number of the next frame appended.
     */
    public void startAt(final long index)
    {
        if (log.position() != 0)
        {
            throw new IllegalStateException("the stream already holds frames");
        }
        firstIndex = index;
        nextIndex = index;
    }

    /**
     * @return the number of the first frame the log holds (the frames before it were acknowledged).
     */
    public long first()
    {
        return firstIndex;
    }

    /**
     * Lets log frames go on the wire again, from the first one the log holds.
     */
    public void resume()
    {
        wireCursor = 0;
        paused = false;
    }

    /**
     * @return frames appended so far, the index of the next one.
     */
    public long appended()
    {
        return nextIndex;
    }

    /**
     * Copies what fits of the log to the wire and writes the wire.
     *
     * @param channel the current connection.
     * @return bytes written.
     * @throws IOException when the connection fails.
     */
    public int flush(final SocketChannel channel) throws IOException
    {
        pump();
        if (wire.position() == 0)
        {
            return 0;
        }
        wire.flip();
        try
        {
            return channel.write(wire);
        }
        finally
        {
            wire.compact();
        }
    }

    private void pump()
    {
        final int end = log.position();
        while (!paused && wireCursor < end)
        {
            final int frame = ShardLinkFrames.HEADER + log.getInt(wireCursor) - 1;
            if (wire.capacity() - wire.position() < frame)
            {
                if (wire.position() > 0 || frame <= wire.capacity())
                {
                    return;
                }
                wire = ByteBuffer.allocateDirect(frame).order(ByteOrder.LITTLE_ENDIAN);
                wireView.wrap(wire);
            }
            wireView.putBytes(wire.position(), logView, wireCursor, frame);
            wire.position(wire.position() + frame);
            wireCursor += frame;
        }
    }
}
