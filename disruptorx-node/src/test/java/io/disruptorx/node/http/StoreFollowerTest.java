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
import io.disruptorx.marketdata.server.FeedServer;
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
 * The dashboard's in-process view of a real node's feed: a snapshot from the feed's recovery server first, then the
 * feed's message store, each changed book copied into the view once per catch-up; and, when the store (here 16
 * messages) has released what the view had not read yet, a new snapshot instead of a wrong book.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreFollowerTest
{
    private static final int INSTRUMENT = 1;
    private static final int RETAINED = 16;

    private final MarketView market = new MarketView();
    private final InstrumentView.BookCopy copy = new InstrumentView.BookCopy();
    private NodeFeed feed;
    private EmbeddedNode node;
    private NodeClient client;
    private StoreFollower follower;
    private long orderId;

    @BeforeEach
    void start() throws IOException
    {
        final Path dir = Files.createTempDirectory(Path.of("target"), "store-follower-");
        feed = NodeFeed.start(FeedServerConfig.builder().session("DXFOLLOW").retention(Long.MAX_VALUE, RETAINED)
            .build());
        node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data")).withSegmentSize(4 * 1024 * 1024)
            .withRingSizes(4096, 16_384).withForcePolicy(ForcePolicy.INTERVAL, 1_000_000L), feed.sink(), null);
        feed.openingImage(node);
        client = node.newClient(true);
        client.addInstrument(INSTRUMENT, INSTRUMENT, 0, 1, 1, 2, 0, 0, 1, 10_000, 5_000, 1_000);
        client.adjustBalance(1, 0, 1_000_000_000_000L);
        final FeedServer server = feed.server();
        follower = new StoreFollower(server.store(), server.recoveryServer().address(), market);
    }

    @AfterEach
    void stop()
    {
        follower.stop();
        node.close();
        feed.close();
    }

    @Test
    void shouldStartFromASnapshotThenReadTheStoreCopyingEachChangedBookOncePerCatchUp()
    {
        bids(9_000, 3);
        follower.start();
        assertThat(market.state()).as("no book until the snapshot is in").isEqualTo(FeedState.RECOVERING);
        awaitSynchronized();
        assertThat(follower.snapshotsLoaded()).isEqualTo(1);
        assertBestBid(9_002, 3);

        final long version = market.instrument(INSTRUMENT).version();
        final long applied = follower.applied();
        bids(9_010, 5);
        follower.catchUp();

        assertThat(follower.applied() - applied).as("the five new orders, read from the store").isEqualTo(5);
        assertThat(market.instrument(INSTRUMENT).version() - version).as("one copy of the book for five changes")
            .isEqualTo(2);
        assertBestBid(9_014, 8);
        assertThat(market.sequence()).isEqualTo(feed.server().store().highestSequence());

        follower.stop();
        bids(9_020, 2);
        follower.catchUp();
        assertThat(follower.applied() - applied).as("nothing read once stopped").isEqualTo(5);
        assertBestBid(9_014, 8);
    }

    @Test
    void shouldLoadANewSnapshotWhenTheStoreReleasedMessagesNotYetRead()
    {
        bids(8_999, 1);
        follower.start();
        awaitSynchronized();
        assertBestBid(8_999, 1);
        for (int i = 0; i < 2 * RETAINED; i++)
        {
            bids(9_000 + i, 1);
        }

        follower.catchUp();
        assertThat(market.state()).as("the messages it had not read are gone: the book is forgotten")
            .isEqualTo(FeedState.RECOVERING);
        market.instrument(INSTRUMENT).read(copy);
        assertThat(copy.levels(0)).isZero();

        awaitSynchronized();
        assertThat(follower.snapshotsLoaded()).isEqualTo(2);
        assertBestBid(9_000 + 2 * RETAINED - 1, 2 * RETAINED + 1);
    }

    private void awaitSynchronized()
    {
        await().atMost(Duration.ofSeconds(10)).until(() ->
        {
            follower.catchUp();
            return market.state() == FeedState.SYNCHRONIZED;
        });
    }

    /**
     * Places {@code count} buy orders of quantity 1 at {@code from}, {@code from + 1}, ... (each one message on the
     * feed: an order added) and waits until the feed stored them. Fewer than the store holds at once, so that the
     * recovery server's own book, which follows the store too, keeps up.
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
