package io.disruptorx.node.venue;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsListener;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.config.GatewayTlsConfig;
import io.disruptorx.gateway.edge.InstalledEdges;
import io.disruptorx.gateway.edge.ProtocolEdge;
import io.disruptorx.http.OpenSslEngines;
import io.disruptorx.http.TlsTerminator;

/**
 * The TLS listeners of a process's plain TCP edges. The binary gateway's native and POE listeners get TLS on the
 * gateway thread itself ({@link Gateway#listenNativeTls}: no relay, no other I/O thread); the FIX acceptor and the
 * market data TCP feed and snapshot servers get a {@link TlsTerminator} each, relaying to the plain listener on
 * loopback. The plain listeners keep serving; bind them to loopback to offer TLS only. Each TLS listener holds its
 * clients to the connection limits of the plain listener it fronts, by the clients' own addresses. Every edge's
 * handshakes, refused handshakes, refused connections and certificate reloads are counted ({@link #registerMetrics}).
 */
public final class TlsEdges implements AutoCloseable
{
    /** One TLS listener. */
    private record Edge(String name, TlsListener terminator)
    {
    }

    private static final String FIX = InstalledEdges.FIX;

    private final List<Edge> edges = new ArrayList<>();

    /**
     * Starts the binary gateway's TLS listeners ({@code gateways.soupbintcp.tls}); FIX's is added by whoever starts
     * the FIX acceptor ({@link #add}).
     *
     * @param config  the gateways' TLS listeners.
     * @param gateway the running binary gateway.
     * @return the running listeners (none when none is configured).
     * @throws io.disruptorx.core.tls.TlsConfigException when a key or trust store cannot be used: one line naming
     *                                                   the file.
     * @throws java.io.UncheckedIOException              when a listener cannot listen.
     */
    public static TlsEdges start(final GatewayTlsConfig config, final Gateway gateway)
    {
        final TlsEdges started = new TlsEdges();
        try
        {
            if (config.nativeListen() != null && gateway.nativePort() >= 0)
            {
                started.edges.add(new Edge("binary-native",
                    gateway.listenNativeTls(config.nativeListen(), OpenSslEngines.load(config.soupBinTcp()))));
            }
            if (config.poeListen() != null && gateway.poePort() >= 0)
            {
                started.edges.add(new Edge("binary-poe",
                    gateway.listenPoeTls(config.poeListen(), OpenSslEngines.load(config.soupBinTcp()))));
            }
        }
        catch (final RuntimeException ex)
        {
            started.close();
            throw ex;
        }
        return started;
    }

    /**
     * Starts the binary gateway's TLS listeners ({@code gateways.soupbintcp.tls}) and the FIX acceptor's
     * ({@code gateways.fix.tls}) in front of the configured FIX edge.
     *
     * @param config  the gateways' TLS listeners.
     * @param gateway the running binary gateway.
     * @param edges   the protocol edges the node runs over the gateway (from jars beside {@code dx.jar}).
     * @return the running listeners (none when none is configured).
     * @throws io.disruptorx.core.tls.TlsConfigException when a key or trust store cannot be used: one line naming
     *                                                   the file.
     * @throws java.io.UncheckedIOException              when a listener cannot listen.
     * @throws IllegalStateException                     when {@code gateways.fix.tls} is set and no FIX edge runs.
     */
    public static TlsEdges start(final GatewayTlsConfig config, final Gateway gateway, final List<ProtocolEdge> edges)
    {
        final TlsEdges started = start(config, gateway);
        try
        {
            if (config.fixListen() != null)
            {
                final ProtocolEdge fix = edges.stream().filter(edge -> FIX.equals(edge.name())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("gateways.fix.tls without a FIX edge"));
                started.add(FIX, config.fixListen(), fix.port(), config.fix(), fix.newConnectionLimiter(),
                    fix.relayedPeers());
            }
        }
        catch (final RuntimeException ex)
        {
            started.close();
            throw ex;
        }
        return started;
    }

    /**
     * Starts a TLS listener in front of a plain service on loopback.
     *
     * @param name        the edge, e.g. {@code fix}; the {@code edge} label of its metrics.
     * @param listen      where TLS clients connect (port 0 for a free one).
     * @param servicePort the plain service's port on loopback.
     * @param tls         the edge's TLS settings.
     * @return this.
     * @throws io.disruptorx.core.tls.TlsConfigException when a key or trust store cannot be used.
     * @throws java.io.UncheckedIOException              when it cannot listen.
     */
    public TlsEdges add(final String name, final InetSocketAddress listen, final int servicePort, final TlsConfig tls)
    {
        return add(name, listen, servicePort, tls, ConnectionLimiter.defaults());
    }

    /**
     * Starts a TLS listener in front of a plain service on loopback, holding its clients to the given limits.
     *
     * @param name        the edge, e.g. {@code fix}; the {@code edge} label of its metrics.
     * @param listen      where TLS clients connect (port 0 for a free one).
     * @param servicePort the plain service's port on loopback.
     * @param tls         the edge's TLS settings.
     * @param limiter     connections held at once, in all and from one client address (the listener's own).
     * @return this.
     * @throws io.disruptorx.core.tls.TlsConfigException when a key or trust store cannot be used.
     * @throws java.io.UncheckedIOException              when it cannot listen.
     */
    public TlsEdges add(final String name, final InetSocketAddress listen, final int servicePort, final TlsConfig tls,
        final ConnectionLimiter limiter)
    {
        return add(name, listen, servicePort, tls, limiter, null);
    }

