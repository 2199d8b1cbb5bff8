package io.disruptorx.node.feed;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.ShardMoveLock;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.marketdata.server.FeedServerConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opening image of a node whose engine keeps the shards' move lock (shard 0 after any move; its section comes
 * after the books in the snapshot, as transfers in flight do): the image publishes the books and skips what follows
 * them, rather than refusing the snapshot.
 */
class OpeningImageSectionsTest
{
    @Test
    void shouldPublishTheBooksOfASnapshotThatAlsoCarriesTheMoveLock()
    {
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), new EngineListenerAdapter()
        {
        });
        engine.addInstrument(1, 7, 1, 2, 1, 1, 0, 0, 0, 0, 1_000, 0, 1_000);
        engine.adjustBalance(2, 5, 2, 1_000_000);
        engine.newOrder(3, 5, 1, 7, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE,
            990, 2);
        engine.newOrder(4, 5, 2, 7, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE,
            995, 1);
        final UnsafeBuffer without = new UnsafeBuffer(new byte[1 << 16]);
        final int withoutLength = engine.snapshot(without, 0);
        engine.moves().readBook(5, ShardMoveLock.CLAIM | 1024, -7);
        final UnsafeBuffer with = new UnsafeBuffer(new byte[1 << 16]);
        final int withLength = engine.snapshot(with, 0);
        assertThat(withLength).as("the lock's section").isGreaterThan(withoutLength);

        final NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXLOCK").build());
        try
        {
            assertThat(OpeningImage.publish(with, withLength, feed.server())).as("both resting orders").isEqualTo(2);
        }
        finally
        {
            feed.close();
        }
    }
}
