package io.disruptorx.node.http;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.dashboard.Dashboard;
import io.disruptorx.dashboard.MarketView;
import io.disruptorx.http.HttpServerConfig;
import io.disruptorx.http.Routes;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.RecentTrades;
import io.disruptorx.node.feed.NodeFeed;

/**
 * The HTTP endpoints of a running node: JSON, metrics, health and the dashboard.
 */
public final class NodeApi
{
    private static final int TRADES = 100;

    private NodeApi()
    {
    }

    /**
     * Serves a node's {@code /metrics}, {@code /health}, {@code /api/...} and its dashboard (without a book: no feed).
     *
     * @param node    the node.
     * @param address where to listen (port 0 picks a free port).
     * @return the running server.
     * @throws java.io.UncheckedIOException when it cannot listen, naming the address.
     */
    public static NodeHttpServer serve(final EmbeddedNode node, final InetSocketAddress address)
    {
        return serve(node, address, null);
    }

    /**
     * @param node    the node.
     * @param address where to listen.
     * @param tls     HTTPS settings, or {@code null} for plain HTTP.
     * @return the running server.
     */
    public static NodeHttpServer serve(final EmbeddedNode node, final InetSocketAddress address, final TlsConfig tls)
    {
        return serve(node, address, tls, null);
    }

    /**
     * Serves a node's {@code /metrics}, {@code /health}, {@code /api/...} and its dashboard under
     * {@code /dashboard/}, whose book and trades come from a subscriber of the node's feed.
     *
     * @param node    the node.
     * @param address where to listen (port 0 picks a free port).
     * @param tls     HTTPS settings, or {@code null} for plain HTTP.
     * @param feed    the node's feed, or null when it has none (the dashboard then shows no book).
     * @return the running server.
     * @throws java.io.UncheckedIOException when it cannot listen, naming the address.
     */
    public static NodeHttpServer serve(
        final EmbeddedNode node, final InetSocketAddress address, final TlsConfig tls, final NodeFeed feed)
    {
        final Routes routes = NodeHttpServer.routes(node.metrics(), () -> health(node), endpoints(node));
        final NodeDashboard dashboard = NodeDashboard.mount(routes, node, feed);
        final NodeHttpServer server;
        try
        {
            server = NodeHttpServer.start(
                HttpServerConfig.defaults(address.getHostString(), address.getPort()).withTls(tls), routes, dashboard)
                .registerMetrics(node.metrics());
        }
        catch (final RuntimeException ex)
        {
            dashboard.close();
            throw ex;
        }
        dashboard.start(server.loop());
        return server;
    }

    /**
     * Serves {@code /metrics}, {@code /health}, further JSON endpoints and the dashboard without a book, for a
     * process that is not an embedded node: a cluster member's dashboard shows its {@code dx_cluster_*} figures as
     * the cluster panel.
     *
     * @param address where to listen (port 0 picks a free port).
     * @param metrics the process's metrics.
     * @param health  the body of {@code /health}.
     * @param api     further JSON endpoints by path.
     * @return the running server.
     * @throws java.io.UncheckedIOException when it cannot listen, naming the address.
     */
    public static NodeHttpServer serveWithDashboard(final InetSocketAddress address, final MetricsRegistry metrics,
        final Supplier<String> health, final Map<String, Supplier<String>> api)
    {
        final Routes routes = NodeHttpServer.routes(metrics, health, api);
        final Dashboard dashboard = Dashboard.mount(routes, metrics, new MarketView());
        final NodeHttpServer server;
        try
        {
            server = NodeHttpServer.start(HttpServerConfig.defaults(address.getHostString(), address.getPort()),
                routes, dashboard).registerMetrics(metrics);
        }
        catch (final RuntimeException ex)
        {
            dashboard.close();
            throw ex;
        }
        dashboard.start(server.loop());
        return server;
    }

    /**
     * @param node the node.
     * @return {@code /health} body.
     */
    public static String health(final EmbeddedNode node)
    {
        return "{\"status\":\"" + (node.journalFailure() == null ? "UP" : "FAILED") + "\",\"appliedSequence\":" +
            node.appliedSequence() + ",\"durableSequence\":" + node.durableSequence() + ",\"journalBytes\":" +
            node.journalBytes() + "}";
    }

    /**
     * @param node the node.
     * @return the extra endpoints: {@code /api/trades} (the newest 100 trades, newest first).
     */
    public static Map<String, Supplier<String>> endpoints(final EmbeddedNode node)
    {
        return Map.of("/api/trades", () -> trades(node.recentTrades().newest(TRADES)));
    }

    static String trades(final List<RecentTrades.Trade> trades)
    {
        final StringBuilder json = new StringBuilder(64 + trades.size() * 128).append("{\"trades\":[");
        for (int i = 0; i < trades.size(); i++)
        {
            final RecentTrades.Trade t = trades.get(i);
            json.append(i == 0 ? "" : ",").append("{\"tradeId\":").append(t.tradeId())
                .append(",\"timestamp\":").append(t.timestamp())
                .append(",\"instrumentId\":").append(t.instrumentId())
                .append(",\"price\":").append(t.price())
                .append(",\"quantity\":").append(t.quantity())
                .append(",\"takerSide\":\"").append(t.takerSide()).append("\"}");
        }
        return json.append("]}").toString();
    }
}
