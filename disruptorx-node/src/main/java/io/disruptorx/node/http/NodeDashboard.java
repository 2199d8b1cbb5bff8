package io.disruptorx.node.http;

import java.util.concurrent.ScheduledExecutorService;

import io.disruptorx.audit.AuditRing;
import io.disruptorx.dashboard.Dashboard;
import io.disruptorx.dashboard.MarketView;
import io.disruptorx.dashboard.PageWatch;
import io.disruptorx.dashboard.TickTimes;
import io.disruptorx.gateway.auth.UserDirectory;
import io.disruptorx.http.Routes;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.feed.NodeFeed;

/**
 * The node's dashboard: the {@link Dashboard} mounted on the node's routes, its {@link MarketView} filled from the
 * node's feed in process ({@link FeedTap}: the book the feed's recovery server already keeps, copied into the view on
 * the feed's server thread once per update tick), so the dashboard sees the book and trades as a subscriber does and
 * nothing runs on the node's rings for it, nor on the feed's publishing thread. It follows the feed only while a page
 * is open ({@link PageWatch}): the first page to open attaches it to the feed's book, the last page to close detaches
 * it, so with no page open the dashboard costs the node nothing. Trades made while no page was open are not on the
 * tape, the candles or the volume. A node without a feed gets the dashboard without a book. Its operator actions go
 * into the node's input ring once {@link #secure} has given it the venue's users.
 */
final class NodeDashboard implements AutoCloseable, PageWatch
{
    private final Dashboard dashboard;
    private final FeedTap follower;

    private NodeDashboard(final Dashboard dashboard, final FeedTap follower)
    {
        this.dashboard = dashboard;
        this.follower = follower;
    }

    /**
     * @param routes  the node's routes, not yet served.
     * @param node    the node: its metrics, and its input ring for the operator actions.
     * @param feed    the node's feed, or null for none.
     * @return the mounted dashboard, following the feed while a page is open, not yet sending.
     */
    static NodeDashboard mount(final Routes routes, final EmbeddedNode node, final NodeFeed feed)
    {
        final MarketView market = new MarketView();
        final Dashboard dashboard = Dashboard.mount(routes, node.metrics(), market, new NodeOperations(node));
        if (feed == null)
        {
            return new NodeDashboard(dashboard, null);
        }
        final FeedServer server = feed.server();
        final NodeDashboard mounted = new NodeDashboard(dashboard,
            new FeedTap(server.recoveryServer(), market));
        market.connected();
        dashboard.watchPages(mounted);
        return mounted;
    }

    /**
     * Starts following the feed from its book as it is: the first page opened.
     */
    @Override
    public void firstOpened()
    {
        follower.start();
    }

    /**
     * Stops following the feed: the last page closed.
     */
    @Override
    public void lastClosed()
    {
        follower.stop();
    }

    /**
     * Asks the feed for the books changed since the last tick, before the pages' updates are built.
     */
    @Override
    public void beforeUpdates()
    {
        follower.requestCopy();
    }

    /**
     * @return what fills the market view from the feed, or null when the node has no feed.
     */
    FeedTap follower()
    {
        return follower;
    }

    /**
     * @return the CPU time of the dashboard's ticks and metrics readings.
     */
    TickTimes tickTimes()
    {
        return dashboard.tickTimes();
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
        if (follower != null)
        {
            follower.stop();
        }
    }
}
