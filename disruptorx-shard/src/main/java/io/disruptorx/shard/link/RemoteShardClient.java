package io.disruptorx.shard.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.move.ShardMover;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A {@link VenueClient} for a shard in another process: commands go out as {@link ShardLinkFrames#COMMAND} frames,
 * flushed on each {@link #poll} (so a duty cycle's commands share a write), and the shard's events come back in
 * venue order. It also reads a halted instrument's book for a move ({@link #requestBook}, {@link #takeBook}).
 *
 * <p>The link does not reconnect: once the connection is lost every offer answers {@link #NOT_CONNECTED}, and
 * commands written but not answered are the shard's to apply or not (the gateway's sessions see no report for
 * them). One thread uses an instance; no allocation per command or event.
 */
public final class RemoteShardClient implements VenueClient
{
    private static final int BUFFER_BYTES = 4 << 20;

    private final SocketChannel channel;
    private final String name;
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer outView = new UnsafeBuffer(out);
    private ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer inView = new UnsafeBuffer(in);
    private byte[] book = new byte[0];
    private int bookLength = ShardMover.BookSource.PENDING;
    private long offered;
    private boolean connected = true;
    private boolean closed;

    private RemoteShardClient(final SocketChannel channel, final String name)
    {
        this.channel = channel;
        this.name = name;
    }

    /**
     * Connects, trying again until the shard listens or the time is up.
     *
     * @param address      the shard's link listener.
     * @param timeoutNanos longest wait.
     * @return the connected client.
     */
    public static RemoteShardClient connect(final InetSocketAddress address, final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (true)
        {
            try
            {
                final SocketChannel channel = SocketChannel.open(address);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                return new RemoteShardClient(channel, address.toString());
            }
            catch (final IOException ex)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new UncheckedIOException("no shard link at " + address, ex);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    /**
     * @return whether the connection is up.
     */
    public boolean connected()
    {
        return connected && !closed;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (!connected)
        {
            return NOT_CONNECTED;
        }
        if (length <= 0 || length > ShardLinkFrames.MAX_MESSAGE)
        {
            throw new IllegalArgumentException("a command has 1 to " + ShardLinkFrames.MAX_MESSAGE + " bytes, was " +
                length);
        }
        if (out.remaining() < ShardLinkFrames.HEADER + length)
        {
            flush();
            if (out.remaining() < ShardLinkFrames.HEADER + length)
            {
                return BACK_PRESSURED;
            }
        }
        final int position = out.position();
        out.putInt(position, length + 1);
        out.put(position + Integer.BYTES, ShardLinkFrames.COMMAND);
        outView.putBytes(position + ShardLinkFrames.HEADER, buffer, offset, length);
        out.position(position + ShardLinkFrames.HEADER + length);
        return ++offered;
    }

    /**
     * Asks the shard for an instrument's book (see {@link ShardLinkFrames#BOOK_REQUEST}); {@link #takeBook} has it
     * once it arrived.
     *
     * @param instrumentId    the instrument.
     * @param timestamp       timestamp of the commands.
     * @param firstTransferId transfer id of the first order's hold.
     * @return false when the request could not be written (connection lost).
     */
    public boolean requestBook(final int instrumentId, final long timestamp, final long firstTransferId)
    {
        bookLength = ShardMover.BookSource.PENDING;
        if (!connected())
        {
            return false;
        }
        if (out.remaining() < ShardLinkFrames.HEADER + ShardLinkFrames.BOOK_REQUEST_LENGTH)
        {
            flush();
        }
        if (out.remaining() < ShardLinkFrames.HEADER + ShardLinkFrames.BOOK_REQUEST_LENGTH)
        {
            return false;
        }
        out.putInt(ShardLinkFrames.BOOK_REQUEST_LENGTH + 1).put(ShardLinkFrames.BOOK_REQUEST).putInt(instrumentId)
            .putLong(timestamp).putLong(firstTransferId);
        flush();
        return true;
    }

    /**
     * @param piece where the book's commands go, from 0.
     * @return bytes written, -1 when the shard has no such instrument or the link is lost, or
     * {@link ShardMover.BookSource#PENDING} while the book has not arrived.
     */
    public int takeBook(final MutableDirectBuffer piece)
    {
        if (bookLength == ShardMover.BookSource.PENDING)
        {
            return connected() ? ShardMover.BookSource.PENDING : -1;
        }
        final int length = bookLength;
        if (length > 0)
        {
            piece.putBytes(0, book, 0, length);
        }
        bookLength = ShardMover.BookSource.PENDING;
        return length;
    }

    @Override
    public int poll(final VenueEventHandler handler, final int limit)
    {
        if (!connected())
        {
            return 0;
        }
        flush();
        try
        {
            if (channel.read(in) < 0)
            {
                lost("the shard closed the link");
                return 0;
            }
        }
        catch (final IOException ex)
        {
            lost(ex.toString());
            return 0;
        }
        in.flip();
        int delivered = 0;
        while (in.remaining() >= ShardLinkFrames.HEADER)
        {
            final int position = in.position();
            final int body = ShardLinkFrames.bodyLength(in);
            if (body < 0)
            {
                lost("a frame of bad length from the shard");
                return delivered;
            }
            if (in.remaining() < ShardLinkFrames.HEADER + body)
            {
                growFor(ShardLinkFrames.HEADER + body);
                break;
            }
            final byte type = in.get(position + Integer.BYTES);
            final int start = position + ShardLinkFrames.HEADER;
            if (type == ShardLinkFrames.EVENT)
            {
                if (delivered == limit)
                {
                    break;
                }
                handler.onEvent(in.getLong(start), inView, start + Long.BYTES, body - Long.BYTES);
                delivered++;
            }
            else if (type == ShardLinkFrames.BOOK)
            {
                readBook(start);
            }
            in.position(start + body);
        }
        in.compact();
        return delivered;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                connected = false;
            }
        }
    }

    @Override
    public String toString()
    {
        return "shard link " + name + (connected() ? "" : " (lost)");
    }

    private void readBook(final int start)
    {
        final int length = in.getInt(start);
        if (length > book.length)
        {
            book = new byte[length];
        }
        if (length > 0)
        {
            inView.getBytes(start + Integer.BYTES, book, 0, length);
        }
        bookLength = length;
    }

    private void growFor(final int frame)
    {
        if (frame > in.capacity())
        {
            final ByteBuffer bigger = ByteBuffer.allocateDirect(frame).order(ByteOrder.LITTLE_ENDIAN);
            bigger.put(in);
            bigger.flip();
            in = bigger;
            inView.wrap(in);
        }
    }

    private void flush()
    {
        if (out.position() == 0 || !connected)
        {
            return;
        }
        out.flip();
        try
        {
            channel.write(out);
        }
        catch (final IOException ex)
        {
            lost(ex.toString());
        }
        finally
        {
            out.compact();
        }
    }

    private void lost(final String why)
    {
        if (connected)
        {
            connected = false;
            System.err.println("dx: " + name + " lost: " + why);
        }
    }
}
