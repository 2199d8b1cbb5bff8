package io.disruptorx.engine.sbe;

import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes each command with {@link SbeCommandEncoder} at a fixed offset of one buffer and hands the message to a
 * handler: a dispatcher, a decoder, or anything else that reads commands.
 */
final class SbeCommands implements Commands
{
    static final int OFFSET = 24;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + SbeCommandEncoder.MAX_LENGTH + 40]);
    private final EncodedMessageHandler handler;

    SbeCommands(final EncodedMessageHandler handler)
    {
        this.handler = handler;
    }

    static SbeCommands into(final SbeCommandDispatcher dispatcher)
    {
        return new SbeCommands(dispatcher::dispatch);
    }

    private void send(final int length)
    {
        handler.onMessage(buffer, OFFSET, length);
    }

    @Override
    public void addInstrument(
        final long timestamp, final int instrumentId, final int baseAssetId, final int quoteAssetId,
        final long tickSize, final long lotSize, final int priceScale, final int quantityScale,
        final long makerFeePerLot, final long takerFeePerLot, final long referencePrice, final int priceBandBps,
        final int marketProtectionBps, final InstrumentState initialState)
    {
        send(encoder.addInstrument(buffer, OFFSET, timestamp, instrumentId, baseAssetId, quoteAssetId, tickSize,
            lotSize, priceScale, quantityScale, makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps,
            marketProtectionBps, initialState));
    }

    @Override
    public void adjustBalance(final long timestamp, final long accountId, final int assetId, final long amount)
    {
        send(encoder.adjustBalance(buffer, OFFSET, timestamp, accountId, assetId, amount));
    }

    @Override
    public void setRiskLimits(
        final long timestamp, final long accountId, final long maxOrderQuantity, final long maxOrderNotional,
        final boolean killSwitch)
    {
        send(encoder.setRiskLimits(buffer, OFFSET, timestamp, accountId, maxOrderQuantity, maxOrderNotional,
            killSwitch));
    }

    @Override
    public void haltInstrument(final long timestamp, final int instrumentId)
    {
        send(encoder.haltInstrument(buffer, OFFSET, timestamp, instrumentId));
    }

    @Override
    public void resumeInstrument(final long timestamp, final int instrumentId)
    {
        send(encoder.resumeInstrument(buffer, OFFSET, timestamp, instrumentId));
    }

    @Override
    public void endOfDay(final long timestamp, final int instrumentId)
    {
        send(encoder.endOfDay(buffer, OFFSET, timestamp, instrumentId));
    }

    @Override
    public void takeSnapshot(final long timestamp, final long snapshotId)
    {
        send(encoder.takeSnapshot(buffer, OFFSET, timestamp, snapshotId));
    }

    @Override
    public void newOrder(
        final long timestamp, final long accountId, final long clientOrderId, final int instrumentId,
        final Side side, final OrderType type, final TimeInForce timeInForce, final boolean postOnly,
        final SelfTradePrevention selfTradePrevention, final long price, final long quantity)
    {
        send(encoder.newOrder(buffer, OFFSET, timestamp, accountId, clientOrderId, instrumentId, side, type,
            timeInForce, postOnly, selfTradePrevention, price, quantity));
    }

    @Override
    public void cancelOrder(
        final long timestamp, final long accountId, final long requestId, final long orderId, final long clientOrderId)
    {
        send(encoder.cancelOrder(buffer, OFFSET, timestamp, accountId, requestId, orderId, clientOrderId));
    }

    @Override
    public void replaceOrder(
        final long timestamp, final long accountId, final long requestId, final long orderId, final long newPrice,
        final long newQuantity, final long clientOrderId)
    {
        send(encoder.replaceOrder(
            buffer, OFFSET, timestamp, accountId, requestId, orderId, newPrice, newQuantity, clientOrderId));
    }

    @Override
    public void massCancel(final long timestamp, final long accountId, final int instrumentId, final long requestId,
        final boolean restoredOnly)
    {
        send(encoder.massCancel(buffer, OFFSET, timestamp, accountId, instrumentId, requestId, restoredOnly));
    }
}
