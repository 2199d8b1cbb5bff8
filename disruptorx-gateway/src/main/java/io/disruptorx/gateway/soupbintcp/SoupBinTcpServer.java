package io.disruptorx.gateway.soupbintcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.gateway.core.Report;
import org.agrona.concurrent.NanoClock;

/**
 * A SoupBinTCP 3.00 server for one dialect: accepts connections on a non-blocking socket and drives each
 * through its login, messages, reports and heartbeats, all from {@link #doWork()} on the gateway thread (it
 * starts no thread). Closing it sends End of Session to every logged-in client.
 *
 * <p>Abuse limits: a connection beyond {@link SoupBinTcpSettings#maxConnections()} in all or
 * {@link SoupBinTcpSettings#maxConnectionsPerAddress()} from its source address (a relayed TLS client's own, through
 * {@link RelayedPeers}) is closed at accept and counted as {@link ProtocolError#CONNECTION_LIMIT} (by a TLS
 * listener, as {@link SoupBinTcpTls#refusedConnections()}); a connection that has not logged in within the login
 * timeout, sends a packet longer than its dialect allows or anything but a login first is closed and counted by its
 * connection.
 *
 * <p>With {@link RelayedPeers}, a client relayed by a TLS listener in the same process that showed a certificate
 * logs in only as the user its certificate names ({@link GatewayCore#login(String, String, int,
 * io.disruptorx.gateway.core.ReportFilter, String, javax.security.auth.x500.X500Principal)}).
 *
 * <p>With {@link SoupBinTcpTls}, the listener speaks TLS itself, on this thread ({@link TlsChannel}): the same
 * sessions, limits and duty cycle, with each connection's reads decrypted and its gathered writes encrypted in
 * place; such a listener may be closed from another thread ({@link #requestClose()}).
 */
public final class SoupBinTcpServer implements AutoCloseable
{
    private static final int ACCEPTS_PER_CYCLE = 16;
    private static final long CLOSE_GRACE_NANOS = 1_000_000_000L;
    /**
     * Kernel send buffer per connection: fixed (no autotuning), so a client that stops reading is found slow
     * after this, the connection's own 64 KiB and the report store, not after megabytes.
     */
    private static final int SEND_BUFFER_BYTES = 256 * 1024;

    private final ServerSocketChannel acceptor;
    /**
     * Tells, in one {@code epoll_wait} per duty cycle, whether a connection waits to be accepted (a duty cycle with
     * none then allocates nothing: a non-blocking {@code accept()} that finds none still allocates a file descriptor
     * object) and which connections have bytes to read or have ended. An idle connection costs no {@code read} call
     * (about 1 us each on the two-core machine), so a client's turn in the cycle does not wait for the reads of the
     * idle connections served before it.
     */
    private final Selector ready;
    private final Consumer<SelectionKey> onReady = this::markReady;
    private final GatewayCore core;
    private final Dialect dialect;
    private final SoupBinTcpSettings settings;
    private final NanoClock clock;
    private final RelayedPeers peers;
    private final SoupBinTcpTls tls;
    private final Report report = new Report();
    private final List<SoupBinTcpConnection> connections = new ArrayList<>();
    private boolean acceptable;
    private boolean closed;
    private volatile boolean closeRequested;

    /**
     * Binds the listening socket.
     *
     * @param address  where to listen (port 0: any free port, see {@link #port()}).
     * @param core     the session core.
     * @param dialect  the messages.
     * @param settings session name and timers.
     * @param clock    monotonic time.
     */
    public SoupBinTcpServer(
        final InetSocketAddress address,
        final GatewayCore core,
        final Dialect dialect,
        final SoupBinTcpSettings settings,
        final NanoClock clock)
    {
        this(address, core, dialect, settings, clock, null);
    }

    /**
     * Binds the listening socket, for clients whose certificates a TLS listener in front records.
     *
     * @param address  where to listen (port 0: any free port, see {@link #port()}).
     * @param core     the session core.
     * @param dialect  the messages.
     * @param settings session name and timers.
     * @param clock    monotonic time.
     * @param peers    the subjects of relayed clients' certificates, or {@code null}.
     */
    public SoupBinTcpServer(
        final InetSocketAddress address,
        final GatewayCore core,
        final Dialect dialect,
        final SoupBinTcpSettings settings,
        final NanoClock clock,
        final RelayedPeers peers)
    {
        this(address, core, dialect, settings, clock, peers, null);
    }

    /**
     * Binds the listening socket, for TLS clients when {@code tls} is given: the handshake, the decryption and the
     * encryption run on the thread that drives {@link #doWork()}.
     *
     * @param address  where to listen (port 0: any free port, see {@link #port()}).
     * @param core     the session core.
     * @param dialect  the messages.
     * @param settings session name and timers.
     * @param clock    monotonic time.
     * @param peers    which certificate subjects name users (and relayed clients' addresses), or {@code null}.
     * @param tls      the listener's TLS, or {@code null} for plain TCP; closed with the server.
     */
    public SoupBinTcpServer(
        final InetSocketAddress address,
        final GatewayCore core,
        final Dialect dialect,
        final SoupBinTcpSettings settings,
        final NanoClock clock,
        final RelayedPeers peers,
        final SoupBinTcpTls tls)
    {
        this.tls = tls;
        this.peers = peers;
        this.core = core;
        this.dialect = dialect;
        this.settings = settings;
        this.clock = clock;
        try
        {
            acceptor = ServerSocketChannel.open();
            acceptor.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            acceptor.bind(address);
            acceptor.configureBlocking(false);
            ready = Selector.open();
            acceptor.register(ready, SelectionKey.OP_ACCEPT);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen on " + address, ex);
        }
    }

