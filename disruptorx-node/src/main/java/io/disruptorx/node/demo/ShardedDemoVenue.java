package io.disruptorx.node.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.http.NodeHttpServer;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.venue.ShardedVenueClient;

/**
 * {@code dx demo --shards N}: the demo venue as N embedded shards behind one shard gateway. Each shard is an embedded
 * node of its own (journal and snapshots in {@code DATA_DIR/shard-I}) with its own market data session
 * ({@code DXDEMO-I}, ports from the feed's port base + 10 * I; {@code dx md-client --shards N} follows them all as one
 * set of books through a {@code ConsolidatedFeedClient}, the demo itself runs none) and in-process subscribers of
 * each session; the instruments are spread over the shards by the routing table's consistent hashing
 * (each listed on the shard that owns it; the gateway traders' accounts funded on every shard); the demo's binary
 * gateway runs on a {@link ShardedVenueClient} over the shards, and its traders (a market maker and a taker over real
 * sockets) are the order flow, at the demo's rate. A status line every second shows each shard's load. At the end
 * every shard stops with a final snapshot and each shard's subscribers' books are compared with that shard's engine,
 * as the demo does with its one engine. With an HTTP port, the dashboard with the shard card ({@link ShardDashboard});
 * no TLS edge or tracing in this mode.
 */
public final class ShardedDemoVenue
{
    private static final long SECOND = 1_000_000_000L;
    private static final int FEED_PORTS_PER_SHARD = 10;
    private static final int TRADERS_PER_GATEWAY = 3;

    private final DemoVenue.Options options;
    private final int shards;
    private final DemoStop stopping = new DemoStop();

    /**
     * @param options the demo's settings; the feed's port base, when not 0, moves up by 10 per shard.
     * @param shards  how many shards, 2 or more.
     */
    public ShardedDemoVenue(final DemoVenue.Options options, final int shards)
    {
        this.options = options;
        this.shards = shards;
    }

    /**
     * Asks a running venue to stop and waits (up to a minute) until it has stopped cleanly.
     */
    public void stop()
    {
        stopping.requestAndAwait();
    }

