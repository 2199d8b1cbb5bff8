package io.disruptorx.engine;

/**
 * An {@link EngineListener} whose every method does nothing: extend it and override only the events you need.
 */
public abstract class EngineListenerAdapter implements EngineListener
{
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
        final long timestamp,
        final long orderId,
        final long requestId,
        final long accountId,
        final RejectReason reason)
    {
    }

    @Override
    public void onAdminResult(
        final long timestamp,
        final AdminType type,
        final long subjectId,
        final RejectReason result)
    {
    }

    @Override
    public void onSnapshotRequested(
        final long timestamp,
        final long snapshotId)
    {
    }

    @Override
    public void onInstrumentStatus(
        final long timestamp,
        final int instrumentId,
        final InstrumentState state)
    {
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
    }

    @Override
    public void onBookOrderModified(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long orderId,
        final long quantity)
    {
    }

    @Override
    public void onBookOrderDeleted(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long orderId)
    {
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
    }

    @Override
    public void onMarketStatus(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final InstrumentState state)
    {
    }
}
