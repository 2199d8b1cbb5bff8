package io.disruptorx.marketdata.server.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.marketdata.server.Sockets;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.concurrent.NanoClock;

/**
 * A non-blocking TCP listener whose clients send SoupBinTCP-framed packets, driven by its owner's duty cycle:
 * {@link #poll} accepts, reads and hands each complete packet to a {@link PacketHandler}; the owner then writes
 * responses into the connections and calls {@link #flushAll}. Never blocks and starts no thread.
 *
 * <p>A connection whose unsent output exceeds {@code maxPendingOutput} is not read from until the socket has
 * taken it: a client that asks without reading cannot make the server buffer without bound.
 *
 * <p>A connection beyond {@link #maxConnections()} in all, or beyond {@link #maxConnectionsPerAddress()} from its
 * source address, is closed as it is accepted, before the protocol sees it, and counted
 * ({@link #refusedConnections()}): the counting is core's {@link ConnectionLimiter}, as on the order-entry edges.
 *
 * <p>With {@link RelayedPeers} ({@link #relayedPeers}), a connection relayed by a TLS terminator in the same process
 * is known by its client's own address ({@link PacketConnection#remote()}): the limit per source address and the
 * handler's per-requester rate limits count the client, not the relay's loopback address.
 */
public final class PacketServer implements AutoCloseable
{
    private final ServerSocketChannel listener;
    private final Selector selector;
    private final int maxInboundPacketLength;
    private final int maxPendingOutput;
    private final NanoClock clock;
    private final List<PacketConnection> connections = new ArrayList<>();
    private volatile ConnectionLimiter limiter = ConnectionLimiter.defaults();
    private volatile RelayedPeers peers;

    /**
     * @param what                   what listens, for the bind error message (e.g. "recovery server").
     * @param bindAddress            where to listen (port 0 for an ephemeral port).
     * @param maxInboundPacketLength longest packet (type and payload) a client may send.
     * @param maxPendingOutput       unsent bytes beyond which a connection's requests wait.
     * @param clock                  read at each accept: a connection's time starts when it is accepted, not at the
     *                               start of the duty cycle that accepts it (which may be long before the client
     *                               connected when the thread was preempted), so no timeout ends early.
     */
    public PacketServer(
        final String what, final InetSocketAddress bindAddress, final int maxInboundPacketLength,
        final int maxPendingOutput, final NanoClock clock)
    {
        this.clock = clock;
        this.maxInboundPacketLength = maxInboundPacketLength;
        this.maxPendingOutput = maxPendingOutput;
        this.listener = Sockets.listen(what, bindAddress);
        try
        {
            selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
        }
        catch (final IOException ex)
        {
            Sockets.closeQuietly(listener);
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the bound address.
     */
    public InetSocketAddress address()
    {
        return Sockets.localAddress(listener);
    }

    /**
     * Sets the connection limits; call before the first {@link #poll}, on the thread that will poll.
     *
     * @param total      connections held at once.
     * @param perAddress connections held at once from one source address.
     * @throws IllegalArgumentException unless {@code 1 <= perAddress <= total}.
     */
    public void limitConnections(final int total, final int perAddress)
    {
        limiter = new ConnectionLimiter(total, perAddress);
    }

    /**
     * Looks each accepted connection's peer up in the TLS terminators' record of relayed clients; call before the
     * first {@link #poll}.
     *
     * @param relayed where a TLS terminator in the same process records the clients it relays here.
     */
    public void relayedPeers(final RelayedPeers relayed)
    {
        this.peers = relayed;
    }

    /**
     * @return connections held at once.
     */
    public int maxConnections()
    {
        return limiter.maxConnections();
    }

    /**
     * @return connections held at once from one source address.
     */
    public int maxConnectionsPerAddress()
    {
        return limiter.maxConnectionsPerAddress();
    }

    /**
     * @return connections closed at accept because a limit was reached (any thread may read it).
     */
    public long refusedConnections()
    {
        return limiter.refused();
    }

    /**
     * @return connections held now (any thread may read it).
     */
    public int openConnections()
    {
        return limiter.open();
    }

    /**
     * @return the open connections, for the owner's per-connection work (do not keep the list).
     */
    public List<PacketConnection> connections()
    {
        return connections;
    }

    /**
     * Accepts new connections, reads what arrived and hands every complete packet to the handler.
     *
     * @param handler  the protocol.
     * @param nowNanos the duty cycle's time.
     * @return work done (connections accepted, reads, packets).
     */
    public int poll(final PacketHandler handler, final long nowNanos)
    {
        int work = 0;
        try
        {
            selector.selectNow();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final Set<SelectionKey> selected = selector.selectedKeys();
        // An iterator is an allocation, and the feed's thread polls far more often than clients send (issue 15).
        if (!selected.isEmpty())
        {
            work += onSelected(selected, handler, nowNanos);
        }
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final PacketConnection connection = connections.get(i);
            if (!connection.closed())
            {
                work += parse(connection, handler, nowNanos);
            }
        }
        return work;
    }

    private int onSelected(final Set<SelectionKey> selected, final PacketHandler handler, final long nowNanos)
    {
        int work = 0;
        final Iterator<SelectionKey> keys = selected.iterator();
        while (keys.hasNext())
        {
            final SelectionKey key = keys.next();
            keys.remove();
            if (!key.isValid())
            {
                continue;
            }
            if (key.isAcceptable())
            {
                work += accept(handler);
            }
            else
            {
                work += onReady(key, handler, nowNanos);
            }
        }
        return work;
    }

    /**
     * Writes what the connections hold, as far as their sockets take it, and closes those marked to close once
     * flushed.
     *
     * @param handler  told about connections closed.
     * @param nowNanos the duty cycle's time.
     * @return work done (connections that sent bytes or closed).
     */
    public int flushAll(final PacketHandler handler, final long nowNanos)
    {
        int work = 0;
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final PacketConnection connection = connections.get(i);
            try
            {
                if (connection.flush(nowNanos) > 0)
                {
                    work++;
                }
                if (connection.closing() && connection.pendingBytes() == 0)
                {
                    close(connection, CloseReason.BY_SERVER, handler);
                    work++;
                }
            }
            catch (final IOException ex)
            {
                close(connection, CloseReason.IO_ERROR, handler);
                work++;
            }
        }
        return work;
    }

    /**
     * Closes a connection now, without sending what it still holds.
     *
     * @param connection the connection.
     * @param reason     why.
     * @param handler    told once.
     */
    public void close(final PacketConnection connection, final CloseReason reason, final PacketHandler handler)
    {
        if (connection.closed())
        {
            return;
        }
        connection.markClosed();
        connections.remove(connection);
        Sockets.closeQuietly(connection.channel());
        limiter.release(connection.remote().getAddress());
        handler.onClosed(connection, reason);
    }

    /**
     * Closes every connection ({@link CloseReason#SERVER_CLOSED}) and the listener.
     *
     * @param handler told about each connection.
     */
    public void close(final PacketHandler handler)
    {
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            close(connections.get(i), CloseReason.SERVER_CLOSED, handler);
        }
        close();
    }

