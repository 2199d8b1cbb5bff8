package io.disruptorx.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsContext;
import io.disruptorx.core.tls.TlsListener;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;

/**
 * TLS in front of a plain TCP service in the same process, for edges whose own library has no TLS (Artio's FIX
 * acceptor) or that are plain NIO (the binary gateway, the market data TCP services): it accepts TLS connections,
 * opens one plain loopback connection to the service for each, and relays bytes both ways, reading from one side
 * only as fast as the other takes them. Handshakes follow the same {@link TlsConfig} rules as the HTTP server
 * (TLS 1.3 only by default, client certificates when asked for, renewed certificates for new connections); a
 * refused handshake never reaches the service. A client beyond the {@link ConnectionLimiter}'s limits, in all or
 * from its source address, is closed as it is accepted, before the handshake, and counted
 * ({@link #refusedConnections()}).
 *
 * <p>What it costs: one more loopback hop and a copy each way (measured by the gateway benchmark's TLS legs). The
 * service sees connections from loopback; each client's own address and certificate subject reach a service in the
 * same process through {@link io.disruptorx.core.net.RelayedPeers}, keyed by the relay connection's address and
 * recorded before the relay connects.
 */
public final class TlsTerminator implements TlsListener
{
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final TlsContext tls;
    private final TlsHandshakes handshakes;
    private final AtomicLong backendFailures;
    private final ConnectionLimiter limiter;
    private final AtomicLong unknownSubjects;
    private final int port;
    private final int servicePort;

    private TlsTerminator(
        final EventLoopGroup boss,
        final EventLoopGroup workers,
        final Channel channel,
        final TlsContext tls,
        final TlsHandshakes handshakes,
        final AtomicLong backendFailures,
        final ConnectionLimiter limiter,
        final AtomicLong unknownSubjects,
        final int servicePort)
    {
        this.servicePort = servicePort;
        this.unknownSubjects = unknownSubjects;
        this.limiter = limiter;
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
        this.tls = tls;
        this.handshakes = handshakes;
        this.backendFailures = backendFailures;
        this.port = ((InetSocketAddress)channel.localAddress()).getPort();
    }

    /**
     * @param listen    where clients connect with TLS (port 0 for a free one).
     * @param service   the plain service, normally on loopback.
     * @param config    the TLS settings.
     * @param ioThreads event loop threads.
     * @return the running terminator.
     * @throws UncheckedIOException when it cannot listen.
     * @throws io.disruptorx.core.tls.TlsConfigException when the certificates cannot be used.
     */
    public static TlsTerminator start(
        final InetSocketAddress listen, final InetSocketAddress service, final TlsConfig config, final int ioThreads)
    {
        return start(listen, service, config, ioThreads, ConnectionLimiter.defaults());
    }

    /**
     * @param listen    where clients connect with TLS (port 0 for a free one).
     * @param service   the plain service, normally on loopback.
     * @param config    the TLS settings.
     * @param ioThreads event loop threads.
     * @param limiter   how many clients it holds at once, in all and from one source address (its own).
     * @return the running terminator.
     * @throws UncheckedIOException when it cannot listen.
     * @throws io.disruptorx.core.tls.TlsConfigException when the certificates cannot be used.
     */
    public static TlsTerminator start(
        final InetSocketAddress listen,
        final InetSocketAddress service,
        final TlsConfig config,
        final int ioThreads,
        final ConnectionLimiter limiter)
    {
        return start(listen, service, config, ioThreads, limiter, null);
    }

    /**
     * @param listen    where clients connect with TLS (port 0 for a free one).
     * @param service   the plain service, normally on loopback.
     * @param config    the TLS settings.
     * @param ioThreads event loop threads.
     * @param limiter   how many clients it holds at once, in all and from one source address (its own).
     * @param peers     where client certificates' subjects are recorded for the service, and which it knows; or
     *                  {@code null} when the service does not map certificates to users.
     * @return the running terminator.
     * @throws UncheckedIOException when it cannot listen.
     * @throws io.disruptorx.core.tls.TlsConfigException when the certificates cannot be used.
     */
    public static TlsTerminator start(
        final InetSocketAddress listen,
        final InetSocketAddress service,
        final TlsConfig config,
        final int ioThreads,
        final ConnectionLimiter limiter,
        final RelayedPeers peers)
    {
        final TlsContext tls = OpenSslEngines.load(config);
        final EventLoopGroup boss = NettyTransport.loops(1, "dx-tls-accept-");
        final EventLoopGroup workers = NettyTransport.loops(ioThreads, "dx-tls-io-");
        final TlsHandshakes handshakes = new TlsHandshakes();
        final AtomicLong backendFailures = new AtomicLong();
        final AtomicLong unknownSubjects = new AtomicLong();
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(boss, workers)
            .channel(NettyTransport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 128)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    if (!LimitedConnections.admit(ch, limiter))
                    {
                        return;
                    }
                    tls.reloadIfChanged();
                    ch.pipeline()
                        .addLast("tls", new SslHandler(tls.newServerEngine()))
                        .addLast("tls-outcome", handshakes)
                        .addLast("relay",
                            new TlsRelay.Frontend(service, NettyTransport.clientChannel(), backendFailures, peers,
                                unknownSubjects));
                }
            });
        try
        {
            final Channel channel = bootstrap.bind(listen).syncUninterruptibly().channel();
            return new TlsTerminator(boss, workers, channel, tls, handshakes, backendFailures, limiter,
                unknownSubjects, service.getPort());
        }
        catch (final Exception ex)
        {
            NettyTransport.shutdown(boss, workers);
            throw new UncheckedIOException("cannot terminate TLS on " + listen + ": " + ex.getMessage(),
                new IOException(ex));
        }
    }

    /**
     * @return the TLS port.
     */
    @Override
    public int port()
    {
        return port;
    }

    /**
     * @return the context (certificate reloads).
     */
    @Override
    public TlsContext tls()
    {
        return tls;
    }

    /**
     * @return handshakes completed.
     */
    @Override
    public long handshakes()
    {
        return handshakes.completed();
    }

    /**
     * @return handshakes refused or broken off.
     */
    @Override
    public long handshakeFailures()
    {
        return handshakes.failed();
    }

    /**
     * @return client connections closed because the service could not be reached.
     */
    @Override
    public long serviceUnreachable()
    {
        return backendFailures.get();
    }

    /**
     * @return clients closed at accept because a connection limit, in all or per source address, was reached.
     */
    @Override
    public long refusedConnections()
    {
        return limiter.refused();
    }

    /**
     * @return clients closed right after their handshake: a trusted certificate whose subject the service does not
     * know.
     */
    @Override
    public long unknownSubjects()
    {
        return unknownSubjects.get();
    }

    @Override
    public String path()
    {
        return "relayed to plain port " + servicePort;
    }

    /**
     * @return the limits it holds clients to.
     */
    public ConnectionLimiter limiter()
    {
        return limiter;
    }

    /**
     * Stops listening and closes every relayed connection.
     */
    @Override
    public void close()
    {
        channel.close().syncUninterruptibly();
        NettyTransport.shutdown(boss, workers);
    }
}
