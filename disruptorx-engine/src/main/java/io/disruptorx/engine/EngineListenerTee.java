package io.disruptorx.engine;

/**
 * Forwards every event to two listeners, the first and then the second, on the calling thread: for a host that
 * both writes events and keeps its own tally of them. Allocation-free; an exception from the first listener stops
 * the event from reaching the second.
 */
public final class EngineListenerTee implements EngineListener
{
    private final EngineListener first;
    private final EngineListener second;

    /**
     * @param first  called first with every event.
     * @param second called next with every event.
     */
    public EngineListenerTee(final EngineListener first, final EngineListener second)
    {
        this.first = first;
        this.second = second;
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
        first.onOrderAccepted(
            timestamp, orderId, clientOrderId, accountId, instrumentId, side, type, timeInForce, price, quantity);
        second.onOrderAccepted(
            timestamp, orderId, clientOrderId, accountId, instrumentId, side, type, timeInForce, price, quantity);
    }

    @Override
    public void onOrderRejected(
        final long timestamp,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final RejectReason reason)
    {
        first.onOrderRejected(timestamp, clientOrderId, accountId, instrumentId, reason);
        second.onOrderRejected(timestamp, clientOrderId, accountId, instrumentId, reason);
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
        first.onTrade(
            timestamp, tradeId, instrumentId, price, quantity, takerSide, makerOrderId, makerAccountId,
            makerRemaining, makerFee, takerOrderId, takerAccountId, takerRemaining, takerFee);
        second.onTrade(
            timestamp, tradeId, instrumentId, price, quantity, takerSide, makerOrderId, makerAccountId,
            makerRemaining, makerFee, takerOrderId, takerAccountId, takerRemaining, takerFee);
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
        first.onOrderCancelled(
            timestamp, orderId, clientOrderId, requestId, accountId, instrumentId, cancelledQuantity, reason);
        second.onOrderCancelled(
            timestamp, orderId, clientOrderId, requestId, accountId, instrumentId, cancelledQuantity, reason);
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
        first.onOrderReplaced(timestamp, orderId, requestId, accountId, instrumentId, price, quantity, priorityKept);
        second.onOrderReplaced(timestamp, orderId, requestId, accountId, instrumentId, price, quantity, priorityKept);
    }

    @Override
    public void onCancelRejected(
        final long timestamp,
        final long orderId,
        final long requestId,
        final long accountId,
        final RejectReason reason)
    {
        first.onCancelRejected(timestamp, orderId, requestId, accountId, reason);
        second.onCancelRejected(timestamp, orderId, requestId, accountId, reason);
    }

    @Override
    public void onAdminResult(
        final long timestamp,
        final AdminType type,
        final long subjectId,
        final RejectReason result)
    {
        first.onAdminResult(timestamp, type, subjectId, result);
        second.onAdminResult(timestamp, type, subjectId, result);
    }

    @Override
    public void onTransferResult(
        final long timestamp,
        final AdminType type,
        final long transferId,
        final RejectReason result,
        final long accountId,
        final int assetId,
        final long moved)
    {
        first.onTransferResult(timestamp, type, transferId, result, accountId, assetId, moved);
        second.onTransferResult(timestamp, type, transferId, result, accountId, assetId, moved);
    }

    @Override
    public void onSnapshotRequested(final long timestamp, final long snapshotId)
    {
        first.onSnapshotRequested(timestamp, snapshotId);
        second.onSnapshotRequested(timestamp, snapshotId);
    }

    @Override
    public void onInstrumentStatus(final long timestamp, final int instrumentId, final InstrumentState state)
    {
        first.onInstrumentStatus(timestamp, instrumentId, state);
        second.onInstrumentStatus(timestamp, instrumentId, state);
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
        first.onBookOrderAdded(feedSequence, timestamp, instrumentId, orderId, side, price, quantity);
        second.onBookOrderAdded(feedSequence, timestamp, instrumentId, orderId, side, price, quantity);
    }

