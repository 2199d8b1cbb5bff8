package io.disruptorx.node.feed;

import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.node.embedded.MarketDataSink;
import org.agrona.DirectBuffer;

/**
 * Plugs a {@link FeedServer} into an embedded node: every market data message the node hands over (on its
 * output thread, in feed-sequence order) is published on lines A and B and stored for the recovery servers;
 * the end of a batch sends the partial packet.
 */
public final class FeedSinkAdapter implements MarketDataSink
{
    private final FeedServer feed;

    /**
     * @param feed where the messages go.
     */
    public FeedSinkAdapter(final FeedServer feed)
    {
        this.feed = feed;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        feed.publish(buffer, offset, length);
    }

    @Override
    public void onEndOfBatch()
    {
        feed.endOfBatch();
    }
}
