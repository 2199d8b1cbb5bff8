package io.disruptorx.node.http;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.disruptorx.audit.AuditRing;
import io.disruptorx.dashboard.Dashboard;
import io.disruptorx.dashboard.MarketView;
import io.disruptorx.dashboard.PageWatch;
import io.disruptorx.gateway.auth.UserDirectory;
import io.disruptorx.http.Routes;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.feed.NodeFeed;

/**
 * The node's dashboard: the {@link Dashboard} mounted on the node's routes, its {@link MarketView} filled by one more
 * subscriber of the node's feed ({@code dx-dashboard-md}), so the dashboard sees the book and trades as any
 * subscriber does and nothing runs on the node's rings for it. The subscriber runs only while a page is open
 * ({@link PageWatch}): the first page to open starts it from a snapshot of the feed's recovery server (a late
 * joiner: the book as it is now, then the feed from there), the last page to close stops it, so with no page open
 * the dashboard costs the node no thread, no socket and no packet. Trades made while no page was open are not on
 * the tape, the candles or the volume. A node without a feed gets the dashboard without a book. Its operator actions
 * go into the node's input ring once {@link #secure} has given it the venue's users.
 */
final class NodeDashboard implements AutoCloseable, PageWatch
{
    private static final String THREAD = "dx-dashboard-md";
    /** The subscriber rests this long after each duty cycle: pages show a book at most 10 times a second. */
    private static final long REST_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Dashboard dashboard;
    private final MarketView market;
    private final FeedServer feed;
    private FeedClientRunner subscriber;
    private boolean closed;

    private NodeDashboard(final Dashboard dashboard, final MarketView market, final FeedServer feed)
    {
        this.dashboard = dashboard;
        this.market = market;
        this.feed = feed;
    }

    /**
     * @param routes  the node's routes, not yet served.
     * @param node    the node: its metrics, and its input ring for the operator actions.
     * @param feed    the node's feed, or null for none.
     * @return the mounted dashboard, subscribing while a page is open, not yet sending.
     */
    static NodeDashboard mount(final Routes routes, final EmbeddedNode node, final NodeFeed feed)
    {
        final MarketView market = new MarketView();
        final Dashboard dashboard = Dashboard.mount(routes, node.metrics(), market, new NodeOperations(node));
        if (feed == null)
        {
            return new NodeDashboard(dashboard, market, null);
        }
        final NodeDashboard mounted = new NodeDashboard(dashboard, market, feed.server());
        market.connected();
        dashboard.watchPages(mounted);
        return mounted;
    }

    /**
     * Subscribes to the feed from a snapshot: the first page opened.
     */
    @Override
    public synchronized void firstOpened()
    {
        if (closed || subscriber != null)
        {
            return;
        }
        market.resubscribing();
        try
        {
            subscriber = feed.subscribe(
                FeedClientConfig.builder().session(feed.session()).startWithSnapshot(true).rest(REST_NANOS).build(),
                market, null, null, THREAD);
        }
        catch (final RuntimeException ex)
        {
            System.err.println(THREAD + ": cannot subscribe to the feed for the dashboard: " + ex);
        }
    }

    /**
     * Stops the subscriber: the last page closed.
     */
    @Override
    public synchronized void lastClosed()
    {
        stopSubscriber();
    }

    private void stopSubscriber()
    {
        if (subscriber != null)
        {
            feed.unsubscribe(subscriber);
            subscriber.close();
            subscriber = null;
        }
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
        synchronized (this)
        {
            closed = true;
            stopSubscriber();
        }
    }
}