    @Override
    public void onBookOrderModified(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long orderId,
        final long quantity)
    {
        first.onBookOrderModified(feedSequence, timestamp, instrumentId, orderId, quantity);
        second.onBookOrderModified(feedSequence, timestamp, instrumentId, orderId, quantity);
    }

    @Override
    public void onBookOrderDeleted(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long orderId)
    {
        first.onBookOrderDeleted(feedSequence, timestamp, instrumentId, orderId);
        second.onBookOrderDeleted(feedSequence, timestamp, instrumentId, orderId);
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
        first.onMarketTrade(feedSequence, timestamp, instrumentId, tradeId, price, quantity, aggressorSide);
        second.onMarketTrade(feedSequence, timestamp, instrumentId, tradeId, price, quantity, aggressorSide);
    }

    @Override
    public void onMarketStatus(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final InstrumentState state)
    {
        first.onMarketStatus(feedSequence, timestamp, instrumentId, state);
        second.onMarketStatus(feedSequence, timestamp, instrumentId, state);
    }

    @Override
    public void onAccountBalance(
        final long timestamp,
        final long requestId,
        final long accountId,
        final int assetId,
        final int assetCount,
        final long free,
        final long locked,
        final long inTransfer)
    {
        first.onAccountBalance(timestamp, requestId, accountId, assetId, assetCount, free, locked, inTransfer);
        second.onAccountBalance(timestamp, requestId, accountId, assetId, assetCount, free, locked, inTransfer);
    }

    @Override
    public void onBookRead(
        final long timestamp,
        final long requestId,
        final int instrumentId,
        final int orderCount,
        final int baseAssetId,
        final int quoteAssetId,
        final long tickSize,
        final long lotSize,
        final int priceScale,
        final int quantityScale,
        final long makerFeePerLot,
        final long takerFeePerLot,
        final long referencePrice,
        final int priceBandBps,
        final int marketProtectionBps)
    {
        first.onBookRead(timestamp, requestId, instrumentId, orderCount, baseAssetId, quoteAssetId, tickSize, lotSize,
            priceScale, quantityScale, makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps,
            marketProtectionBps);
        second.onBookRead(timestamp, requestId, instrumentId, orderCount, baseAssetId, quoteAssetId, tickSize,
            lotSize, priceScale, quantityScale, makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps,
            marketProtectionBps);
    }

    @Override
    public void onBookReadOrder(
        final long timestamp,
        final long requestId,
        final int place,
        final long orderId,
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long entryTime,
        final int heldAssetId,
        final long hold,
        final long filledQuantity,
        final long filledNotional,
        final long updateTime,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        first.onBookReadOrder(timestamp, requestId, place, orderId, accountId, clientOrderId, instrumentId, side,
            timeInForce, price, quantity, entryTime, heldAssetId, hold, filledQuantity, filledNotional, updateTime,
            postOnly, selfTradePrevention);
        second.onBookReadOrder(timestamp, requestId, place, orderId, accountId, clientOrderId, instrumentId, side,
            timeInForce, price, quantity, entryTime, heldAssetId, hold, filledQuantity, filledNotional, updateTime,
            postOnly, selfTradePrevention);
    }

    @Override
    public void onOpenOrder(
        final long timestamp,
        final long requestId,
        final long accountId,
        final long orderId,
        final long clientOrderId,
        final int instrumentId,
        final int orderCount,
        final int place,
        final Side side,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long originalQuantity,
        final long entryTime,
        final boolean postOnly,
        final long filledNotional,
        final long updateTime)
    {
        first.onOpenOrder(timestamp, requestId, accountId, orderId, clientOrderId, instrumentId, orderCount, place,
            side, timeInForce, price, quantity, originalQuantity, entryTime, postOnly, filledNotional, updateTime);
        second.onOpenOrder(timestamp, requestId, accountId, orderId, clientOrderId, instrumentId, orderCount, place,
            side, timeInForce, price, quantity, originalQuantity, entryTime, postOnly, filledNotional, updateTime);
    }
}
