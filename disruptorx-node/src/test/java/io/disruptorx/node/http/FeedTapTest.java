package io.disruptorx.node.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.disruptorx.dashboard.InstrumentView;
import io.disruptorx.dashboard.MarketView;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.feed.NodeFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's in-process view of a real node's feed, read from the book the feed's recovery server already keeps:
 * the whole book when attached (no snapshot over TCP), then each changed book copied into the view once per request
 * (the dashboard's tick), nothing told once detached.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FeedTapTest
{
    private static final int INSTRUMENT = 1;

    private final MarketView market = new MarketView();
    private final InstrumentView.BookCopy copy = new InstrumentView.BookCopy();
    private NodeFeed feed;
    private EmbeddedNode node;
    private NodeClient client;
    private FeedTap tap;
    private long orderId;

    @BeforeEach
    void start() throws IOException
    {
        final Path dir = Files.createTempDirectory(Path.of("target"), "feed-tap-");
        feed = NodeFeed.start(FeedServerConfig.builder().session("DXFEEDTAP").build());
        node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data")).withSegmentSize(4 * 1024 * 1024)
            .withRingSizes(4096, 16_384).withForcePolicy(ForcePolicy.INTERVAL, 1_000_000L), feed.sink(), null);
        feed.openingImage(node);
        client = node.newClient(true);
        client.addInstrument(INSTRUMENT, INSTRUMENT, 0, 1, 1, 2, 0, 0, 1, 10_000, 5_000, 1_000);
        client.adjustBalance(1, 0, 1_000_000_000_000L);
        tap = new FeedTap(feed.server().recoveryServer(), market);
    }

    @AfterEach
    void stop()
    {
        tap.stop();
        node.close();
        feed.close();
    }

    @Test
    void shouldLoadTheFeedsBookThenCopyEachChangedBookOncePerRequest()
    {
        bids(9_000, 3);
        final long served = feed.server().recoveryServer().counters().snapshotsServed();
        assertThat(market.state()).as("no book before it is attached").isEqualTo(FeedState.RECOVERING);
        tap.start();
        await().atMost(Duration.ofSeconds(10)).until(tap::running);
        assertThat(market.state()).isEqualTo(FeedState.SYNCHRONIZED);
        assertThat(tap.booksLoaded()).isEqualTo(1);
        assertThat(feed.server().recoveryServer().counters().snapshotsServed()).as("no snapshot over TCP")
            .isEqualTo(served);
        assertBestBid(9_002, 3);

        final long version = market.instrument(INSTRUMENT).version();
        final long applied = tap.applied();
        bids(9_010, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.applied() - applied == 5);
        assertThat(market.instrument(INSTRUMENT).version()).as("nothing copied until asked").isEqualTo(version);

        tap.requestCopy();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> market.sequence() == feed.server().store().highestSequence());
        assertThat(market.instrument(INSTRUMENT).version() - version).as("one copy of the book for five changes")
            .isEqualTo(2);
        assertBestBid(9_014, 8);

        tap.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !tap.running());
        bids(9_020, 2);
        tap.requestCopy();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
            .until(() -> tap.applied() - applied == 5);
        assertBestBid(9_014, 8);

        tap.start();
        await().atMost(Duration.ofSeconds(10)).until(tap::running);
        assertThat(tap.booksLoaded()).as("attached again: the book as it is now").isEqualTo(2);
        assertBestBid(9_021, 10);
    }

    /**
     * Places {@code count} buy orders of quantity 1 at {@code from}, {@code from + 1}, ... (each one message on the
     * feed: an order added) and waits until the feed stored them.
     */
    private void bids(final long from, final int count)
    {
        final long stored = feed.server().store().highestSequence();
        for (int i = 0; i < count; i++)
        {
            client.newOrder(1, ++orderId, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, from + i, 1);
        }
        await().atMost(Duration.ofSeconds(10))
            .until(() -> feed.server().store().highestSequence() >= stored + count);
    }

    /**
     * The view's best bid is {@code price} and its bid side holds {@code orders} orders in all (of quantity 1, at
     * most the top ten levels counted).
     */
    private void assertBestBid(final long price, final int orders)
    {
        market.instrument(INSTRUMENT).read(copy);
        assertThat(copy.price(0, 0)).isEqualTo(price);
        assertThat(copy.levels(0)).isEqualTo(Math.min(orders, InstrumentView.DEPTH));
    }
}
