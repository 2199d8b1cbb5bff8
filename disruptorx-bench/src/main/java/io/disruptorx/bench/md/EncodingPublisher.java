package io.disruptorx.bench.md;

import java.nio.ByteBuffer;

import io.disruptorx.marketdata.server.FeedPublisher;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes market data incrementals with the schema's {@link MarketDataEncoder} into one scratch buffer and hands
 * each to a {@link FeedPublisher}, as the engine's encoder and the node's output thread do. Allocates nothing per
 * message.
 */
final class EncodingPublisher
{
    private final FeedPublisher publisher;
    private final MarketDataEncoder encoder = new MarketDataEncoder();
    private final UnsafeBuffer scratch =
        new UnsafeBuffer(ByteBuffer.allocateDirect(MarketDataEncoder.MAX_MESSAGE_LENGTH));

    EncodingPublisher(final FeedPublisher publisher)
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
        publisher.onMessage(sequence, scratch, 0, encoder.orderAdded(
            scratch, 0, sequence, timestamp, instrumentId, orderId, (short)side, price, quantity));
    }

    void orderModified(
        final long sequence, final long timestamp, final int instrumentId, final long orderId, final long quantity)
    {
        publisher.onMessage(sequence, scratch, 0,
            encoder.orderModified(scratch, 0, sequence, timestamp, instrumentId, orderId, quantity));
    }

    void orderDeleted(final long sequence, final long timestamp, final int instrumentId, final long orderId)
    {
        publisher.onMessage(sequence, scratch, 0,
            encoder.orderDeleted(scratch, 0, sequence, timestamp, instrumentId, orderId));
    }

    void trade(
        final long sequence,
        final long timestamp,
        final int instrumentId,
        final long tradeId,
        final long price,
        final long quantity,
        final int aggressorSide)
    {
        publisher.onMessage(sequence, scratch, 0, encoder.trade(
            scratch, 0, sequence, timestamp, instrumentId, tradeId, price, quantity, (short)aggressorSide));
    }
}
