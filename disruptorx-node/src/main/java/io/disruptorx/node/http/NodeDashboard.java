package io.disruptorx.node.http;

import java.util.concurrent.ScheduledExecutorService;

import io.disruptorx.audit.AuditRing;
import io.disruptorx.dashboard.Dashboard;
import io.disruptorx.dashboard.MarketView;
import io.disruptorx.gateway.auth.UserDirectory;
import io.disruptorx.http.Routes;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.feed.NodeFeed;

/**
 * The node's dashboard: the {@link Dashboard} mounted on the node's routes, its {@link MarketView} filled by one more
 * subscriber of the node's feed ({@code dx-dashboard-md}, from the session's first message), so the dashboard sees
 * the book and trades as any subscriber does and nothing runs on the node's rings for it. A node without a feed gets
 * the dashboard without a book. Its operator actions go into the node's input ring once {@link #secure} has given it
 * the venue's users.
 */
final class NodeDashboard implements AutoCloseable
{
    private final Dashboard dashboard;
    private final FeedServer feed;
    private final FeedClientRunner subscriber;

    private NodeDashboard(final Dashboard dashboard, final FeedServer feed, final FeedClientRunner subscriber)
    {
        this.dashboard = dashboard;
        this.feed = feed;
        this.subscriber = subscriber;
    }

    /**
     * @param routes  the node's routes, not yet served.
     * @param node    the node: its metrics, and its input ring for the operator actions.
     * @param feed    the node's feed, or null for none.
     * @return the mounted dashboard, subscribed, not yet sending.
     */
    static NodeDashboard mount(final Routes routes, final EmbeddedNode node, final NodeFeed feed)
    {
        final MarketView market = new MarketView();
        final Dashboard dashboard = Dashboard.mount(routes, node.metrics(), market, new NodeOperations(node));
        if (feed == null)
        {
            return new NodeDashboard(dashboard, null, null);
        }
        final FeedServer server = feed.server();
        final FeedClientRunner subscriber = server.subscribe(
            FeedClientConfig.builder().session(server.session()).build(),
            market, null, null, "dx-dashboard-md");
        market.connected();
        return new NodeDashboard(dashboard, server, subscriber);
    }

    /**
     * Lets the venue's users sign in on the dashboard and act as their roles permit.
     *
     * @param users the venue's user file.
     * @param audit the audit ring, or null for none.
     */
    void secure(final UserDirectory users, final AuditRing audit)
    {
        dashboard.secure(new NodeOperatorUsers(users), audit);
    }

    /**
     * Starts sending updates.
     *
     * @param scheduler where the ticks run: the HTTP server's I/O thread.
     */
    void start(final ScheduledExecutorService scheduler)
    {
        dashboard.start(scheduler);
    }

    @Override
    public void close()
    {
        dashboard.close();
        if (subscriber != null)
        {
            feed.unsubscribe(subscriber);
            subscriber.close();
        }
    }
}
