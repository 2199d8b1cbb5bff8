package io.disruptorx.node.feed;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.client.ConsolidatedFeedClient;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedEndpoints;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two shards, each a real node publishing its own feed session (DXSHARD-0, DXSHARD-1, unicast lines on loopback),
 * followed by one {@link ConsolidatedFeedClient}: instrument 1 rests on shard 0 and instrument 2 on shard 1, and the
 * client shows both in one set of books, each from the session that publishes it. Instrument 3 then goes the way a
 * move takes it: listed and rested on shard 0, halted there, listed and rested on shard 1; the consolidated book
 * follows it to shard 1, where it trades.
 *
 * <p>How it can fail: a session not followed (an instrument missing), the sessions' books mixed up (wrong best
 * prices or order counts), or a halted source still presented as the owner after the target trades it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConsolidatedFeedTest
{
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    @Test
    void shouldPresentTwoShardsFeedsAsOneSetOfBooks()
    {
        final NodeFeed[] feeds = new NodeFeed[2];
        final EmbeddedNode[] nodes = new EmbeddedNode[2];
        ConsolidatedFeedClient client = null;
        try
        {
            final List<ConsolidatedFeedClient.Session> sessions = new ArrayList<>();
            for (int i = 0; i < 2; i++)
            {
                feeds[i] = NodeFeed.start(FeedServerConfig.builder().session("DXSHARD-" + i).build());
                nodes[i] = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("shard-" + i)), feeds[i].sink(), null);
                final FeedServer server = feeds[i].server();
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
                feeds[i].server().lineA().addDestination(client.session(i).lineAAddress());
                feeds[i].server().lineB().addDestination(client.session(i).lineBAddress());
            }
            client.start();

            final NodeClient shard0 = nodes[0].newClient(true);
            final NodeClient shard1 = nodes[1].newClient(true);
            list(shard0, 1);
            list(shard1, 2);
            for (int i = 0; i < 5; i++)
            {
                shard0.newOrder(1, 1 + i, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                    SelfTradePrevention.CANCEL_NEWEST, 9_900 + i, 2);
            }
            for (int i = 0; i < 3; i++)
            {
                shard1.newOrder(1, 10 + i, 2, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                    SelfTradePrevention.CANCEL_NEWEST, 10_100 + i, 1);
            }
            final ConsolidatedFeedClient consolidated = client;
            await(consolidated, () -> orders(consolidated, 1) == 5 && orders(consolidated, 2) == 3);

            assertThat(client.owner(1)).isZero();
            assertThat(client.owner(2)).isEqualTo(1);
            assertThat(client.book(1).bids().bestPrice()).isEqualTo(9_904);
            assertThat(client.book(2).asks().bestPrice()).isEqualTo(10_100);
            final List<Integer> instruments = new ArrayList<>();
            client.forEachBook(book -> instruments.add(book.instrumentId()));
            assertThat(instruments).containsExactlyInAnyOrder(1, 2);
            assertThat(client.orderCount()).isEqualTo(8);

            list(shard0, 3);
            shard0.newOrder(1, 20, 3, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 9_950, 4);
            await(consolidated, () -> orders(consolidated, 3) == 1);
            assertThat(client.owner(3)).isZero();
            shard0.haltInstrument(3);
            list(shard1, 3);
            shard1.newOrder(1, 21, 3, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 9_960, 4);
            await(consolidated, () -> consolidated.owner(3) == 1 && orders(consolidated, 3) == 1 &&
                consolidated.session(0).book().book(3).state() == InstrumentBook.HALTED);
            assertThat(client.book(3).bids().bestPrice()).as("shard 1's order, not the halted shard 0's")
                .isEqualTo(9_960);
            assertThat(client.session(0).state()).isEqualTo(client.session(1).state());
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

    private static void list(final NodeClient shard, final int instrument)
    {
        shard.addInstrument(instrument, instrument, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
        shard.adjustBalance(1, 0, 1_000_000_000L);
        shard.adjustBalance(1, instrument, 1_000_000L);
    }

    private static int orders(final ConsolidatedFeedClient client, final int instrument)
    {
        final InstrumentBook book = client.book(instrument);
        return book == null ? 0 : book.orderCount();
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
