package io.disruptorx.systemtest;

import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import io.disruptorx.core.net.FeedPortBase;
import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookSide;
import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.client.ConsolidatedClientMain;
import io.disruptorx.marketdata.client.ConsolidatedFeedClient;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.systemtest.ShardMoveSessions.INSTRUMENT;
import static io.disruptorx.systemtest.ShardMoveSessions.awaitReports;
import static io.disruptorx.systemtest.ShardMoveSessions.buy;
import static io.disruptorx.systemtest.ShardMoveSessions.move;
import static io.disruptorx.systemtest.ShardMoveSessions.prepareShards;
import static io.disruptorx.systemtest.ShardProcesses.ADMIN;
import static io.disruptorx.systemtest.ShardProcesses.LINE_WAIT_MS;
import static io.disruptorx.systemtest.ShardProcesses.NATIVE;
import static io.disruptorx.systemtest.ShardProcesses.awaitPort;
import static io.disruptorx.systemtest.ShardProcesses.link;
import static io.disruptorx.systemtest.ShardProcesses.startGateway;
import static io.disruptorx.systemtest.ShardProcesses.startShardHost;
import static io.disruptorx.systemtest.ShardProcesses.writeOperatedGatewayConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Market data of shards run as processes: two {@code dx shard-host --feed-shard I} processes each publish their own
 * session by the shards' convention (DXSHARD-0 and DXSHARD-1 from one port base), one {@code dx shard-gateway} in
 * front of them, and a {@link ConsolidatedFeedClient} in this JVM follows both sessions as {@code dx md-client
 * --shards 2 --session DXSHARD} does. Alice rests three orders of instrument 1 on the shard that owns it (5 and 4 lots
 * at 101.00, 3 at 99.00); the consolidated view shows that book from the source's session. Then {@code dx shard move
 * 1 --to OTHER} moves it, and on every duty cycle of the client during the move the instrument is presented once,
 * with never more than its three orders, and trading only with all three. After the move the target's own session
 * holds the book (the same levels, quantities and order counts), the source's session none of its orders, and the
 * consolidated view presents the target's book.
 *
 * <p>How it can fail: a shard host that publishes no feed or not by the convention (the client never synchronizes),
 * a move whose restores do not reach the target's feed (its book stays empty), or a consolidated view that counts
 * orders of both sessions or presents the halted source after the target trades.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShardFeedSystemTest
{
    private static final String PASSWORD = "shard";
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final Pattern FEED = Pattern.compile("market data session (DXSHARD-\\d+), lines A/B");

    @TempDir
    Path dir;

    @Test
    void shouldShowAMovedBookOnTheTargetsFeedAndInTheConsolidatedView() throws Exception
    {
        final int source = prepareShards(dir);
        final int target = 1 - source;
        final int feedBase = FeedPortBase.freeForTwoShards();
        final List<NativeSession.Received> received = new ArrayList<>();
        try (ChildJvm shard0 = startShardHost(dir, "shard-0", dir.resolve("shard-0"), "--feed-shard", "0",
                "--feed-port-base", Integer.toString(feedBase));
            ChildJvm shard1 = startShardHost(dir, "shard-1", dir.resolve("shard-1"), "--feed-shard", "1",
                "--feed-port-base", Integer.toString(feedBase));
            ConsolidatedFeedClient client = new ConsolidatedFeedClient(ConsolidatedClientMain.sessions(
                ConsolidatedClientMain.conventionFeeds("DXSHARD", 2, feedBase), true), new MarketDataListener()
                {
                }))
        {
            final List<String> links = List.of(link(shard0), link(shard1));
            assertThat(shard0.awaitMatch(FEED, LINE_WAIT_MS).group(1)).isEqualTo("DXSHARD-0");
            assertThat(shard1.awaitMatch(FEED, LINE_WAIT_MS).group(1)).isEqualTo("DXSHARD-1");
            client.start();
            try (ChildJvm gateway = startGateway(dir, writeOperatedGatewayConfig(dir, PASSWORD), links,
                "--single-gateway"))
            {
                final int admin = awaitPort(gateway, ADMIN);
                final InetSocketAddress address = new InetSocketAddress("127.0.0.1", awaitPort(gateway, NATIVE));
                try (NativeSession alice = NativeSession.login(address, "alice", PASSWORD, -2, received);
                    NativeSession bob = NativeSession.login(address, "bob", PASSWORD, -2, received))
                {
                    buy(alice, 1, 1, 10_100, 5);
                    buy(alice, 2, 1, 10_100, 4);
                    buy(alice, 3, 1, 9_900, 3);
                    awaitReports(received, alice, bob, r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID, 3);
                }
                await(client, () -> client.owner(INSTRUMENT) == source && isWholeBook(client.book(INSTRUMENT)),
                    "instrument 1's three orders in the consolidated view, from shard " + source + "'s session");

                final StringWriter answer = new StringWriter();
                final CompletableFuture<Integer> move = move(dir, admin, target, answer);
                final long deadline = System.nanoTime() + WAIT_NANOS;
                int cycles = 0;
                while (!move.isDone() && System.nanoTime() < deadline)
                {
                    client.poll(TimeUnit.MILLISECONDS.toNanos(1));
                    checkPresentedOnce(client);
                    cycles++;
                }
                assertThat(move.get(2, TimeUnit.MINUTES)).as("dx shard move answered: %s", answer).isZero();
                assertThat(answer.toString()).contains("moved instrument 1 shard-" + source + " -> shard-" + target +
                    ": 3 orders");
                await(client, () -> client.owner(INSTRUMENT) == target && isWholeBook(client.book(INSTRUMENT)) &&
                    orders(client.session(source).book().book(INSTRUMENT)) == 0,
                    "instrument 1's three orders on shard " + target + "'s session, none on " + source + "'s");
                System.out.println("ShardFeedSystemTest: " + answer.toString().trim() + "; the consolidated view " +
                    "checked on " + cycles + " duty cycles during the move");

                final InstrumentBook moved = client.session(target).book().book(INSTRUMENT);
                assertThat(client.book(INSTRUMENT)).as("the consolidated view presents the target's book")
                    .isSameAs(moved);
                assertThat(levels(moved.bids())).containsExactly(List.of(10_100L, 9L, 2L), List.of(9_900L, 3L, 1L));
                assertThat(moved.asks().levels()).isZero();
                assertThat(client.orderCount()).isEqualTo(3);
                assertThat(gateway.stop()).isEqualTo(143);
            }
            assertThat(shard0.stop()).isEqualTo(143);
            assertThat(shard1.stop()).isEqualTo(143);
        }
    }

    /**
     * The instrument is presented once, with at most its three orders, and trading only with all three.
     */
    private static void checkPresentedOnce(final ConsolidatedFeedClient client)
    {
        final List<InstrumentBook> presented = new ArrayList<>();
        client.forEachBook(book ->
        {
            if (book.instrumentId() == INSTRUMENT)
            {
                presented.add(book);
            }
        });
        assertThat(presented).as("instrument 1 in the consolidated view").hasSize(1);
        final InstrumentBook book = presented.get(0);
        assertThat(book.orderCount()).as("orders presented").isLessThanOrEqualTo(3);
        if (book.state() == InstrumentBook.TRADING)
        {
            assertThat(book.orderCount()).as("a trading book presents all its orders").isEqualTo(3);
        }
    }

    private static int orders(final InstrumentBook book)
    {
        return book == null ? 0 : book.orderCount();
    }

    private static boolean isWholeBook(final InstrumentBook book)
    {
        return book != null && book.state() == InstrumentBook.TRADING && book.orderCount() == 3;
    }

    /**
     * @return each level as {price, quantity, orders}, best first.
     */
    private static List<List<Long>> levels(final BookSide side)
    {
        final List<List<Long>> levels = new ArrayList<>();
        for (int level = 0; level < side.levels(); level++)
        {
            levels.add(List.of(side.price(level), side.quantity(level), (long)side.orderCount(level)));
        }
        return levels;
    }

    private static void await(final ConsolidatedFeedClient client, final BooleanSupplier condition,
        final String what)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            client.poll(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(condition.getAsBoolean()).as("%s; sessions %s and %s", what, client.session(0).state(),
            client.session(1).state()).isTrue();
    }
}
