package io.disruptorx.engine.sbe;

import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.AddInstrumentEncoder;
import io.disruptorx.protocol.sbe.command.AdjustBalanceEncoder;
import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.CancelOrderEncoder;
import io.disruptorx.protocol.sbe.command.EndOfDayEncoder;
import io.disruptorx.protocol.sbe.command.HaltInstrumentEncoder;
import io.disruptorx.protocol.sbe.command.MassCancelEncoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.NewOrderEncoder;
import io.disruptorx.protocol.sbe.command.ReplaceOrderEncoder;
import io.disruptorx.protocol.sbe.command.RestoreOrderEncoder;
import io.disruptorx.protocol.sbe.command.ResumeInstrumentEncoder;
import io.disruptorx.protocol.sbe.command.SetRiskLimitsEncoder;
import io.disruptorx.protocol.sbe.command.TakeSnapshotEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Writes each engine command as one SBE message (header and body) into a caller's buffer, with the same
 * arguments as the {@link io.disruptorx.engine.MatchingEngine} method it stands for. For tests, the CLI and
 * benchmarks; reusable flyweights, no allocation per call. Each method returns the bytes written.
 *
 * <p>The message region is zeroed first, so alignment padding is zero and equal commands are equal bytes.
 * A {@code null} enum is written as the SBE null value (255), which the engine receives as {@code null}.
 *
 * <p>The commands between shards (TransferOut, TransferIn, SettleTransfer, MoveOut, RestoreOrder) are inherited
 * from {@link SbeShardCommandEncoder}.
 */
public final class SbeCommandEncoder extends SbeShardCommandEncoder
{
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;

    /** Length of the longest command, header included. */
    public static final int MAX_LENGTH = HEADER_LENGTH + RestoreOrderEncoder.BLOCK_LENGTH;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replaceOrder = new ReplaceOrderEncoder();
    private final MassCancelEncoder massCancel = new MassCancelEncoder();
    private final AddInstrumentEncoder addInstrument = new AddInstrumentEncoder();
    private final AdjustBalanceEncoder adjustBalance = new AdjustBalanceEncoder();
    private final SetRiskLimitsEncoder setRiskLimits = new SetRiskLimitsEncoder();
    private final HaltInstrumentEncoder haltInstrument = new HaltInstrumentEncoder();
    private final ResumeInstrumentEncoder resumeInstrument = new ResumeInstrumentEncoder();
    private final TakeSnapshotEncoder takeSnapshot = new TakeSnapshotEncoder();
    private final EndOfDayEncoder endOfDay = new EndOfDayEncoder();

    /**
     * NewOrder.
     *
     * @return bytes written.
     */
    public int newOrder(
        final MutableDirectBuffer buffer,
        final int offset,
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
        final int length = HEADER_LENGTH + NewOrderEncoder.BLOCK_LENGTH;
        newOrder.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .accountId(accountId)
            .clientOrderId(clientOrderId)
            .instrumentId(instrumentId)
            .side(null == side ?
                io.disruptorx.protocol.sbe.command.Side.NULL_VAL :
                io.disruptorx.protocol.sbe.command.Side.get((short) side.code()))
            .orderType(null == type ?
                io.disruptorx.protocol.sbe.command.OrderType.NULL_VAL :
                io.disruptorx.protocol.sbe.command.OrderType.get((short) type.code()))
            .timeInForce(null == timeInForce ?
                io.disruptorx.protocol.sbe.command.TimeInForce.NULL_VAL :
                io.disruptorx.protocol.sbe.command.TimeInForce.get((short) timeInForce.code()))
            .postOnly(postOnly ? BooleanType.TRUE : BooleanType.FALSE)
            .selfTradePrevention(null == selfTradePrevention ?
                io.disruptorx.protocol.sbe.command.SelfTradePrevention.NULL_VAL :
                io.disruptorx.protocol.sbe.command.SelfTradePrevention.get((short) selfTradePrevention.code()))
            .price(price)
            .quantity(quantity);
        return length;
    }