    /**
     * Starts a TLS listener in front of a plain service on loopback whose clients' certificates name users.
     *
     * @param name        the edge, e.g. {@code binary-native}; the {@code edge} label of its metrics.
     * @param listen      where TLS clients connect (port 0 for a free one).
     * @param servicePort the plain service's port on loopback.
     * @param tls         the edge's TLS settings.
     * @param limiter     connections held at once, in all and from one client address (the listener's own).
     * @param peers       where clients' certificate subjects are recorded for the service, or {@code null}.
     * @return this.
     * @throws io.disruptorx.core.tls.TlsConfigException when a key or trust store cannot be used.
     * @throws java.io.UncheckedIOException              when it cannot listen.
     */
    public TlsEdges add(final String name, final InetSocketAddress listen, final int servicePort, final TlsConfig tls,
        final ConnectionLimiter limiter, final RelayedPeers peers)
    {
        final TlsTerminator terminator =
            TlsTerminator.start(listen, new InetSocketAddress("127.0.0.1", servicePort), tls, 1, limiter, peers);
        edges.add(new Edge(name, terminator));
        return this;
    }

    /**
     * Adds a TLS listener that is already running, e.g. one of the binary gateway's on its own thread
     * ({@link Gateway#listenNativeTls}); it closes with the others.
     *
     * @param name     the edge, e.g. {@code binary-native}; the {@code edge} label of its metrics.
     * @param listener the listener.
     * @return this.
     */
    public TlsEdges add(final String name, final TlsListener listener)
    {
        edges.add(new Edge(name, listener));
        return this;
    }

    /**
     * @param name an edge.
     * @return its TLS listener, or {@code null} when it has none.
     */
    public TlsListener listener(final String name)
    {
        for (final Edge edge : edges)
        {
            if (edge.name().equals(name))
            {
                return edge.terminator();
            }
        }
        return null;
    }

    /**
     * @param name an edge fronted by a terminator (FIX, the market data TCP services).
     * @return its terminator, or {@code null} when it has none (or its TLS runs on the gateway thread).
     */
    public TlsTerminator edge(final String name)
    {
        return listener(name) instanceof TlsTerminator terminator ? terminator : null;
    }

    /**
     * @return whether no TLS listener runs.
     */
    public boolean isEmpty()
    {
        return edges.isEmpty();
    }

    /**
     * Exposes each edge's {@code dx_tls_handshakes_total}, {@code dx_tls_handshake_failures_total} (a plain client,
     * a refused protocol or certificate), {@code dx_tls_service_unreachable_total},
     * {@code dx_tls_connections_refused_total} (over the connection limits) and
     * {@code dx_tls_certificate_reloads_total} / {@code dx_tls_certificate_reload_failures_total}, labelled
     * {@code edge}.
     *
     * @param metrics the host's registry.
     */
    public void registerMetrics(final MetricsRegistry metrics)
    {
        for (final Edge edge : edges)
        {
            final TlsListener t = edge.terminator();
            metrics.counter("dx_tls_handshakes_total", "TLS handshakes completed", t::handshakes, "edge", edge.name());
            metrics.counter("dx_tls_handshake_failures_total", "TLS handshakes refused or broken off (plain " +
                "clients, refused protocols or certificates)", t::handshakeFailures, "edge", edge.name());
            metrics.counter("dx_tls_service_unreachable_total", "TLS clients closed because the plain service " +
                "behind the terminator could not be reached", t::serviceUnreachable, "edge", edge.name());
            metrics.counter("dx_tls_connections_refused_total", "TLS clients closed at accept, before the " +
                "handshake: the listener's connection limit, in all or per source address, was reached",
                t::refusedConnections, "edge", edge.name());
            metrics.counter("dx_tls_unknown_subjects_total", "TLS clients closed after the handshake: a trusted " +
                "certificate whose subject names no user", t::unknownSubjects, "edge", edge.name());
            metrics.counter("dx_tls_certificate_reloads_total", "Key or trust stores reloaded after they changed",
                () -> t.tls().reloads(), "edge", edge.name());
            metrics.counter("dx_tls_certificate_reload_failures_total", "Changed key or trust stores that could " +
                "not be read (the previous certificates still serve)", () -> t.tls().failedReloads(), "edge",
                edge.name());
        }
    }

    /**
     * Prints where TLS clients connect.
     *
     * @param prefix line prefix, e.g. {@code "dx node: "}.
     * @param out    destination.
     */
    public void describe(final String prefix, final PrintWriter out)
    {
        for (final Edge edge : edges)
        {
            final TlsConfig tls = edge.terminator().tls().config();
            out.printf(Locale.ROOT, "%sTLS %s on port %d (%s; %s, client certificates %s, " +
                "provider %s)%n", prefix, edge.name(), edge.terminator().port(), edge.terminator().path(),
                String.join(", ", tls.protocols()), tls.clientAuth().name().toLowerCase(Locale.ROOT),
                tls.provider().name().toLowerCase(Locale.ROOT));
        }
        out.flush();
    }

    /**
     * Stops every TLS listener and closes their connections.
     */
    @Override
    public void close()
    {
        for (final Edge edge : edges)
        {
            edge.terminator().close();
        }
        edges.clear();
    }
}
