package io.disruptorx.node.http;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import io.disruptorx.audit.AuditRing;
import io.disruptorx.core.metrics.JvmMetrics;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.dashboard.TickTimes;
import io.disruptorx.gateway.auth.UserDirectory;
import io.disruptorx.http.HttpResponse;
import io.disruptorx.http.HttpServer;
import io.disruptorx.http.HttpServerConfig;
import io.disruptorx.http.Routes;

/**
 * The node's HTTP endpoint, on the venue's Netty server ({@code disruptorx-http}): {@code /metrics} in the
 * Prometheus text format, {@code /health} (200 while the node is up, 503 once its journal failed) and further
 * {@code /api/...} endpoints as JSON, all read-only (other methods get 405). Other modules mount their routes on the
 * same {@link Routes} before it starts ({@link #routes}). It listens on loopback unless told otherwise, away from
 * the rings' threads, and its threads run at the lowest priority ({@code HttpServer.startInBackground}), so that
 * what it serves to people takes only the CPU the node's threads leave.
 */
public final class NodeHttpServer implements AutoCloseable
{
    /** What Prometheus scrapes. */
    public static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final AutoCloseable attached;

    private NodeHttpServer(final HttpServer server, final AutoCloseable attached)
    {
        this.server = server;
        this.attached = attached;
    }

    /**
     * Starts serving the node's routes.
     *
     * @param address where to listen (port 0 picks a free port).
     * @param metrics the node's metrics; JVM gauges are added to it.
     * @param health  the body of {@code /health}, a JSON object with a {@code status}.
     * @param api     further JSON endpoints by path (for example {@code /api/trades}).
     * @return the running server.
     * @throws UncheckedIOException when it cannot listen (the port is in use, say), naming the address.
     */
    public static NodeHttpServer start(
        final InetSocketAddress address,
        final MetricsRegistry metrics,
        final Supplier<String> health,
        final Map<String, Supplier<String>> api)
    {
        return start(HttpServerConfig.defaults(address.getHostString(), address.getPort()),
            routes(metrics, health, api));
    }

    /**
     * @param config where to listen and the limits.
     * @param routes the node's routes and any others mounted on them.
     * @return the running server.
     * @throws UncheckedIOException when it cannot listen, naming the address.
     */
    public static NodeHttpServer start(final HttpServerConfig config, final Routes routes)
    {
        return start(config, routes, null);
    }

    /**
     * @param config   where to listen and the limits.
     * @param routes   the node's routes and any others mounted on them.
     * @param attached closed after the server (a mounted module's threads), or null.
     * @return the running server.
     * @throws UncheckedIOException when it cannot listen, naming the address.
     */
    public static NodeHttpServer start(final HttpServerConfig config, final Routes routes,
        final AutoCloseable attached)
    {
        return new NodeHttpServer(HttpServer.startInBackground(config, routes), attached);
    }

    /**
     * The node's routes, on which other modules may mount theirs.
     *
     * @param metrics the node's metrics; JVM gauges are added to it.
     * @param health  the body of {@code /health}.
     * @param api     further JSON endpoints by path.
     * @return the routes.
     */
    public static Routes routes(
        final MetricsRegistry metrics, final Supplier<String> health, final Map<String, Supplier<String>> api)
    {
        JvmMetrics.register(metrics);
        final PrometheusCollector collector = new PrometheusCollector(metrics);
        final Routes routes = Routes.create()
            .get("/metrics", request -> HttpResponse.of(200, METRICS_CONTENT_TYPE, collector.scrapeText()))
            .get("/health", request ->
            {
                final String body = health.get();
                return HttpResponse.of(body.contains("\"status\":\"UP\"") ? 200 : 503, HttpResponse.JSON, body);
            });
        for (final Map.Entry<String, Supplier<String>> endpoint : api.entrySet())
        {
            final Supplier<String> body = endpoint.getValue();
            routes.get(endpoint.getKey(), request -> HttpResponse.json(body.get()));
        }
        return routes;
    }

    /**
     * Lets the venue's users sign in on the dashboard this server carries and act on the node as their roles
     * permit, each sign-in and action audited.
     *
     * @param users the venue's user file.
     * @param audit the audit ring, or null for none.
     * @return this.
     * @throws IllegalStateException when the server carries no dashboard.
     */
    public NodeHttpServer secureDashboard(final UserDirectory users, final AuditRing audit)
    {
        if (!(attached instanceof NodeDashboard dashboard))
        {
            throw new IllegalStateException("this server carries no dashboard");
        }
        dashboard.secure(users, audit);
        return this;
    }

    /**
     * @return what fills this server's dashboard from the node's feed, or null when it carries no dashboard or the
     * node no feed.
     */
    FeedTap dashboardFeed()
    {
        return attached instanceof NodeDashboard dashboard ? dashboard.follower() : null;
    }

    /**
     * @return the CPU time of the ticks of the dashboard this server carries (how long each keeps its thread on a
     *     CPU), or null when it carries none.
     */
    public TickTimes dashboardTicks()
    {
        return attached instanceof NodeDashboard dashboard ? dashboard.tickTimes() : null;
    }

    /**
     * Exposes what the server closed or refused ({@link HttpServer#registerMetrics}), as edge {@code http}.
     *
     * @param metrics the process's metrics.
     * @return this.
     */
    public NodeHttpServer registerMetrics(final MetricsRegistry metrics)
    {
        server.registerMetrics(metrics, "http");
        return this;
    }

    /**
     * @return the server's I/O thread as a scheduler (the dashboard's ticks run there).
     */
    ScheduledExecutorService loop()
    {
        return server.loop();
    }

    /**
     * @return the port it listens on.
     */
    public int port()
    {
        return server.port();
    }

    @Override
    public void close()
    {
        server.close();
        if (attached != null)
        {
            try
            {
                attached.close();
            }
            catch (final Exception ex)
            {
                System.err.println("dx-http: closing " + attached + " failed: " + ex);
            }
        }
    }
}