    @Override
    public void close()
    {
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final PacketConnection connection = connections.remove(i);
            connection.markClosed();
            Sockets.closeQuietly(connection.channel());
            limiter.release(connection.remote().getAddress());
        }
        Sockets.closeQuietly(selector);
        Sockets.closeQuietly(listener);
    }

    private int accept(final PacketHandler handler)
    {
        int accepted = 0;
        while (true)
        {
            final SocketChannel channel;
            try
            {
                channel = listener.accept();
            }
            catch (final IOException ex)
            {
                // out of file descriptors, for instance: the pending connections wait for the next duty cycle
                return accepted;
            }
            if (channel == null)
            {
                return accepted;
            }
            final long openedNanos = clock.nanoTime();
            final PacketConnection connection;
            InetAddress admitted = null;
            try
            {
                final InetSocketAddress remote = clientOf((InetSocketAddress)channel.getRemoteAddress());
                if (!limiter.tryAcquire(remote.getAddress()))
                {
                    Sockets.closeQuietly(channel);
                    continue;
                }
                admitted = remote.getAddress();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                connection = new PacketConnection(channel, key, remote, maxInboundPacketLength, openedNanos);
                key.attach(connection);
            }
            catch (final IOException ex)
            {
                // the peer reset the connection before it could be set up: there is nobody to serve
                Sockets.closeQuietly(channel);
                if (admitted != null)
                {
                    limiter.release(admitted);
                }
                continue;
            }
            connections.add(connection);
            handler.onOpen(connection, openedNanos);
            accepted++;
        }
    }

    private InetSocketAddress clientOf(final InetSocketAddress peer)
    {
        final RelayedPeers relayed = peers;
        return relayed == null ? peer : relayed.clientOf(peer);
    }

    private int onReady(final SelectionKey key, final PacketHandler handler, final long nowNanos)
    {
        final PacketConnection connection = (PacketConnection)key.attachment();
        try
        {
            if (key.isWritable())
            {
                connection.flush(nowNanos);
            }
            if (key.isValid() && key.isReadable() && !connection.closing() && connection.in.hasRemaining())
            {
                if (connection.read(nowNanos) < 0)
                {
                    close(connection, CloseReason.PEER_CLOSED, handler);
                }
                return 1;
            }
            return 0;
        }
        catch (final IOException ex)
        {
            close(connection, CloseReason.IO_ERROR, handler);
            return 1;
        }
    }

    private int parse(final PacketConnection connection, final PacketHandler handler, final long nowNanos)
    {
        int packets = 0;
        final ByteBuffer in = connection.in;
        while (!connection.closing() && !connection.closed() && connection.pendingBytes() <= maxPendingOutput &&
            in.position() >= SoupBinTcp.LENGTH_FIELD)
        {
            final int length = SoupBinTcp.packetLength(connection.inView, 0);
            if (length == 0 || length > maxInboundPacketLength)
            {
                handler.onFrameError(connection, length == 0 ? FrameError.EMPTY : FrameError.OVERSIZED);
                close(connection, CloseReason.BAD_FRAME, handler);
                return packets + 1;
            }
            final int frame = SoupBinTcp.LENGTH_FIELD + length;
            if (in.position() < frame)
            {
                return packets;
            }
            handler.onPacket(connection, SoupBinTcp.packetType(connection.inView, 0), connection.inView,
                SoupBinTcp.HEADER_LENGTH, length - 1, nowNanos);
            packets++;
            if (!connection.closed())
            {
                in.flip().position(frame);
                in.compact();
            }
        }
        return packets;
    }
}
