package io.disruptorx.engine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The deterministic engine: instruments, accounts, pre-trade risk and one order book per instrument.
 * One thread owns it. It reads no clock and no random; time arrives in each command.
 */
public final class MatchingEngine
{
    /**
     * @param config   settings.
     * @param listener receives every event.
     */
    public MatchingEngine(final EngineConfig config, final EngineListener listener)
    {
    }

    /** AddInstrument. */
    public void addInstrument(
        final long timestamp,
        final int instrumentId,
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
    }

    /** AdjustBalance. */
    public void adjustBalance(final long timestamp, final long accountId, final int assetId, final long amount)
    {
    }

    /** SetRiskLimits. */
    public void setRiskLimits(
        final long timestamp,
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final boolean killSwitch)
    {
    }

    /** HaltInstrument. */
    public void haltInstrument(final long timestamp, final int instrumentId)
    {
    }

    /** ResumeInstrument. */
    public void resumeInstrument(final long timestamp, final int instrumentId)
    {
    }

    /** EndOfDay. */
    public void endOfDay(final long timestamp, final int instrumentId)
    {
    }

    /** TakeSnapshot. */
    public void takeSnapshot(final long timestamp, final long snapshotId)
    {
    }

    /** NewOrder. */
    public void newOrder(
        final long timestamp,
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention,
        final long price,
        final long quantity)
    {
    }

    /** CancelOrder. */
    public void cancelOrder(final long timestamp, final long accountId, final long requestId, final long orderId)
    {
    }

    /** ReplaceOrder. */
    public void replaceOrder(
        final long timestamp,
        final long accountId,
        final long requestId,
        final long orderId,
        final long newPrice,
        final long newQuantity)
    {
    }

    /** MassCancel. */
    public void massCancel(final long timestamp, final long accountId, final int instrumentId, final long requestId)
    {
    }

    /** @return bytes written. */
    public int snapshot(final MutableDirectBuffer buffer, final int offset)
    {
        return 0;
    }

    /** Restore. */
    public void restore(final DirectBuffer buffer, final int offset, final int length)
    {
    }
}