    /**
     * CancelOrder of an order named by its engine order id (client order id 0).
     *
     * @return bytes written.
     */
    public int cancelOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestamp,
        final long accountId,
        final long requestId,
        final long orderId)
    {
        return cancelOrder(buffer, offset, timestamp, accountId, requestId, orderId, 0);
    }

    /**
     * CancelOrder; with {@code orderId} 0 the engine finds the order by account and client order id.
     *
     * @return bytes written.
     */
    public int cancelOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestamp,
        final long accountId,
        final long requestId,
        final long orderId,
        final long clientOrderId)
    {
        final int length = HEADER_LENGTH + CancelOrderEncoder.BLOCK_LENGTH;
        cancelOrder.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .accountId(accountId)
            .requestId(requestId)
            .orderId(orderId)
            .clientOrderId(clientOrderId);
        return length;
    }

    /**
     * ReplaceOrder of an order named by its engine order id (client order id 0).
     *
     * @return bytes written.
     */
    public int replaceOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestamp,
        final long accountId,
        final long requestId,
        final long orderId,
        final long newPrice,
        final long newQuantity)
    {
        return replaceOrder(buffer, offset, timestamp, accountId, requestId, orderId, newPrice, newQuantity, 0);
    }

    /**
     * ReplaceOrder; with {@code orderId} 0 the engine finds the order by account and client order id.
     *
     * @return bytes written.
     */
    public int replaceOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestamp,
        final long accountId,
        final long requestId,
        final long orderId,
        final long newPrice,
        final long newQuantity,
        final long clientOrderId)
    {
        final int length = HEADER_LENGTH + ReplaceOrderEncoder.BLOCK_LENGTH;
        replaceOrder.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .accountId(accountId)
            .requestId(requestId)
            .orderId(orderId)
            .newPrice(newPrice)
            .newQuantity(newQuantity)
            .clientOrderId(clientOrderId);
        return length;
    }

    /**
     * MassCancel of every matching order.
     *
     * @return bytes written.
     */
    public int massCancel(final MutableDirectBuffer buffer, final int offset, final long timestamp,
        final long accountId, final int instrumentId, final long requestId)
    {
        return massCancel(buffer, offset, timestamp, accountId, instrumentId, requestId, false);
    }

    /**
     * MassCancel; {@code restoredOnly}: of the orders a move restored only ({@code MatchingEngine.massCancel}).
     *
     * @return bytes written.
     */
    public int massCancel(final MutableDirectBuffer buffer, final int offset, final long timestamp,
        final long accountId, final int instrumentId, final long requestId, final boolean restoredOnly)
    {
        final int length = HEADER_LENGTH + MassCancelEncoder.BLOCK_LENGTH;
        massCancel.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp).accountId(accountId).instrumentId(instrumentId).requestId(requestId)
            .restoredOnly(restoredOnly ? BooleanType.TRUE : BooleanType.FALSE);
        return length;
    }

    /**
     * AddInstrument of an instrument that starts trading at once.
     *
     * @return bytes written.
     */
    public int addInstrument(final MutableDirectBuffer buffer, final int offset, final long timestamp,
        final int instrumentId, final int baseAssetId, final int quoteAssetId, final long tickSize, final long lotSize,
        final int priceScale, final int quantityScale, final long makerFeePerLot, final long takerFeePerLot,
        final long referencePrice, final int priceBandBps, final int marketProtectionBps)
    {
        return addInstrument(buffer, offset, timestamp, instrumentId, baseAssetId, quoteAssetId, tickSize, lotSize,
            priceScale, quantityScale, makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps,
            marketProtectionBps, InstrumentState.TRADING);
    }

    /**
     * AddInstrument listing the instrument in the given state (HALTED: until a ResumeInstrument).
     *
     * @return bytes written.
     */
    public int addInstrument(final MutableDirectBuffer buffer, final int offset, final long timestamp,
        final int instrumentId, final int baseAssetId, final int quoteAssetId, final long tickSize, final long lotSize,
        final int priceScale, final int quantityScale, final long makerFeePerLot, final long takerFeePerLot,
        final long referencePrice, final int priceBandBps, final int marketProtectionBps,
        final InstrumentState initialState)
    {
        final int length = HEADER_LENGTH + AddInstrumentEncoder.BLOCK_LENGTH;
        addInstrument.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp).instrumentId(instrumentId).baseAssetId(baseAssetId).quoteAssetId(quoteAssetId)
            .tickSize(tickSize).lotSize(lotSize).priceScale(priceScale).quantityScale(quantityScale)
            .makerFeePerLot(makerFeePerLot).takerFeePerLot(takerFeePerLot).referencePrice(referencePrice)
            .priceBandBps(priceBandBps).marketProtectionBps(marketProtectionBps)
            .initialState(null == initialState ? io.disruptorx.protocol.sbe.command.InstrumentState.NULL_VAL :
                io.disruptorx.protocol.sbe.command.InstrumentState.get((short) initialState.code()));
        return length;
    }

    /**
     * AdjustBalance: a positive amount deposits, a negative one withdraws.
     *
     * @return bytes written.
     */
    public int adjustBalance(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestamp,
        final long accountId,
        final int assetId,
        final long amount)
    {
        final int length = HEADER_LENGTH + AdjustBalanceEncoder.BLOCK_LENGTH;
        adjustBalance.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .accountId(accountId)
            .assetId(assetId)
            .amount(amount);
        return length;
    }

    /**
     * SetRiskLimits.
     *
     * @return bytes written.
     */
    public int setRiskLimits(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestamp,
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final boolean killSwitch)
    {
        final int length = HEADER_LENGTH + SetRiskLimitsEncoder.BLOCK_LENGTH;
        setRiskLimits.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .accountId(accountId)
            .maxOrderQuantity(maxOrderQuantity)
            .maxOrderNotional(maxOrderNotional)
            .killSwitch(killSwitch ? BooleanType.TRUE : BooleanType.FALSE);
        return length;
    }

    /**
     * HaltInstrument.
     *
     * @return bytes written.
     */
    public int haltInstrument(
        final MutableDirectBuffer buffer, final int offset, final long timestamp, final int instrumentId)
    {
        final int length = HEADER_LENGTH + HaltInstrumentEncoder.BLOCK_LENGTH;
        haltInstrument.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .instrumentId(instrumentId);
        return length;
    }

    /**
     * ResumeInstrument.
     *
     * @return bytes written.
     */
    public int resumeInstrument(
        final MutableDirectBuffer buffer, final int offset, final long timestamp, final int instrumentId)
    {
        final int length = HEADER_LENGTH + ResumeInstrumentEncoder.BLOCK_LENGTH;
        resumeInstrument.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .instrumentId(instrumentId);
        return length;
    }

    /**
     * TakeSnapshot.
     *
     * @return bytes written.
     */
    public int takeSnapshot(
        final MutableDirectBuffer buffer, final int offset, final long timestamp, final long snapshotId)
    {
        final int length = HEADER_LENGTH + TakeSnapshotEncoder.BLOCK_LENGTH;
        takeSnapshot.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .snapshotId(snapshotId);
        return length;
    }

    /**
     * EndOfDay: instrument 0 means all.
     *
     * @return bytes written.
     */
    public int endOfDay(
        final MutableDirectBuffer buffer, final int offset, final long timestamp, final int instrumentId)
    {
        final int length = HEADER_LENGTH + EndOfDayEncoder.BLOCK_LENGTH;
        endOfDay.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .instrumentId(instrumentId);
        return length;
    }
}
