package io.disruptorx.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.tls.TlsContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * The venue's HTTP server, on Netty: non-blocking I/O threads move bytes (epoll where available, else NIO), and
 * handler threads run the {@link Routes}' handlers, so a client that sends half a request and stalls, or a slow
 * handler, never holds up another client. Requests over the {@link HttpServerConfig} limits get 413, 414 or 431;
 * a connection idle for the idle timeout is closed; no client ever sees a stack trace. Each is counted
 * ({@link #oversizedRequests()}, {@link #idleClosed()}, {@link #malformedRequests()}). With
 * {@link HttpServerConfig#tls() TLS settings} it serves HTTPS and WSS only (TLS 1.3 unless configured otherwise,
 * client certificates when asked for), picking up renewed certificates for new connections without a restart.
 * A connection beyond {@link HttpServerConfig#maxConnections()} in all or
 * {@link HttpServerConfig#maxConnectionsPerAddress()} from its source address is closed as it is accepted, before
 * anything is read, and counted ({@link #refusedConnections()}).
 *
 * <pre>{@code
 * HttpServer server = HttpServer.start(HttpServerConfig.defaults("127.0.0.1", 8080),
 *     Routes.create().get("/health", request -> HttpResponse.json("{\"status\":\"UP\"}")));
 * }</pre>
 */
public final class HttpServer implements AutoCloseable
{
    /** How long closing waits for the I/O threads to close the connections before shutting their sockets down. */
    public static final long CLOSE_GRACE_MILLIS = 500;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final EventExecutorGroup handlers;
    private final Channel channel;
    private final int port;
    private final TlsContext tls;
    private final TlsHandshakes handshakes;
    private final ConnectionLimiter limiter;
    private final RefusedRequests refused;
    private final OpenConnections connections;

    private HttpServer(final EventLoopGroup boss, final EventLoopGroup workers, final EventExecutorGroup handlers,
        final Channel channel, final TlsContext tls, final TlsHandshakes handshakes, final ConnectionLimiter limiter,
        final RefusedRequests refused, final OpenConnections connections)
    {
        this.connections = connections;
        this.limiter = limiter;
        this.refused = refused;
        this.boss = boss;
        this.workers = workers;
        this.handlers = handlers;
        this.channel = channel;
        this.tls = tls;
        this.handshakes = handshakes;
        this.port = ((InetSocketAddress)channel.localAddress()).getPort();
    }

    /**
     * Binds and starts serving.
     *
     * @param config limits, threads and where to listen.
     * @param routes what to serve (fixed once started).
     * @return the running server.
     * @throws UncheckedIOException when it cannot listen (a port in use, say), naming the address.
     */
    public static HttpServer start(final HttpServerConfig config, final Routes routes)
    {
        return start(config, routes, false);
    }

    /**
     * Binds and starts serving on threads at the lowest priority ({@link BackgroundPriority}): for a server that
     * shows the venue to people (metrics, health, the dashboard) on the machine whose cores the venue's own threads
     * need, and never for one that takes orders.
     *
     * @param config limits, threads and where to listen.
     * @param routes what to serve (fixed once started).
     * @return the running server.
     * @throws UncheckedIOException when it cannot listen, naming the address.
     */
    public static HttpServer startInBackground(final HttpServerConfig config, final Routes routes)
    {
        return start(config, routes, true);
    }

    private static HttpServer start(final HttpServerConfig config, final Routes routes, final boolean background)
    {
        final EventLoopGroup boss = NettyTransport.loops(1, factory("dx-http-accept-", background));
        final EventLoopGroup workers = NettyTransport.loops(config.ioThreads(), factory("dx-http-io-", background));
        final EventExecutorGroup handlers =
            new DefaultEventExecutorGroup(config.handlerThreads(), factory("dx-http-handler-", background));
        final WebSocketUpgrade webSockets = new WebSocketUpgrade(config.maxWebSocketFrameBytes());
        final TlsContext tls = config.tls() == null ? null : OpenSslEngines.load(config.tls());
        final TlsHandshakes handshakes = new TlsHandshakes();
        final ConnectionLimiter limiter =
            new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerAddress());
        final RefusedRequests refused = new RefusedRequests();
        final OpenConnections connections = new OpenConnections();
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
                    connections.add(ch);
                    ch.pipeline()
                        .addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0,
                            TimeUnit.MILLISECONDS))
                        .addLast("close-idle", new CloseIdle(refused));
                    if (tls != null)
                    {
                        tls.reloadIfChanged();
                        ch.pipeline()
                            .addLast("tls", new SslHandler(tls.newServerEngine()))
                            .addLast("tls-outcome", handshakes);
                    }
                    ch.pipeline()
                        .addLast("codec", new HttpServerCodec(config.maxRequestLineBytes(), config.maxHeaderBytes(),
                            8192))
                        .addLast("aggregator", new RefusedRequests.CountingAggregator(config.maxBodyBytes(), refused))
                        .addLast(handlers, "dispatcher", new RequestDispatcher(routes, webSockets, refused));
                }
            });
        try
        {
            final Channel channel = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
            return new HttpServer(boss, workers, handlers, channel, tls, handshakes, limiter, refused,
                connections);
        }
        catch (final Exception ex)
        {
            shutdown(boss, workers, handlers);
            final String reason = ex instanceof BindException || ex.getMessage() != null &&
                ex.getMessage().contains("in use") ? "address in use" : String.valueOf(ex.getMessage());
            throw new UncheckedIOException("cannot serve HTTP on " + config.host() + ":" + config.port() + ": " +
                reason, new IOException(ex));
        }
    }

    private static ThreadFactory factory(final String prefix, final boolean background)
    {
        return background ? BackgroundPriority.threads(prefix) : NettyTransport.threads(prefix);
    }

    /**
     * @return one of the server's I/O threads as a scheduler: a periodic task that writes to this server's
     * WebSockets can run there and write without waking another thread.
     */
    public ScheduledExecutorService loop()
    {
        return workers.next();
    }

    /**
     * @return the port it listens on.
     */
    public int port()
    {
        return port;
    }

    /**
     * @return the TLS context (certificate reloads), or {@code null} when serving plain HTTP.
     */
    public TlsContext tls()
    {
        return tls;
    }

    /**
     * @return TLS handshakes completed.
     */
    public long tlsHandshakes()
    {
        return handshakes.completed();
    }

    /**
     * @return TLS handshakes refused or broken off (a protocol not accepted, a client certificate missing, unknown
     * or expired, a client that is not speaking TLS); each connection is closed.
     */
    public long tlsHandshakeFailures()
    {
        return handshakes.failed();
    }

    /**
     * @return connections closed at accept because a connection limit, in all or per source address, was reached.
     */
    public long refusedConnections()
    {
        return limiter.refused();
    }

    /**
     * @return connections closed because nothing was read for the idle timeout: a request trickled or stalled
     * (slow-loris), or a keep-alive connection left idle.
     */
    public long idleClosed()
    {
        return refused.idleClosedCount();
    }

    /**
     * @return requests refused over a size limit: request line (414), headers (431) or body (413).
     */
    public long oversizedRequests()
    {
        return refused.oversizedCount();
    }

    /**
     * @return requests refused as malformed (400): bytes that are not an HTTP request, a malformed percent escape in
     * the request target, a malformed WebSocket upgrade request; and (417) an {@code Expect} the server cannot meet.
     */
    public long malformedRequests()
    {
        return refused.malformedCount();
    }

    /**
     * Exposes what the server closed or refused: {@code dx_http_idle_closed_total} and
     * {@code dx_http_requests_refused_total{reason=oversized|malformed}}, labelled {@code edge}.
     *
     * @param metrics the host's registry.
     * @param edge    which server, e.g. {@code json}.
     */
    public void registerMetrics(final MetricsRegistry metrics, final String edge)
    {
        metrics.counter("dx_http_idle_closed_total", "HTTP connections closed after the idle timeout with nothing " +
            "read (stalled or trickled requests, idle keep-alive connections)", this::idleClosed, "edge", edge);
        metrics.counter("dx_http_requests_refused_total", "HTTP requests refused, by reason: oversized (413, 414, " +
            "431) or malformed (400, 417)", this::oversizedRequests, "edge", edge, "reason", "oversized");
        metrics.counter("dx_http_requests_refused_total", "HTTP requests refused, by reason: oversized (413, 414, " +
            "431) or malformed (400, 417)", this::malformedRequests, "edge", edge, "reason", "malformed");
    }

    /**
     * @return connections held now.
     */
    public int openConnections()
    {
        return limiter.open();
    }

    /**
     * @return connections the server shut down itself when closing because their I/O thread had not closed them
     * within {@value #CLOSE_GRACE_MILLIS} ms (threads at the lowest priority on a busy machine).
     */
    public long forcedCloses()
    {
        return connections.forced();
    }

    /**
     * Stops listening, closes every connection and ends the threads (waits up to a few seconds). Every peer
     * connected when it begins hears its connection end within {@value #CLOSE_GRACE_MILLIS} ms, even when the
     * server's threads get no core then (see {@link OpenConnections}). A peer that connects while the listening
     * socket is still open (a page reconnecting at once while the accept thread waits for a core) is ended by a
     * second pass once the listener is closed, if its I/O thread has taken it on by then; one it has not ends when
     * that thread runs.
     */
    @Override
    public void close()
    {
        final ChannelFuture listening = channel.close();
        connections.closeAll(CLOSE_GRACE_MILLIS);
        listening.syncUninterruptibly();
        connections.closeAll(CLOSE_GRACE_MILLIS);
        shutdown(boss, workers, handlers);
    }

    private static void shutdown(final EventLoopGroup boss, final EventLoopGroup workers,
        final EventExecutorGroup handlers)
    {
        NettyTransport.shutdown(boss, workers, handlers);
    }

    /**
     * Closes a connection on which nothing was read for the idle timeout (a stalled partial request included).
     */
    private static final class CloseIdle extends ChannelInboundHandlerAdapter
    {
        private final RefusedRequests refused;

        CloseIdle(final RefusedRequests refused)
        {
            this.refused = refused;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event instanceof IdleStateEvent)
            {
                refused.idleClosed();
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
