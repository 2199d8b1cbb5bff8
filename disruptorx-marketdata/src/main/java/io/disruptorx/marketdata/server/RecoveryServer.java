package io.disruptorx.marketdata.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookUpdater;
import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.marketdata.book.SnapshotCodec;
import io.disruptorx.marketdata.wire.RecoveryProtocol;
import io.disruptorx.marketdata.wire.SoupBinTcp;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The TCP recovery server, on its own thread: snapshots of the full book per instrument (by order and by
 * price level) with the feed sequence they reflect, and retransmission by request/response (frames in
 * {@link RecoveryProtocol}).
 *
 * <p>It keeps its own {@link MarketBook}, built by reading the {@link MessageStore} behind the publisher,
 * so serving a snapshot never stops the publisher: before each snapshot the book catches up to the latest
 * stored sequence and the snapshot carries exactly that sequence. If it ever falls further behind than the
 * store holds, it answers snapshot requests with {@link RecoveryProtocol#STATUS_UNAVAILABLE}.
 */
public final class RecoveryServer implements AutoCloseable
{
    private static final int CATCH_UP_INTERVAL_MILLIS = 2;

    private final MessageStore store;
    private final RequestRateLimiter rateLimiter;
    private final int maxMessagesPerRequest;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread thread;
    private final MarketBook book = new MarketBook();
    private final BookUpdater updater = new BookUpdater(book, new MarketDataListener()
    {
    });
    private final UnsafeBuffer scratch;
    private long bookSequence;
    private boolean lostTrack;
    private volatile boolean running = true;

    private volatile long snapshotsServed;
    private volatile long retransmitRequests;
    private volatile long badRequests;
    private volatile long rateLimited;
    private volatile long tooOld;

    /**
     * @param bindAddress           where to listen (port 0 for an ephemeral port).
     * @param store                 the publisher's store; must be created before the first message.
     * @param rateLimiter           per-client limit over both request kinds.
     * @param maxMessagesPerRequest retransmission clamp.
     */
    public RecoveryServer(
        final InetSocketAddress bindAddress,
        final MessageStore store,
        final RequestRateLimiter rateLimiter,
        final int maxMessagesPerRequest)
    {
        this.store = store;
        this.rateLimiter = rateLimiter;
        this.maxMessagesPerRequest = maxMessagesPerRequest;
        this.scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(store.maxMessageLength()));
        try
        {
            server = ServerSocketChannel.open();
            server.bind(bindAddress);
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        thread = new Thread(this::run, "dx-md-recovery");
        thread.setDaemon(true);
    }

    /**
     * @return this, with its thread started.
     */
    public RecoveryServer start()
    {
        thread.start();
        return this;
    }

    /**
     * @return the bound address.
     */
    public InetSocketAddress address()
    {
        try
        {
            return (InetSocketAddress)server.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        running = false;
        selector.wakeup();
        try
        {
            thread.join(5_000);
            for (final SelectionKey key : selector.keys())
            {
                key.channel().close();
            }
            selector.close();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void run()
    {
        while (running)
        {
            try
            {
                selector.select(CATCH_UP_INTERVAL_MILLIS);
                catchUp();
                final Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext())
                {
                    final SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                badRequests++;
            }
        }
    }

    private void handle(final SelectionKey key)
    {
        try
        {
            if (key.isAcceptable())
            {
                final SocketChannel channel = server.accept();
                if (channel != null)
                {
                    channel.configureBlocking(false);
                    channel.register(selector, SelectionKey.OP_READ, new Connection(channel));
                }
                return;
            }
            final Connection connection = (Connection)key.attachment();
            if (key.isWritable())
            {
                connection.write(key);
            }
            if (key.isValid() && key.isReadable() && connection.channel.read(connection.in) < 0)
            {
                close(key);
                return;
            }
            while (!connection.out.hasRemaining() && readRequest(connection))
            {
                connection.write(key);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            badRequests++;
            close(key);
        }
    }

    private boolean readRequest(final Connection connection)
    {
        final ByteBuffer in = connection.in;
        if (in.position() < SoupBinTcp.HEADER_LENGTH)
        {
            return false;
        }
        final int frameLength = in.getShort(0) & 0xFFFF;
        if (frameLength < 1 || frameLength > in.capacity() - SoupBinTcp.LENGTH_FIELD)
        {
            throw new IllegalStateException("bad frame length " + frameLength);
        }
        if (in.position() < SoupBinTcp.LENGTH_FIELD + frameLength)
        {
            return false;
        }
        final byte type = in.get(SoupBinTcp.LENGTH_FIELD);
        final int payload = frameLength - 1;
        final long now = System.nanoTime();
        if (!rateLimiter.tryAcquire(connection.remote, now))
        {
            rateLimited++;
            retransmitEnd(connection, RecoveryProtocol.STATUS_RATE_LIMITED);
        }
        else if (type == RecoveryProtocol.SNAPSHOT_REQUEST && payload == RecoveryProtocol.SNAPSHOT_REQUEST_LENGTH)
        {
            serveSnapshot(connection, in.getInt(SoupBinTcp.HEADER_LENGTH));
        }
        else if (type == RecoveryProtocol.RETRANSMIT_REQUEST && payload == RecoveryProtocol.RETRANSMIT_REQUEST_LENGTH)
        {
            serveRetransmission(
                connection, in.getLong(SoupBinTcp.HEADER_LENGTH), in.getInt(SoupBinTcp.HEADER_LENGTH + 8));
        }
        else
        {
            badRequests++;
            retransmitEnd(connection, RecoveryProtocol.STATUS_BAD_REQUEST);
        }
        final int consumed = SoupBinTcp.LENGTH_FIELD + frameLength;
        in.flip().position(consumed);
        in.compact();
        return true;
    }

    private void serveSnapshot(final Connection connection, final int instrumentId)
    {
        catchUp();
        if (lostTrack)
        {
            retransmitEnd(connection, RecoveryProtocol.STATUS_UNAVAILABLE);
            return;
        }
        final int length = SnapshotCodec.length(book, instrumentId);
        final UnsafeBuffer out = connection.reserve(length);
        SnapshotCodec.write(book, bookSequence, instrumentId, out, 0);
        connection.out.limit(length);
        snapshotsServed++;
    }

    private void serveRetransmission(final Connection connection, final long from, final int requested)
    {
        retransmitRequests++;
        final long highest = store.highestSequence();
        if (from < 1 || requested < 1 || from > highest)
        {
            badRequests++;
            retransmitEnd(connection, RecoveryProtocol.STATUS_BAD_REQUEST);
            return;
        }
        final long wanted = Math.min(from + requested - 1, highest);
        final long last = Math.min(wanted, from + maxMessagesPerRequest - 1);
        final int frameMax = SoupBinTcp.HEADER_LENGTH + 8 + store.maxMessageLength();
        final UnsafeBuffer out = connection.reserve((int)(last - from + 1) * frameMax + frameMax + 32);
        int position = 0;
        byte status = last < wanted ? RecoveryProtocol.STATUS_PARTIAL : RecoveryProtocol.STATUS_OK;
        for (long s = from; s <= last; s++)
        {
            final int length = store.read(s, out, position + SoupBinTcp.HEADER_LENGTH + 8);
            if (length < 0)
            {
                if (s == from)
                {
                    tooOld++;
                    status = RecoveryProtocol.STATUS_TOO_OLD;
                }
                else
                {
                    status = RecoveryProtocol.STATUS_PARTIAL;
                }
                break;
            }
            out.putShort(position, (short)(1 + 8 + length), ByteOrder.BIG_ENDIAN);
            out.putByte(position + SoupBinTcp.LENGTH_FIELD, RecoveryProtocol.MESSAGE);
            out.putLong(position + SoupBinTcp.HEADER_LENGTH, s, ByteOrder.BIG_ENDIAN);
            position += SoupBinTcp.HEADER_LENGTH + 8 + length;
        }
        position = writeEnd(out, position, status);
        connection.out.limit(position);
    }

    private void retransmitEnd(final Connection connection, final byte status)
    {
        final UnsafeBuffer out = connection.reserve(SoupBinTcp.HEADER_LENGTH + RecoveryProtocol.RETRANSMIT_END_LENGTH);
        connection.out.limit(writeEnd(out, 0, status));
    }

    private int writeEnd(final UnsafeBuffer out, final int position, final byte status)
    {
        out.putShort(position, (short)(1 + RecoveryProtocol.RETRANSMIT_END_LENGTH), ByteOrder.BIG_ENDIAN);
        out.putByte(position + SoupBinTcp.LENGTH_FIELD, RecoveryProtocol.RETRANSMIT_END);
        out.putByte(position + SoupBinTcp.HEADER_LENGTH, status);
        out.putLong(position + SoupBinTcp.HEADER_LENGTH + 1, store.lowestSequence(), ByteOrder.BIG_ENDIAN);
        out.putLong(position + SoupBinTcp.HEADER_LENGTH + 9, store.highestSequence() + 1, ByteOrder.BIG_ENDIAN);
        return position + SoupBinTcp.HEADER_LENGTH + RecoveryProtocol.RETRANSMIT_END_LENGTH;
    }

    private void catchUp()
    {
        final long highest = store.highestSequence();
        while (!lostTrack && bookSequence < highest)
        {
            final long sequence = bookSequence + 1;
            final int length = store.read(sequence, scratch, 0);
            if (length < 0)
            {
                lostTrack = true;
                return;
            }
            updater.onMessage(sequence, scratch, 0, length);
            bookSequence = sequence;
        }
    }

    private void close(final SelectionKey key)
    {
        key.cancel();
        try
        {
            key.channel().close();
        }
        catch (final IOException ignore)
        {
            badRequests++;
        }
    }

    /**
     * @return snapshots served.
     */
    public long snapshotsServed()
    {
        return snapshotsServed;
    }

    /**
     * @return retransmission requests received.
     */
    public long retransmitRequests()
    {
        return retransmitRequests;
    }

    /**
     * @return malformed requests and connection errors.
     */
    public long badRequests()
    {
        return badRequests;
    }

    /**
     * @return requests refused by the rate limit.
     */
    public long rateLimited()
    {
        return rateLimited;
    }

    /**
     * @return retransmission requests answered "too old".
     */
    public long tooOld()
    {
        return tooOld;
    }

    private static final class Connection
    {
        private final SocketChannel channel;
        private final InetSocketAddress remote;
        private final ByteBuffer in = ByteBuffer.allocate(256).order(ByteOrder.BIG_ENDIAN);
        private ByteBuffer out = ByteBuffer.allocateDirect(4096).limit(0);
        private UnsafeBuffer outView = new UnsafeBuffer(out);

        Connection(final SocketChannel channel) throws IOException
        {
            this.channel = channel;
            this.remote = (InetSocketAddress)channel.getRemoteAddress();
        }

        UnsafeBuffer reserve(final int length)
        {
            if (out.capacity() < length)
            {
                out = ByteBuffer.allocateDirect(Math.max(length, out.capacity() * 2));
                outView = new UnsafeBuffer(out);
            }
            out.clear();
            return outView;
        }

        void write(final SelectionKey key) throws IOException
        {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }
}