    /**
     * Runs until the duration has passed or {@link #stop()} is called, then stops the shards and prints a summary.
     *
     * @param durationNanos how long.
     * @param out           where status and summary go.
     */
    public void run(final long durationNanos, final PrintWriter out)
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < shards; i++)
        {
            names.add("shard-" + i);
        }
        final RoutingTable table = RoutingTable.initial(names, Math.max(64, options.instruments() + 1));
        final DemoFeed[] feeds = new DemoFeed[shards];
        final EmbeddedNode[] nodes = new EmbeddedNode[shards];
        try
        {
            runShards(table, names, feeds, nodes, durationNanos, out);
        }
        finally
        {
            for (final DemoFeed feed : feeds)
            {
                if (feed != null)
                {
                    feed.close();
                }
            }
            stopping.stopped();
        }
    }

    private void runShards(
        final RoutingTable table, final List<String> names, final DemoFeed[] feeds, final EmbeddedNode[] nodes,
        final long durationNanos, final PrintWriter out)
    {
        DemoGateway gateway = null;
        NodeHttpServer http = null;
        try
        {
            for (int i = 0; i < shards; i++)
            {
                feeds[i] = DemoFeed.start(feedSettings(i), DemoFeed.SESSION + "-" + i);
                nodes[i] = EmbeddedNode.start(NodeConfig.defaults(options.dataDirectory().resolve(names.get(i)))
                    .withSegmentSize(16 * 1024 * 1024).withForcePolicy(options.forcePolicy(), 1_000_000L),
                    feeds[i].nodeFeed().sink(), new DemoStats());
                out.printf(Locale.ROOT, "dx demo: %s: data in %s (recovered to journal sequence %d), instruments " +
                    "%s%n", names.get(i), options.dataDirectory().resolve(names.get(i)).toAbsolutePath(),
                    nodes[i].recoveredSequence(), instrumentsOf(table, i));
                feeds[i].startSubscribers(nodes[i], out);
            }
            final long firstAccount = options.accounts() + 1;
            if (nodes[0].recoveredSequence() == 0)
            {
                setUp(table, nodes, firstAccount);
            }
            final VenueClient[] venues = new VenueClient[shards];
            for (int i = 0; i < shards; i++)
            {
                venues[i] = nodes[i].newVenueClient();
            }
            final ShardedVenueClient[] sharded = new ShardedVenueClient[1];
            gateway = DemoGateway.start(() -> sharded[0] = new ShardedVenueClient(table, venues),
                options.gatewayPort(), options.instruments(), firstAccount, options.rate(), out);
            http = options.httpPort() < 0 ? null : ShardDashboard.serve(options.httpPort(), sharded[0],
                options.instruments(), nodes);
            if (http != null)
            {
                out.printf(Locale.ROOT, "dx demo: dashboard http://127.0.0.1:%d/dashboard/ (shards; no book)%n",
                    http.port());
            }
            out.printf(Locale.ROOT, "dx demo: %d shards behind one shard gateway (routing table version %d); " +
                "traders mm and taker offer %,d orders/s through it for %d s; journal force policy %s%n", shards,
                table.version(), options.rate(), durationNanos / SECOND, options.forcePolicy());
            out.flush();
            gateway.startTraders();
            reportEverySecond(nodes, durationNanos, out);
        }
        finally
        {
            if (http != null)
            {
                http.close();
            }
            if (gateway != null)
            {
                gateway.close();
            }
            for (final EmbeddedNode node : nodes)
            {
                if (node != null)
                {
                    node.close();
                }
            }
        }
        out.printf(Locale.ROOT, "%nsummary:%n");
        gateway.printSummary(out);
        for (int i = 0; i < shards; i++)
        {
            out.printf(Locale.ROOT, "%s: %,d order reports, %,d trades, %,d resting orders; final snapshot at " +
                "sequence %d%n", names.get(i), nodes[i].orderReports(), nodes[i].trades(),
                nodes[i].engineAfterClose().restingOrderCount(), nodes[i].appliedSequence());
            feeds[i].printSummary(feeds[i].finish(nodes[i].engineAfterClose()), out);
        }
    }

    private DemoFeed.Settings feedSettings(final int shard)
    {
        final DemoFeed.Settings feed = options.feed();
        return new DemoFeed.Settings(feed.subscribers(), feed.lossPercent(), null, null, feed.networkInterface(),
            feed.portBase() == 0 ? 0 : feed.portBase() + FEED_PORTS_PER_SHARD * shard);
    }

    /**
     * Lists each instrument on the shard that owns it and funds the gateway traders' accounts on every shard.
     */
    private void setUp(final RoutingTable table, final EmbeddedNode[] nodes, final long firstAccount)
    {
        for (int i = 0; i < nodes.length; i++)
        {
            final NodeClient client = nodes[i].newClient(true);
            for (int instrument = 1; instrument <= options.instruments(); instrument++)
            {
                if (table.shardOf(instrument) == i)
                {
                    client.addInstrument(instrument, instrument, SimulatedTraders.QUOTE_ASSET, 1, 1, 2, 0, 0, 1,
                        SimulatedTraders.START_PRICE, 5_000, 1_000);
                }
            }
            long last = 0;
            for (long account = firstAccount; account < firstAccount + TRADERS_PER_GATEWAY; account++)
            {
                for (int asset = 0; asset <= options.instruments(); asset++)
                {
                    last = client.adjustBalance(account, asset, SimulatedTraders.FUNDS);
                }
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (nodes[i].appliedSequence() < last && System.nanoTime() < deadline)
            {
                Thread.yield();
            }
        }
    }

    private String instrumentsOf(final RoutingTable table, final int shard)
    {
        final StringBuilder ids = new StringBuilder();
        for (int instrument = 1; instrument <= options.instruments(); instrument++)
        {
            if (table.shardOf(instrument) == shard)
            {
                ids.append(ids.length() == 0 ? "" : ",").append(instrument);
            }
        }
        return ids.length() == 0 ? "none" : ids.toString();
    }

    private void reportEverySecond(final EmbeddedNode[] nodes, final long durationNanos, final PrintWriter out)
    {
        final long start = System.nanoTime();
        final long end = start + durationNanos;
        final long[] lastReports = new long[nodes.length];
        final long[] lastTrades = new long[nodes.length];
        long nextStatus = start + SECOND;
        while (stopping.running() && System.nanoTime() < end)
        {
            LockSupport.parkNanos(Math.max(1, Math.min(nextStatus, end) - System.nanoTime()));
            final long now = System.nanoTime();
            if (now >= nextStatus)
            {
                final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "t=%3ds", (now - start) /
                    SECOND));
                for (int i = 0; i < nodes.length; i++)
                {
                    final long reports = nodes[i].orderReports();
                    final long trades = nodes[i].trades();
                    line.append(String.format(Locale.ROOT, " | shard-%d orders/s=%,d trades/s=%,d", i,
                        reports - lastReports[i], trades - lastTrades[i]));
                    lastReports[i] = reports;
                    lastTrades[i] = trades;
                }
                out.println(line);
                out.flush();
                nextStatus += SECOND;
            }
        }
    }
}
