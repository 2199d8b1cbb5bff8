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

import io.disruptorx.marketdata.wire.SoupBinTcp;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The feed over TCP for subscribers that cannot receive multicast: SoupBinTCP framing, login at a sequence,
 * then every message from it as sequenced data, heartbeats when idle, end of session. It reads the
 * {@link MessageStore} on its own thread, so a slow subscriber never slows the publisher; one that falls
 * behind the store is sent end of session and disconnected.
 */
public final class TcpFeedServer implements AutoCloseable
{
    private static final int POLL_MILLIS = 1;
    private static final int OUT_CAPACITY = 64 * 1024;

    private final byte[] session;
    private final MessageStore store;
    private final long heartbeatIntervalNanos;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean ended;
    private volatile long loginsAccepted;
    private volatile long loginsRejected;
    private volatile long messagesSent;
    private volatile long disconnects;

    /**
     * @param bindAddress            where to listen (port 0 for an ephemeral port).
     * @param session                session name (10 characters at most).
     * @param store                  the publisher's store.
     * @param heartbeatIntervalNanos idle time before a server heartbeat.
     */
    public TcpFeedServer(
        final InetSocketAddress bindAddress,
        final byte[] session,
        final MessageStore store,
        final long heartbeatIntervalNanos)
    {
        this.session = session.clone();
        this.store = store;
        this.heartbeatIntervalNanos = heartbeatIntervalNanos;
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
        thread = new Thread(this::run, "dx-md-tcp-feed");
        thread.setDaemon(true);
    }

    /**
     * @return this, with its thread started.
     */
    public TcpFeedServer start()
    {
        thread.start();
        return this;
    }

