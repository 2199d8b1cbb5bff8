package io.disruptorx.shard.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
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
 * <p>A lost connection is made again, in {@link #poll}, after a backoff that doubles from 10 ms to 1 s; meanwhile
 * offers answer {@link #NOT_CONNECTED}. Both sides number their frames and keep them until the other acknowledges
 * them ({@link LinkStream}): on the new connection the gateway says how many of the shard's frames it has
 * ({@link ShardLinkFrames#HELLO}), the shard how many commands it took ({@link ShardLinkFrames#WELCOME}), and each
 * sends again what the other lacks, so a command sent before the loss is applied once and every event arrives
 * once and in order; a book asked for before the loss arrives after it. Commands stay in the log until they are
 * durable ({@link TakenCommands}), so a shard host that restarted on its journal takes again only those it lost and
 * sends the events that were lost (docs/scaling.md, "A shard host restarts"). A shard that gave the link up
 * answers so, and the link stays lost. One thread uses an instance; no allocation per command or event.
 */
public final class RemoteShardClient implements VenueClient
{
    private static final int BUFFER_BYTES = 4 << 20;
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long BOOK_GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final InetSocketAddress address;
    private final String name;
    private final long linkId;
    private final LinkStream stream = new LinkStream(BUFFER_BYTES, BUFFER_BYTES);
    private final TakenCommands taken = new TakenCommands();
    private final long[] hello = new long[ShardLinkFrames.HELLO_LENGTH / Long.BYTES];
    private ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer inView = new UnsafeBuffer(in);
    private SocketChannel channel;
    private byte[] book = new byte[0];
    private int bookLength = ShardMover.BookSource.PENDING;
    private long offered;
    private long received;
    private long acknowledged;
    private long reconnects;
    private long restarts;
    private long badFrames;
    private long backoffNanos = FIRST_BACKOFF_NANOS;
    private long nextAttemptNanos;
    private long lostAtNanos;
    private boolean connecting;
    private boolean welcomed;
    private boolean given;
    private boolean closed;

    private RemoteShardClient(final InetSocketAddress address, final long linkId)
    {
        this.address = address;
        this.name = address.toString();
        this.linkId = linkId;
    }

    /**
     * Connects, trying again until the shard listens and has answered the link's HELLO or the time is up.
     *
     * @param address      the shard's link listener.
     * @param timeoutNanos longest wait.
     * @return the connected client.
     */
    public static RemoteShardClient connect(final InetSocketAddress address, final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        final RemoteShardClient client = new RemoteShardClient(address, (new SecureRandom().nextLong() >>> 1) | 1);
        while (true)
        {
            try
            {
                client.channel = SocketChannel.open(address);
                client.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                client.channel.configureBlocking(false);
                client.connected(false);
                while (!client.welcomed && client.channel != null && System.nanoTime() < deadline)
                {
                    client.poll((sequence, buffer, offset, length) ->
                    {
                    }, 0);
                    Thread.yield();
                }
                if (client.welcomed)
                {
                    return client;
                }
                throw new IOException("the shard did not answer the link's HELLO");
            }
            catch (final IOException ex)
            {
                client.drop();
                if (System.nanoTime() > deadline || client.given)
                {
                    throw new UncheckedIOException("no shard link at " + address, ex);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    /**
     * @return whether the connection is up and the shard has answered its HELLO.
     */
    public boolean connected()
    {
        return welcomed && !closed && !given;
    }

    /**
     * @return connections made again to a shard host that had restarted (a new process on the same journal).
     */
    public long shardRestarts()
    {
        return restarts;
    }

    /**
     * @return frames from the shard that broke the protocol, each taken as the connection being lost.
     */
    public long badFrames()
    {
        return badFrames;
    }

    /**
     * @return connections made again after one was lost.
     */
    public long reconnects()
    {
        return reconnects;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (!connected())
        {
            return NOT_CONNECTED;
        }
        if (length <= 0 || length > ShardLinkFrames.MAX_MESSAGE)
        {
            throw new IllegalArgumentException("a command has 1 to " + ShardLinkFrames.MAX_MESSAGE + " bytes, was " +
                length);
        }
        if (!stream.hasRoom(length))
        {
            flush();
            if (!stream.hasRoom(length))
            {
                return BACK_PRESSURED;
            }
        }
        stream.append(ShardLinkFrames.COMMAND, buffer, offset, length);
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
        if (!stream.hasRoom(ShardLinkFrames.BOOK_REQUEST_LENGTH))
        {
            flush();
        }
        if (!stream.hasRoom(ShardLinkFrames.BOOK_REQUEST_LENGTH))
        {
            return false;
        }
        final int body = stream.begin(ShardLinkFrames.BOOK_REQUEST, ShardLinkFrames.BOOK_REQUEST_LENGTH);
        stream.log().putInt(body, instrumentId, ByteOrder.LITTLE_ENDIAN);
        stream.log().putLong(body + Integer.BYTES, timestamp, ByteOrder.LITTLE_ENDIAN);
        stream.log().putLong(body + Integer.BYTES + Long.BYTES, firstTransferId, ByteOrder.LITTLE_ENDIAN);
        stream.commit(ShardLinkFrames.BOOK_REQUEST_LENGTH);
        flush();
        return true;
    }

    /**
     * @param piece where the book's commands go, from 0.
     * @return bytes written, -1 when the shard has no such instrument or the link is lost for good (or for more
     * than 10 s), or {@link ShardMover.BookSource#PENDING} while the book has not arrived.
     */
    public int takeBook(final MutableDirectBuffer piece)
    {
        if (bookLength == ShardMover.BookSource.PENDING)
        {
            final boolean gone = closed || given ||
                (!welcomed && System.nanoTime() - lostAtNanos > BOOK_GIVE_UP_NANOS);
            return gone ? -1 : ShardMover.BookSource.PENDING;
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
        if (closed || given)
        {
            return 0;
        }
        if (channel == null && !reconnect())
        {
            return 0;
        }
        try
        {
            if (connecting)
            {
                if (!channel.finishConnect())
                {
                    return 0;
                }
                connected(true);
            }
            stream.flush(channel);
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
        final int delivered = frames(handler, limit);
        if (channel != null && received != acknowledged &&
            stream.control(ShardLinkFrames.ACK, received, 0, 1))
        {
            acknowledged = received;
        }
        return delivered;
    }

    private int frames(final VenueEventHandler handler, final int limit)
    {
        in.flip();
        int delivered = 0;
        while (in.remaining() >= ShardLinkFrames.HEADER)
        {
            final int position = in.position();
            final int body = ShardLinkFrames.bodyLength(in);
            if (body >= 0 && in.remaining() < ShardLinkFrames.HEADER + body)
            {
                growFor(ShardLinkFrames.HEADER + body);
                break;
            }
            final byte type = in.get(position + Integer.BYTES);
            final int start = position + ShardLinkFrames.HEADER;
            if (body < 0 || !ShardLinkFrames.wellFormedFromShard(in, start, type, body))
            {
                badFrames++;
                lost("bad frame from the shard: type " + type + ", body " + body + " bytes");
                return delivered;
            }
            if (type == ShardLinkFrames.EVENT && welcomed)
            {
                if (delivered == limit)
                {
                    break;
                }
                final long sequence = in.getLong(start);
                handler.onEvent(sequence, inView, start + Long.BYTES, body - Long.BYTES);
                delivered++;
                received++;
                taken.onEvent(sequence, stream);
            }
            else if (type == ShardLinkFrames.BOOK && welcomed)
            {
                readBook(start);
                received++;
            }
            else if (type == ShardLinkFrames.WELCOME)
            {
                if (!welcome(in.getLong(start), in.getLong(start + Long.BYTES),
                    in.getLong(start + 2 * Long.BYTES) != 0))
                {
                    return delivered;
                }
            }
            else if (type == ShardLinkFrames.ACK)
            {
                final long count = in.getLong(start);
                if (count > stream.appended())
                {
                    lost("the shard acknowledged commands never sent");
                    return delivered;
                }
                taken.taken(count, in.getLong(start + Long.BYTES), stream);
            }
            else
            {
                lost("an unexpected frame of type " + type + " from the shard");
                return delivered;
            }
            in.position(start + body);
        }
        in.compact();
        return delivered;
    }

    /**
     * The shard's answer to HELLO (see {@link ShardLinkFrames#WELCOME}).
     */
    private boolean welcome(final long count, final long sequence, final boolean restarted)
    {
        if (count < 0)
        {
            given = true;
            lost("the shard no longer knows this link (it gave it up); the link stays lost");
            return false;
        }
        if (restarted)
        {
            restarts++;
            System.err.println("dx: " + name + " restarted; it takes again the commands its journal lacks");
        }
        taken.welcome(count, sequence, restarted, stream);
        if (!stream.resumeFrom(count))
        {
            lost("the shard took " + count + " frames, the log holds " + stream.first() + " to " +
                stream.appended());
            return false;
        }
        welcomed = true;
        backoffNanos = FIRST_BACKOFF_NANOS;
        return true;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            drop();
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
        inView.getBytes(start + Integer.BYTES, book, 0, Math.max(length, 0));
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
        if (channel == null || connecting)
        {
            return;
        }
        try
        {
            stream.flush(channel);
        }
        catch (final IOException ex)
        {
            lost(ex.toString());
        }
    }

    /**
     * A connection is up: the wire starts with HELLO and the log waits for the shard's WELCOME.
     */
    private void connected(final boolean again)
    {
        connecting = false;
        welcomed = false;
        in.clear();
        stream.reconnected(true);
        stream.control(ShardLinkFrames.HELLO, taken.hello(hello, linkId, received, stream), hello.length);
        acknowledged = received;
        if (again)
        {
            reconnects++;
            System.err.println("dx: " + name + " connected again; resending from the shard's count");
        }
    }

    private boolean reconnect()
    {
        final long now = System.nanoTime();
        if (now - nextAttemptNanos < 0)
        {
            return false;
        }
        try
        {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connecting = true;
            if (channel.connect(address))
            {
                connected(true);
            }
            return true;
        }
        catch (final IOException ex)
        {
            lost(ex.toString());
            return false;
        }
    }

    private void lost(final String why)
    {
        if (welcomed)
        {
            System.err.println("dx: " + name + " lost: " + why + (given ? "" : "; connecting again"));
            lostAtNanos = System.nanoTime();
        }
        drop();
        nextAttemptNanos = System.nanoTime() + backoffNanos;
        backoffNanos = Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
    }

    private void drop()
    {
        welcomed = false;
        connecting = false;
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // the connection is gone either way
            }
            channel = null;
        }
    }
}
