package io.disruptorx.marketdata;

import java.nio.ByteBuffer;

import io.disruptorx.marketdata.server.FeedPublisher;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Publishes OrderAdded messages, encoded by the schema's one encoder, through a {@link FeedPublisher}.
 */
final class OrderPublisher
{
    private final FeedPublisher publisher;
    private final MarketDataEncoder encoder = new MarketDataEncoder();
    private final UnsafeBuffer scratch =
        new UnsafeBuffer(ByteBuffer.allocateDirect(MarketDataEncoder.MAX_MESSAGE_LENGTH));

    OrderPublisher(final FeedPublisher publisher)
    {
        this.publisher = publisher;
    }

    void orderAdded(
        final long sequence,
        final long timestamp,
        final int instrumentId,
        final long orderId,
        final int side,
        final long price,
        final long quantity)
    {
        final int length = encoder.orderAdded(
            scratch, 0, sequence, timestamp, instrumentId, orderId, (short)side, price, quantity);
        publisher.onMessage(sequence, scratch, 0, length);
    }
}
