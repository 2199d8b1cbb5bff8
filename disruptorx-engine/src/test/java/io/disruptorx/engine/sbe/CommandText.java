package io.disruptorx.engine.sbe;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * Records each command as one line with every argument.
 */
final class CommandText implements Commands
{
    private final List<String> lines = new ArrayList<>();

    List<String> lines()
    {
        return lines;
    }

    private void record(final String name, final Object... arguments)
    {
        final StringBuilder line = new StringBuilder(name).append('(');
        for (int i = 0; i < arguments.length; i++)
        {
            line.append(i == 0 ? "" : ", ").append(arguments[i]);
        }
        lines.add(line.append(')').toString());
    }

    @Override
    public void addInstrument(
        final long timestamp, final int instrumentId, final int baseAssetId, final int quoteAssetId,
        final long tickSize, final long lotSize, final int priceScale, final int quantityScale,
        final long makerFeePerLot, final long takerFeePerLot, final long referencePrice, final int priceBandBps,
        final int marketProtectionBps, final InstrumentState initialState)
    {
        record("addInstrument", timestamp, instrumentId, baseAssetId, quoteAssetId, tickSize, lotSize, priceScale,
            quantityScale, makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps, marketProtectionBps,
            initialState);
    }

    @Override
    public void adjustBalance(final long timestamp, final long accountId, final int assetId, final long amount)
    {
        record("adjustBalance", timestamp, accountId, assetId, amount);
    }

    @Override
    public void setRiskLimits(
        final long timestamp, final long accountId, final long maxOrderQuantity, final long maxOrderNotional,
        final boolean killSwitch)
    {
        record("setRiskLimits", timestamp, accountId, maxOrderQuantity, maxOrderNotional, killSwitch);
    }

    @Override
    public void haltInstrument(final long timestamp, final int instrumentId)
    {
        record("haltInstrument", timestamp, instrumentId);
    }

    @Override
    public void resumeInstrument(final long timestamp, final int instrumentId)
    {
        record("resumeInstrument", timestamp, instrumentId);
    }

    @Override
    public void endOfDay(final long timestamp, final int instrumentId)
    {
        record("endOfDay", timestamp, instrumentId);
    }

    @Override
    public void takeSnapshot(final long timestamp, final long snapshotId)
    {
        record("takeSnapshot", timestamp, snapshotId);
    }

    @Override
    public void newOrder(
        final long timestamp, final long accountId, final long clientOrderId, final int instrumentId,
        final Side side, final OrderType type, final TimeInForce timeInForce, final boolean postOnly,
        final SelfTradePrevention selfTradePrevention, final long price, final long quantity)
    {
        record("newOrder", timestamp, accountId, clientOrderId, instrumentId, side, type, timeInForce, postOnly,
            selfTradePrevention, price, quantity);
    }

    @Override
    public void cancelOrder(
        final long timestamp, final long accountId, final long requestId, final long orderId, final long clientOrderId)
    {
        record("cancelOrder", timestamp, accountId, requestId, orderId, clientOrderId);
    }

    @Override
    public void replaceOrder(
        final long timestamp, final long accountId, final long requestId, final long orderId, final long newPrice,
        final long newQuantity, final long clientOrderId)
    {
        record("replaceOrder", timestamp, accountId, requestId, orderId, newPrice, newQuantity, clientOrderId);
    }

    @Override
    public void massCancel(final long timestamp, final long accountId, final int instrumentId, final long requestId,
        final boolean restoredOnly)
    {
        record("massCancel", timestamp, accountId, instrumentId, requestId, restoredOnly);
    }
}
