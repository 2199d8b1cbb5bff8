package io.disruptorx.marketdata.server;

import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.Side;

/**
 * Feeds the engine's market data events into a {@link FeedPublisher}; every other event is ignored. Put it
 * on the engine's thread (or the output ring's market data consumer) and call {@link FeedPublisher#flush()}
 * at the end of each batch.
 */
public final class EngineFeedAdapter extends EngineListenerAdapter
{
    private final FeedEncoder encoder;

    /**
     * @param publisher receives the encoded incrementals.
     */
    public EngineFeedAdapter(final FeedPublisher publisher)
    {
        this.encoder = new FeedEncoder(publisher);
    }

    @Override
    public void onBookOrderAdded(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long orderId,
        final Side side,
        final long price,
        final long quantity)
    {
        encoder.orderAdded(feedSequence, timestamp, instrumentId, orderId, side.code(), price, quantity);
    }

    @Override
    public void onBookOrderModified(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId, final long quantity)
    {
        encoder.orderModified(feedSequence, timestamp, instrumentId, orderId, quantity);
    }

    @Override
    public void onBookOrderDeleted(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId)
    {
        encoder.orderDeleted(feedSequence, timestamp, instrumentId, orderId);
    }

    @Override
    public void onMarketTrade(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long tradeId,
        final long price,
        final long quantity,
        final Side aggressorSide)
    {
        encoder.trade(feedSequence, timestamp, instrumentId, tradeId, price, quantity, aggressorSide.code());
    }

    @Override
    public void onMarketStatus(
        final long feedSequence, final long timestamp, final int instrumentId, final InstrumentState state)
    {
        encoder.instrumentStatus(feedSequence, timestamp, instrumentId, state.code());
    }
}