    /**
     * @return bound address.
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

    /**
     * Ends the session: each subscriber gets the rest of the stream, then end of session.
     */
    public void endOfSession()
    {
        ended = true;
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

    /**
     * @return logins accepted.
     */
    public long loginsAccepted()
    {
        return loginsAccepted;
    }

    /**
     * @return logins rejected (malformed, or a sequence the store no longer holds).
     */
    public long loginsRejected()
    {
        return loginsRejected;
    }

    /**
     * @return sequenced data packets sent.
     */
    public long messagesSent()
    {
        return messagesSent;
    }

    /**
     * @return subscribers disconnected (closed, slow or misbehaving).
     */
    public long disconnects()
    {
        return disconnects;
    }

    private void run()
    {
        while (running)
        {
            try
            {
                selector.select(POLL_MILLIS);
                final Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext())
                {
                    final SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
                final long now = System.nanoTime();
                for (final SelectionKey key : selector.keys())
                {
                    if (key.isValid() && key.attachment() instanceof Subscriber)
                    {
                        pump(key, (Subscriber)key.attachment(), now);
                    }
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                disconnects++;
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
                    channel.register(selector, SelectionKey.OP_READ, new Subscriber(channel));
                }
                return;
            }
            final Subscriber subscriber = (Subscriber)key.attachment();
            if (key.isReadable())
            {
                final int read = subscriber.channel.read(subscriber.in);
                if (read < 0)
                {
                    close(key);
                    return;
                }
                readPackets(key, subscriber);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            close(key);
        }
    }

    private void readPackets(final SelectionKey key, final Subscriber subscriber)
    {
        final ByteBuffer in = subscriber.in;
        while (in.position() >= SoupBinTcp.HEADER_LENGTH)
        {
            final int length = in.getShort(0) & 0xFFFF;
            if (length < 1 || length + SoupBinTcp.LENGTH_FIELD > in.capacity())
            {
                close(key);
                return;
            }
            if (in.position() < length + SoupBinTcp.LENGTH_FIELD)
            {
                return;
            }
            final byte type = in.get(SoupBinTcp.LENGTH_FIELD);
            if (type == SoupBinTcp.LOGIN_REQUEST && subscriber.nextSequence == 0)
            {
                if (!login(subscriber, length - 1))
                {
                    close(key);
                    return;
                }
            }
            else if (type == SoupBinTcp.LOGOUT_REQUEST)
            {
                close(key);
                return;
            }
            else if (type != SoupBinTcp.CLIENT_HEARTBEAT)
            {
                close(key);
                return;
            }
            in.flip().position(length + SoupBinTcp.LENGTH_FIELD);
            in.compact();
        }
    }

    private boolean login(final Subscriber subscriber, final int payloadLength)
    {
        final byte[] payload = new byte[SoupBinTcp.LOGIN_REQUEST_LENGTH];
        if (payloadLength != SoupBinTcp.LOGIN_REQUEST_LENGTH)
        {
            reject(subscriber, SoupBinTcp.REJECT_NOT_AUTHORIZED);
            return false;
        }
        subscriber.in.get(SoupBinTcp.HEADER_LENGTH, payload);
        final long requested = SoupBinTcp.parseAsciiNumber(
            payload, SoupBinTcp.LOGIN_SEQUENCE_OFFSET, SoupBinTcp.SEQUENCE_WIDTH);
        final long highest = store.highestSequence();
        final long start = requested == 0 ? highest + 1 : Math.min(requested, highest + 1);
        if (requested < 0 || start < store.lowestSequence())
        {
            reject(subscriber, SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE);
            return false;
        }
        final byte[] accepted = new byte[SoupBinTcp.LOGIN_ACCEPTED_LENGTH];
        System.arraycopy(session, 0, accepted, 0, session.length);
        SoupBinTcp.putAsciiNumber(accepted, session.length, SoupBinTcp.SEQUENCE_WIDTH, start);
        subscriber.writePacket(SoupBinTcp.LOGIN_ACCEPTED, accepted);
        subscriber.nextSequence = start;
        loginsAccepted++;
        return true;
    }

    private void reject(final Subscriber subscriber, final byte reason)
    {
        loginsRejected++;
        subscriber.writePacket(SoupBinTcp.LOGIN_REJECTED, new byte[]{reason});
        try
        {
            subscriber.flush();
        }
        catch (final IOException ignore)
        {
            disconnects++;
        }
    }

    private void pump(final SelectionKey key, final Subscriber subscriber, final long now)
    {
        try
        {
            if (subscriber.nextSequence > 0)
            {
                final long highest = store.highestSequence();
                final int maxFrame = SoupBinTcp.HEADER_LENGTH + store.maxMessageLength();
                while (subscriber.nextSequence <= highest &&
                    subscriber.outView.capacity() - subscriber.used >= maxFrame)
                {
                    final int at = subscriber.used;
                    final int length = store.read(
                        subscriber.nextSequence, subscriber.outView, at + SoupBinTcp.HEADER_LENGTH);
                    if (length < 0)
                    {
                        subscriber.writePacket(SoupBinTcp.END_OF_SESSION, new byte[0]);
                        subscriber.flush();
                        close(key);
                        return;
                    }
                    subscriber.outView.putShort(at, (short)(length + 1), ByteOrder.BIG_ENDIAN);
                    subscriber.outView.putByte(at + SoupBinTcp.LENGTH_FIELD, SoupBinTcp.SEQUENCED_DATA);
                    subscriber.used = at + SoupBinTcp.HEADER_LENGTH + length;
                    subscriber.nextSequence++;
                    messagesSent++;
                }
                if (ended && subscriber.nextSequence > highest && !subscriber.endSent)
                {
                    subscriber.writePacket(SoupBinTcp.END_OF_SESSION, new byte[0]);
                    subscriber.endSent = true;
                }
                if (subscriber.used == 0 && now - subscriber.lastSendNanos >= heartbeatIntervalNanos)
                {
                    subscriber.writePacket(SoupBinTcp.SERVER_HEARTBEAT, new byte[0]);
                }
            }
            if (subscriber.used > 0)
            {
                subscriber.flush();
                subscriber.lastSendNanos = now;
            }
        }
        catch (final IOException ex)
        {
            close(key);
        }
    }

    private void close(final SelectionKey key)
    {
        disconnects++;
        key.cancel();
        try
        {
            key.channel().close();
        }
        catch (final IOException ignore)
        {
            disconnects++;
        }
    }

    private static final class Subscriber
    {
        private final SocketChannel channel;
        private final ByteBuffer in = ByteBuffer.allocate(256).order(ByteOrder.BIG_ENDIAN);
        private final ByteBuffer out = ByteBuffer.allocateDirect(OUT_CAPACITY);
        private final UnsafeBuffer outView = new UnsafeBuffer(out);
        private int used;
        private long nextSequence;
        private long lastSendNanos = System.nanoTime();
        private boolean endSent;

        Subscriber(final SocketChannel channel)
        {
            this.channel = channel;
        }

        void writePacket(final byte type, final byte[] payload)
        {
            if (outView.capacity() - used < SoupBinTcp.HEADER_LENGTH + payload.length)
            {
                throw new IllegalStateException("subscriber output full");
            }
            outView.putShort(used, (short)(payload.length + 1), ByteOrder.BIG_ENDIAN);
            outView.putByte(used + SoupBinTcp.LENGTH_FIELD, type);
            outView.putBytes(used + SoupBinTcp.HEADER_LENGTH, payload);
            used += SoupBinTcp.HEADER_LENGTH + payload.length;
        }

        void flush() throws IOException
        {
            out.limit(used).position(0);
            channel.write(out);
            final int remaining = out.remaining();
            if (remaining > 0)
            {
                out.compact();
            }
            used = remaining;
            out.clear();
        }
    }
}
