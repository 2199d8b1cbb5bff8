package io.disruptorx.node.shard;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookSide;
import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.client.ConsolidatedFeedClient;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedEndpoints;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.feed.MarketDataConfig;
import io.disruptorx.node.venue.NodeMarketData;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.move.MovingVenueClient;
import io.disruptorx.shard.move.ShardMover;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real move followed on the market data feed: two shards, each an embedded node publishing its own feed session as
 * {@code dx shard-host --feed-shard I --feed-port-base 0} does ({@link ShardFeedOptions}: sessions DXSHARD-0 and
 * DXSHARD-1, the node's {@link NodeMarketData}, unicast lines on loopback), one {@link ConsolidatedFeedClient}
 * following both, and a gateway's {@link MovingVenueClient} with its {@link ShardMover} that moves an instrument with
 * eleven resting orders on five price levels from its shard to the other and back. On every duty cycle of the move
 * the consolidated view holds the instrument once, never more orders than it has nor fewer than either session
 * still shows, and whenever it shows the instrument trading with orders, the whole book as it was before the move.
 * After each move the consolidated book is the target session's, with the same levels (price, quantity and orders)
 * and best prices as before, and the source's session holds the instrument halted and empty. An instrument of the
 * target's, not moved, stays as it was.
 *
 * <p>How it can fail: a shard host publishing no feed (nothing to follow), a consolidated view that shows the
 * instrument from both sessions or mixes them (more orders than the book has), that stays on the emptied source or
 * shows the target's partly restored book while the source still shows all of it, or a move that loses or changes
 * orders.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShardMoveFeedTest
{
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final VenueEventHandler IGNORE = (sequence, buffer, offset, length) ->
    {
    };

    @TempDir
    Path dir;

    @Test
    void shouldFollowAMovedInstrumentsBookToTheTargetSessionInTheConsolidatedView()
    {
        final NodeMarketData[] feeds = new NodeMarketData[2];
        final EmbeddedNode[] nodes = new EmbeddedNode[2];
        final RoutingTable table = RoutingTable.initial(List.of("shard-0", "shard-1"), 64);
        final int moved = instrumentOf(table, 0);
        final int stays = instrumentOf(table, 1);
        ConsolidatedFeedClient client = null;
        try
        {
            final List<ConsolidatedFeedClient.Session> sessions = new ArrayList<>();
            for (int i = 0; i < 2; i++)
            {
                final MarketDataConfig config = ShardFeedOptions.config(null, i, 0);
                assertThat(config.feed().session()).isEqualTo("DXSHARD-" + i);
                feeds[i] = NodeMarketData.start(config);
                nodes[i] = ShardFeedOptions.startNode(NodeConfig.defaults(dir.resolve("shard-" + i)), feeds[i]);
                final FeedServer server = feeds[i].feed().server();
                final InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
                sessions.add(new ConsolidatedFeedClient.Session(
                    FeedClientConfig.builder().session(server.session()).seed(i).build(),
                    new FeedEndpoints(local, local, false, null, server.retransmitServer().address(),
                        server.recoveryServer().address())));
            }
            client = new ConsolidatedFeedClient(sessions, new MarketDataListener()
            {
            });
            for (int i = 0; i < 2; i++)
            {
                feeds[i].feed().server().lineA().addDestination(client.session(i).lineAAddress());
                feeds[i].feed().server().lineB().addDestination(client.session(i).lineBAddress());
            }
            client.start();
            final int orders = restBooks(nodes, moved, stays);
            final ConsolidatedFeedClient consolidated = client;
            await(client, () -> ordersOf(consolidated, moved) == orders && ordersOf(consolidated, stays) == 2);
            final String before = levels(client.book(moved));
            final long bestBid = client.book(moved).bids().bestPrice();
            final long bestAsk = client.book(moved).asks().bestPrice();
            final String other = levels(client.book(stays));
            assertThat(client.owner(moved)).isZero();
            assertThat(before).isEqualTo("bids 9902x6/2 9901x6/2 9900x3/1 | asks 10100x2/2 10101x12/4");

            final ShardedVenueClient sharded =
                new ShardedVenueClient(table, nodes[0].newVenueClient(), nodes[1].newVenueClient());
            try (MovingVenueClient venue = new MovingVenueClient(sharded, new ShardMover(sharded, null, null,
                dir.resolve("moves.journal"), () -> System.currentTimeMillis() * 1_000_000L)))
            {
                for (final int target : new int[] {1, 0})
                {
                    final CompletableFuture<String> answer = venue.move(moved, target);
                    final long deadline = System.nanoTime() + WAIT_NANOS;
                    while (!answer.isDone() || !movedOnFeed(client, moved, target, orders))
                    {
                        assertThat(System.nanoTime()).as("the move and its feed in time").isLessThan(deadline);
                        venue.poll(IGNORE, 256);
                        client.poll(TimeUnit.MICROSECONDS.toNanos(200));
                        checkConsolidated(client, moved, orders, before);
                    }
                    assertThat(answer.join()).startsWith("moved");
                    assertThat(client.owner(moved)).as("the target's session").isEqualTo(target);
                    assertThat(levels(client.book(moved))).isEqualTo(before);
                    assertThat(client.book(moved).bids().bestPrice()).isEqualTo(bestBid);
                    assertThat(client.book(moved).asks().bestPrice()).isEqualTo(bestAsk);
                    final InstrumentBook source = client.session(1 - target).book().book(moved);
                    assertThat(source.state()).isEqualTo(InstrumentBook.HALTED);
                    assertThat(source.orderCount()).isZero();
                    assertThat(levels(client.book(stays))).isEqualTo(other);
                    assertThat(client.owner(stays)).isEqualTo(1);
                }
            }
            assertThat(client.orderCount()).isEqualTo(orders + 2);
        }
        finally
        {
            if (client != null)
            {
                client.close();
            }
            for (int i = 0; i < 2; i++)
            {
                if (nodes[i] != null)
                {
                    nodes[i].close();
                }
                if (feeds[i] != null)
                {
                    feeds[i].close();
                }
            }
        }
    }

    /**
     * The consolidated view mid-move: the instrument once, never more orders than it has nor fewer than a session
     * still shows (a target's partly restored book does not replace the source's whole one), and trading with
     * orders only as the whole book.
     */
    private static void checkConsolidated(
        final ConsolidatedFeedClient client, final int instrument, final int orders, final String before)
    {
        final int[] seen = new int[1];
        client.forEachBook(book -> seen[0] += book.instrumentId() == instrument ? 1 : 0);
        assertThat(seen[0]).as("instrument %d in the consolidated view", instrument).isEqualTo(1);
        final InstrumentBook book = client.book(instrument);
        assertThat(book.orderCount()).as("orders shown").isLessThanOrEqualTo(orders);
        int most = 0;
        for (int i = 0; i < client.sessionCount(); i++)
        {
            final InstrumentBook own = client.session(i).book().book(instrument);
            most = Math.max(most, own == null ? 0 : own.orderCount());
        }
        assertThat(book.orderCount()).as("the session that still shows the most orders").isEqualTo(most);
        if (book.state() == InstrumentBook.TRADING && book.orderCount() > 0)
        {
            assertThat(levels(book)).as("a trading book shown whole").isEqualTo(before);
        }
    }

    private static boolean movedOnFeed(
        final ConsolidatedFeedClient client, final int instrument, final int target, final int orders)
    {
        final InstrumentBook book = client.session(target).book().book(instrument);
        final InstrumentBook source = client.session(1 - target).book().book(instrument);
        return book != null && book.state() == InstrumentBook.TRADING && book.orderCount() == orders &&
            source != null && source.orderCount() == 0;
    }

    /**
     * Lists both instruments, funds two accounts on both shards and rests the books: the moved instrument's on
     * shard 0 (five bids on three levels, six asks on two), two orders of the other on shard 1.
     *
     * @return the moved instrument's resting orders.
     */
    private static int restBooks(final EmbeddedNode[] nodes, final int moved, final int stays)
    {
        final NodeClient source = nodes[0].newClient(true);
        final NodeClient other = nodes[1].newClient(true);
        source.addInstrument(moved, moved, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
        other.addInstrument(stays, stays, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
        for (final NodeClient shard : new NodeClient[] {source, other})
        {
            for (long account = 1; account <= 2; account++)
            {
                shard.adjustBalance(account, 0, 1_000_000_000L);
                shard.adjustBalance(account, moved, 1_000_000L);
                shard.adjustBalance(account, stays, 1_000_000L);
            }
        }
        final long[][] bids = {{9_900, 3}, {9_901, 2}, {9_901, 4}, {9_902, 5}, {9_902, 1}};
        final long[][] asks = {{10_100, 1}, {10_101, 3}, {10_101, 3}, {10_100, 1}, {10_101, 3}, {10_101, 3}};
        long clientOrderId = 1;
        for (final long[] bid : bids)
        {
            source.newOrder(1, clientOrderId++, moved, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, bid[0], bid[1]);
        }
        for (final long[] ask : asks)
        {
            source.newOrder(2, clientOrderId++, moved, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, ask[0], ask[1]);
        }
        other.newOrder(1, clientOrderId++, stays, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_800, 2);
        other.newOrder(2, clientOrderId, stays, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_200, 2);
        return bids.length + asks.length;
    }

    private static int instrumentOf(final RoutingTable table, final int shard)
    {
        int instrument = 1;
        while (table.shardOf(instrument) != shard)
        {
            instrument++;
        }
        return instrument;
    }

    private static int ordersOf(final ConsolidatedFeedClient client, final int instrument)
    {
        final InstrumentBook book = client.book(instrument);
        return book == null ? 0 : book.orderCount();
    }

    /**
     * @return every level of both sides: price x quantity / orders.
     */
    private static String levels(final InstrumentBook book)
    {
        return "bids " + side(book.bids()) + " | asks " + side(book.asks());
    }

    private static String side(final BookSide side)
    {
        final StringBuilder text = new StringBuilder();
        for (int level = 0; level < side.levels(); level++)
        {
            text.append(level == 0 ? "" : " ").append(side.price(level)).append('x').append(side.quantity(level))
                .append('/').append(side.orderCount(level));
        }
        return text.toString();
    }

    private static void await(final ConsolidatedFeedClient client, final BooleanSupplier done)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (!done.getAsBoolean())
        {
            assertThat(System.nanoTime()).as("the consolidated books in time").isLessThan(deadline);
            client.poll(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
