package io.disruptorx.marketdata.server;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * Feeds the engine's market data events into a {@link FeedPublisher}; every other event is ignored. Put it
 * on the engine's thread (or the output ring's market data consumer) and call {@link FeedPublisher#flush()}
 * at the end of each batch.
 */
public final class EngineFeedAdapter implements EngineListener
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

    @Override
    public void onOrderAccepted(
        final long timestamp,
        final long orderId,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
    }

    @Override
    public void onOrderRejected(
        final long timestamp,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final RejectReason reason)
    {
    }

    @Override
    public void onTrade(
        final long timestamp,
        final long tradeId,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side takerSide,
        final long makerOrderId,
        final long makerAccountId,
        final long makerRemaining,
        final long makerFee,
        final long takerOrderId,
        final long takerAccountId,
        final long takerRemaining,
        final long takerFee)
    {
    }

    @Override
    public void onOrderCancelled(
        final long timestamp,
        final long orderId,
        final long clientOrderId,
        final long requestId,
        final long accountId,
        final int instrumentId,
        final long cancelledQuantity,
        final CancelReason reason)
    {
    }

    @Override
    public void onOrderReplaced(
        final long timestamp,
        final long orderId,
        final long requestId,
        final long accountId,
        final int instrumentId,
        final long price,
        final long quantity,
        final boolean priorityKept)
    {
    }

    @Override
    public void onCancelRejected(
        final long timestamp, final long orderId, final long requestId, final long accountId, final RejectReason reason)
    {
    }

    @Override
    public void onAdminResult(
        final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
    {
    }

    @Override
    public void onSnapshotRequested(final long timestamp, final long snapshotId)
    {
    }

    @Override
    public void onInstrumentStatus(final long timestamp, final int instrumentId, final InstrumentState state)
    {
    }
}