    /**
     * Serves connections oldest first, so a client that closed its connection and logged in again is seen to have
     * gone before its new login is read.
     *
     * @return work done.
     */
    public int doWork()
    {
        if (closeRequested && !closed)
        {
            close();
        }
        if (closed)
        {
            return 0;
        }
        final long now = clock.nanoTime();
        select();
        int work = acceptable ? accept() : 0;
        int kept = 0;
        final int count = connections.size();
        for (int i = 0; i < count; i++)
        {
            final SoupBinTcpConnection connection = connections.get(i);
            work += connection.doWork(now);
            if (!connection.closed())
            {
                connections.set(kept++, connection);
            }
        }
        for (int i = count - 1; i >= kept; i--)
        {
            connections.remove(i);
        }
        return work;
    }

    /**
     * @return the port listened on.
     */
    public int port()
    {
        try
        {
            return ((InetSocketAddress)acceptor.getLocalAddress()).getPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Asks the thread driving {@link #doWork()} to close the server on its next duty cycle; safe from any thread.
     */
    public void requestClose()
    {
        closeRequested = true;
    }

    /**
     * @return whether it is closed.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @return open connections (logged in or not).
     */
    public int connectionCount()
    {
        return connections.size();
    }

    /**
     * @return the dialect.
     */
    public Dialect dialect()
    {
        return dialect;
    }

    /**
     * Stops accepting, sends End of Session to logged-in clients, gives their output up to a second to leave,
     * and closes every connection.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            acceptor.close();
            ready.close();
        }
        catch (final IOException ex)
        {
            core.counters().internalError();
        }
        for (final SoupBinTcpConnection connection : connections)
        {
            connection.endSession(clock.nanoTime());
        }
        final long deadline = System.nanoTime() + CLOSE_GRACE_NANOS;
        while (!connections.isEmpty() && System.nanoTime() < deadline)
        {
            for (int i = connections.size() - 1; i >= 0; i--)
            {
                final SoupBinTcpConnection connection = connections.get(i);
                connection.doWork(clock.nanoTime());
                if (connection.closed())
                {
                    connections.remove(i);
                }
            }
            Thread.yield();
        }
        for (final SoupBinTcpConnection connection : connections)
        {
            connection.close();
        }
        connections.clear();
        if (tls != null)
        {
            tls.close();
        }
    }

    private int connectionsFrom(final InetAddress peer)
    {
        int count = 0;
        for (int i = 0, size = connections.size(); i < size; i++)
        {
            final SoupBinTcpConnection connection = connections.get(i);
            if (!connection.closed() && peer.equals(connection.peer()))
            {
                count++;
            }
        }
        return count;
    }

    /**
     * @return the client's address: its own, also when a TLS listener in this process relays it.
     */
    private InetSocketAddress client(final SocketChannel channel) throws IOException
    {
        final SocketAddress remote = channel.getRemoteAddress();
        final InetSocketAddress inet = remote instanceof InetSocketAddress address ? address :
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        return peers == null ? inet : peers.clientOf(inet);
    }

    /**
     * @return the connection's TLS, or {@code null} when no engine could start it (counted, and closed).
     */
    private TlsChannel encrypted(final SocketChannel channel) throws IOException
    {
        try
        {
            return new TlsChannel(channel, tls.newEngine(), tls);
        }
        catch (final IOException | RuntimeException ex)
        {
            tls.handshakeFailed();
            channel.close();
            return null;
        }
    }

    /**
     * Marks the connections that have bytes to read and whether one waits to be accepted; allocates nothing (the
     * keys are handed to {@link #markReady}, not gathered in the selected-key set).
     */
    private void select()
    {
        acceptable = false;
        try
        {
            ready.selectNow(onReady);
        }
        catch (final IOException ex)
        {
            core.counters().internalError();
        }
    }

    private void markReady(final SelectionKey key)
    {
        final Object connection = key.attachment();
        if (connection == null)
        {
            acceptable = true;
        }
        else
        {
            ((SoupBinTcpConnection)connection).readable();
        }
    }

    private int accept()
    {
        int accepted = 0;
        try
        {
            SocketChannel channel;
            while (accepted < ACCEPTS_PER_CYCLE && (channel = acceptor.accept()) != null)
            {
                accepted++;
                final InetSocketAddress client = client(channel);
                final InetAddress peer = client.getAddress();
                if (connections.size() >= settings.maxConnections() ||
                    connectionsFrom(peer) >= settings.maxConnectionsPerAddress())
                {
                    if (tls == null)
                    {
                        core.counters().protocolError(ProtocolError.CONNECTION_LIMIT);
                    }
                    else
                    {
                        tls.refused();
                    }
                    channel.close();
                    continue;
                }
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
                final TlsChannel encrypted = tls == null ? null : encrypted(channel);
                if (tls == null || encrypted != null)
                {
                    // the connection's time starts now, not at the duty cycle's clock read: a login timeout never
                    // ends early because the thread was preempted between the two
                    final SoupBinTcpConnection connection = new SoupBinTcpConnection(channel, encrypted, core,
                        dialect, settings, report, clock.nanoTime(), client, peers);
                    connections.add(connection);
                    channel.register(ready, SelectionKey.OP_READ, connection);
                }
            }
        }
        catch (final IOException ex)
        {
            core.counters().internalError();
        }
        return accepted;
    }
}
