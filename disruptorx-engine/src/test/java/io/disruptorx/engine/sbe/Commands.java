package io.disruptorx.engine.sbe;

import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * The engine's commands with {@link MatchingEngine}'s signatures, so one generated command stream can drive a
 * real engine directly, an engine through SBE, or a text log.
 */
interface Commands
{
    void addInstrument(
        long timestamp, int instrumentId, int baseAssetId, int quoteAssetId, long tickSize, long lotSize,
        int priceScale, int quantityScale, long makerFeePerLot, long takerFeePerLot, long referencePrice,
        int priceBandBps, int marketProtectionBps, InstrumentState initialState);

    void adjustBalance(long timestamp, long accountId, int assetId, long amount);

    void setRiskLimits(
        long timestamp, long accountId, long maxOrderQuantity, long maxOrderNotional, boolean killSwitch);

    void haltInstrument(long timestamp, int instrumentId);

    void resumeInstrument(long timestamp, int instrumentId);

    void endOfDay(long timestamp, int instrumentId);

    void takeSnapshot(long timestamp, long snapshotId);

    void newOrder(
        long timestamp, long accountId, long clientOrderId, int instrumentId, Side side, OrderType type,
        TimeInForce timeInForce, boolean postOnly, SelfTradePrevention selfTradePrevention, long price,
        long quantity);

    void cancelOrder(long timestamp, long accountId, long requestId, long orderId, long clientOrderId);

    void replaceOrder(
        long timestamp, long accountId, long requestId, long orderId, long newPrice, long newQuantity,
        long clientOrderId);

    /** A cancel of an order named by its order id. */
    default void cancelOrder(final long timestamp, final long accountId, final long requestId, final long orderId)
    {
        cancelOrder(timestamp, accountId, requestId, orderId, 0);
    }

    /** A replace of an order named by its order id. */
    default void replaceOrder(
        final long timestamp, final long accountId, final long requestId, final long orderId, final long newPrice,
        final long newQuantity)
    {
        replaceOrder(timestamp, accountId, requestId, orderId, newPrice, newQuantity, 0);
    }

    void massCancel(long timestamp, long accountId, int instrumentId, long requestId, boolean restoredOnly);

    /** Calls the engine directly. */
    static Commands direct(final MatchingEngine engine)
    {
        return new Commands()
        {
            public void addInstrument(
                final long timestamp, final int instrumentId, final int baseAssetId, final int quoteAssetId,
                final long tickSize, final long lotSize, final int priceScale, final int quantityScale,
                final long makerFeePerLot, final long takerFeePerLot, final long referencePrice,
                final int priceBandBps, final int marketProtectionBps, final InstrumentState initialState)
            {
                engine.addInstrument(timestamp, instrumentId, baseAssetId, quoteAssetId, tickSize, lotSize,
                    priceScale, quantityScale, makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps,
                    marketProtectionBps, initialState);
            }

            public void adjustBalance(final long timestamp, final long accountId, final int assetId, final long amount)
            {
                engine.adjustBalance(timestamp, accountId, assetId, amount);
            }

            public void setRiskLimits(
                final long timestamp, final long accountId, final long maxOrderQuantity,
                final long maxOrderNotional, final boolean killSwitch)
            {
                engine.setRiskLimits(timestamp, accountId, maxOrderQuantity, maxOrderNotional, killSwitch);
            }

            public void haltInstrument(final long timestamp, final int instrumentId)
            {
                engine.haltInstrument(timestamp, instrumentId);
            }

            public void resumeInstrument(final long timestamp, final int instrumentId)
            {
                engine.resumeInstrument(timestamp, instrumentId);
            }

            public void endOfDay(final long timestamp, final int instrumentId)
            {
                engine.endOfDay(timestamp, instrumentId);
            }

            public void takeSnapshot(final long timestamp, final long snapshotId)
            {
                engine.takeSnapshot(timestamp, snapshotId);
            }

            public void newOrder(
                final long timestamp, final long accountId, final long clientOrderId, final int instrumentId,
                final Side side, final OrderType type, final TimeInForce timeInForce, final boolean postOnly,
                final SelfTradePrevention selfTradePrevention, final long price, final long quantity)
            {
                engine.newOrder(timestamp, accountId, clientOrderId, instrumentId, side, type, timeInForce, postOnly,
                    selfTradePrevention, price, quantity);
            }

            public void cancelOrder(
                final long timestamp, final long accountId, final long requestId, final long orderId,
                final long clientOrderId)
            {
                engine.cancelOrder(timestamp, accountId, requestId, orderId, clientOrderId);
            }

            public void replaceOrder(
                final long timestamp, final long accountId, final long requestId, final long orderId,
                final long newPrice, final long newQuantity, final long clientOrderId)
            {
                engine.replaceOrder(timestamp, accountId, requestId, orderId, newPrice, newQuantity, clientOrderId);
            }

            public void massCancel(final long timestamp, final long accountId, final int instrumentId,
                final long requestId, final boolean restoredOnly)
            {
                engine.massCancel(timestamp, accountId, instrumentId, requestId, restoredOnly);
            }
        };
    }
}
