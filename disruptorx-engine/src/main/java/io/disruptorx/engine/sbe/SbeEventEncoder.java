package io.disruptorx.engine.sbe;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import io.disruptorx.protocol.sbe.event.AccountBalanceEncoder;
import io.disruptorx.protocol.sbe.event.AdminResultEncoder;
import io.disruptorx.protocol.sbe.event.BookReadEncoder;
import io.disruptorx.protocol.sbe.event.BookReadOrderEncoder;
import io.disruptorx.protocol.sbe.event.BooleanType;
import io.disruptorx.protocol.sbe.event.CancelRejectedEncoder;
import io.disruptorx.protocol.sbe.event.InstrumentStatusEncoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.event.OpenOrderEncoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedEncoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledEncoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedEncoder;
import io.disruptorx.protocol.sbe.event.OrderReplacedEncoder;
import io.disruptorx.protocol.sbe.event.SnapshotRequestedEncoder;
import io.disruptorx.protocol.sbe.event.TradeEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * The engine's listener that writes every event as one SBE message into an {@link EventSink}: execution events
 * from the events schema (id 2) into the execution sink, market data incrementals from the market data schema
 * (id 3) into the market data sink (which may be the same sink). Reusable flyweights, no allocation per event.
 *
 * <p>Each claimed region is zeroed before encoding so the alignment padding between fields is zero too: the
 * same events give the same bytes on every replica, whatever the sink's buffer held before.
 *
 * <p>A {@code null} enum argument is encoded as the SBE null value (255); the engine never passes one.
 */
public final class SbeEventEncoder implements EngineListener
{
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;

    private final EventSink sink;
    private final EventSink marketDataSink;
    private final MarketDataEncoder marketData = new MarketDataEncoder();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OrderAcceptedEncoder orderAccepted = new OrderAcceptedEncoder();
    private final OrderRejectedEncoder orderRejected = new OrderRejectedEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final OrderCancelledEncoder orderCancelled = new OrderCancelledEncoder();
    private final OrderReplacedEncoder orderReplaced = new OrderReplacedEncoder();
    private final CancelRejectedEncoder cancelRejected = new CancelRejectedEncoder();
    private final InstrumentStatusEncoder instrumentStatus = new InstrumentStatusEncoder();
    private final AdminResultEncoder adminResult = new AdminResultEncoder();
    private final SnapshotRequestedEncoder snapshotRequested = new SnapshotRequestedEncoder();
    private final AccountBalanceEncoder accountBalance = new AccountBalanceEncoder();
    private final BookReadEncoder bookRead = new BookReadEncoder();
    private final BookReadOrderEncoder bookReadOrder = new BookReadOrderEncoder();
    private final OpenOrderEncoder openOrder = new OpenOrderEncoder();

    /**
     * @param sink receives execution events and market data alike (tell them apart by schema id).
     */
    public SbeEventEncoder(final EventSink sink)
    {
        this(sink, sink);
    }

    /**
     * @param executionSink  receives execution events.
     * @param marketDataSink receives market data incrementals.
     */
    public SbeEventEncoder(final EventSink executionSink, final EventSink marketDataSink)
    {
        this.sink = executionSink;
        this.marketDataSink = marketDataSink;
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
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + OrderAcceptedEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        orderAccepted.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header)
            .timestamp(timestamp)
            .orderId(orderId)
            .clientOrderId(clientOrderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .side(side(side))
            .orderType(orderType(type))
            .timeInForce(timeInForce(timeInForce))
            .price(price)
            .quantity(quantity);
        sink.commit();
    }

    @Override
    public void onOrderRejected(
        final long timestamp,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final RejectReason reason)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + OrderRejectedEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        orderRejected.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header)
            .timestamp(timestamp)
            .clientOrderId(clientOrderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .reason(rejectReason(reason));
        sink.commit();
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
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + TradeEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        trade.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header)
            .timestamp(timestamp)
            .tradeId(tradeId)
            .instrumentId(instrumentId)
            .price(price)
            .quantity(quantity)
            .takerSide(side(takerSide))
            .makerOrderId(makerOrderId)
            .makerAccountId(makerAccountId)
            .makerRemaining(makerRemaining)
            .makerFee(makerFee)
            .takerOrderId(takerOrderId)
            .takerAccountId(takerAccountId)
            .takerRemaining(takerRemaining)
            .takerFee(takerFee);
        sink.commit();
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
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + OrderCancelledEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        orderCancelled.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header)
            .timestamp(timestamp)
            .orderId(orderId)
            .clientOrderId(clientOrderId)
            .requestId(requestId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .cancelledQuantity(cancelledQuantity)
            .reason(cancelReason(reason));
        sink.commit();
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
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + OrderReplacedEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        orderReplaced.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header)
            .timestamp(timestamp)
            .orderId(orderId)
            .requestId(requestId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .price(price)
            .quantity(quantity)
            .priorityKept(priorityKept ? BooleanType.TRUE : BooleanType.FALSE);
        sink.commit();
    }

    @Override
    public void onCancelRejected(
        final long timestamp, final long orderId, final long requestId, final long accountId, final RejectReason reason)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + CancelRejectedEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        cancelRejected.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header)
            .timestamp(timestamp)
            .orderId(orderId)
            .requestId(requestId)
            .accountId(accountId)
            .reason(rejectReason(reason));
        sink.commit();
    }

    @Override
    public void onAdminResult(
        final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
    {
        onTransferResult(timestamp, type, subjectId, result, 0, 0, 0);
    }

    @Override
    public void onTransferResult(final long timestamp, final AdminType type, final long subjectId,
        final RejectReason result, final long accountId, final int assetId, final long moved)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + AdminResultEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        adminResult.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header)
            .timestamp(timestamp).adminType(adminType(type)).subjectId(subjectId).result(rejectReason(result))
            .accountId(accountId).assetId(assetId).moved(moved);
        sink.commit();
    }

    @Override
    public void onSnapshotRequested(final long timestamp, final long snapshotId)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + SnapshotRequestedEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        snapshotRequested.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header)
            .timestamp(timestamp).snapshotId(snapshotId);
        sink.commit();
    }

    @Override
    public void onAccountBalance(final long timestamp, final long requestId, final long accountId, final int assetId,
        final int assetCount, final long free, final long locked, final long inTransfer)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + AccountBalanceEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        accountBalance.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header)
            .timestamp(timestamp)
            .requestId(requestId)
            .accountId(accountId)
            .free(free)
            .locked(locked)
            .assetId(assetId)
            .assetCount(assetCount)
            .inTransfer(inTransfer);
        sink.commit();
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
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + BookReadEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        bookRead.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header)
            .timestamp(timestamp).requestId(requestId).instrumentId(instrumentId).orderCount(orderCount)
            .baseAssetId(baseAssetId).quoteAssetId(quoteAssetId).tickSize(tickSize).lotSize(lotSize)
            .priceScale(priceScale).quantityScale(quantityScale).makerFeePerLot(makerFeePerLot)
            .takerFeePerLot(takerFeePerLot).referencePrice(referencePrice).priceBandBps(priceBandBps)
            .marketProtectionBps(marketProtectionBps);
        sink.commit();
    }

    @Override
    public void onBookReadOrder(final long timestamp, final long requestId, final int place, final long orderId,
        final long accountId, final long clientOrderId, final int instrumentId, final Side side,
        final TimeInForce timeInForce, final long price, final long quantity, final long entryTime,
        final int heldAssetId, final long hold, final long filledQuantity, final long filledNotional,
        final long updateTime, final boolean postOnly, final SelfTradePrevention selfTradePrevention)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + BookReadOrderEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        bookReadOrder.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header)
            .timestamp(timestamp).requestId(requestId).orderId(orderId).accountId(accountId)
            .clientOrderId(clientOrderId).instrumentId(instrumentId).place(place).side(side(side))
            .timeInForce(timeInForce(timeInForce)).heldAssetId(heldAssetId).price(price).quantity(quantity)
            .entryTime(entryTime).hold(hold).filledQuantity(filledQuantity).filledNotional(filledNotional)
            .updateTime(updateTime).postOnly(postOnly ? BooleanType.TRUE : BooleanType.FALSE)
            .selfTradePrevention(null == selfTradePrevention ?
                io.disruptorx.protocol.sbe.event.SelfTradePrevention.NULL_VAL :
                io.disruptorx.protocol.sbe.event.SelfTradePrevention.get((short) selfTradePrevention.code()));
        sink.commit();
    }

    @Override
    public void onOpenOrder(final long timestamp, final long requestId, final long accountId, final long orderId,
        final long clientOrderId, final int instrumentId, final int orderCount, final int place, final Side side,
        final TimeInForce timeInForce, final long price, final long quantity, final long originalQuantity,
        final long entryTime, final boolean postOnly, final long filledNotional, final long updateTime)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + OpenOrderEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        openOrder.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header).timestamp(timestamp)
            .requestId(requestId).accountId(accountId).orderId(orderId).clientOrderId(clientOrderId)
            .instrumentId(instrumentId).orderCount(orderCount).place(place).side(side(side))
            .timeInForce(timeInForce(timeInForce)).price(price).quantity(quantity).originalQuantity(originalQuantity)
            .entryTime(entryTime).filledNotional(filledNotional).updateTime(updateTime)
            .postOnly(postOnly ? BooleanType.TRUE : BooleanType.FALSE);
        sink.commit();
    }

    @Override
    public void onInstrumentStatus(final long timestamp, final int instrumentId, final InstrumentState state)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + InstrumentStatusEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        instrumentStatus.wrapAndApplyHeader(zeroed(sink.buffer(), offset, length), offset, header)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .state(instrumentState(state));
        sink.commit();
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
        final EventSink sink = this.marketDataSink;
        final int offset = sink.claim(MarketDataEncoder.ORDER_ADDED_LENGTH);
        marketData.orderAdded(
            sink.buffer(), offset, feedSequence, timestamp, instrumentId, orderId, code(side), price, quantity);
        sink.commit();
    }

    @Override
    public void onBookOrderModified(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId, final long quantity)
    {
        final EventSink sink = this.marketDataSink;
        final int offset = sink.claim(MarketDataEncoder.ORDER_MODIFIED_LENGTH);
        marketData.orderModified(sink.buffer(), offset, feedSequence, timestamp, instrumentId, orderId, quantity);
        sink.commit();
    }

    @Override
    public void onBookOrderDeleted(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId)
    {
        final EventSink sink = this.marketDataSink;
        final int offset = sink.claim(MarketDataEncoder.ORDER_DELETED_LENGTH);
        marketData.orderDeleted(sink.buffer(), offset, feedSequence, timestamp, instrumentId, orderId);
        sink.commit();
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
        final EventSink sink = this.marketDataSink;
        final int offset = sink.claim(MarketDataEncoder.TRADE_LENGTH);
        marketData.trade(sink.buffer(), offset, feedSequence, timestamp, instrumentId, tradeId, price, quantity,
            code(aggressorSide));
        sink.commit();
    }

    @Override
    public void onMarketStatus(
        final long feedSequence, final long timestamp, final int instrumentId, final InstrumentState state)
    {
        final EventSink sink = this.marketDataSink;
        final int offset = sink.claim(MarketDataEncoder.INSTRUMENT_STATUS_LENGTH);
        marketData.instrumentStatus(sink.buffer(), offset, feedSequence, timestamp, instrumentId,
            null == state ? MarketDataEncoder.NULL_CODE : (short)state.code());
        sink.commit();
    }

    static MutableDirectBuffer zeroed(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        buffer.setMemory(offset, length, (byte) 0);
        return buffer;
    }

    private static short code(final Side value)
    {
        return null == value ? MarketDataEncoder.NULL_CODE : (short)value.code();
    }

    private static io.disruptorx.protocol.sbe.event.Side side(final Side value)
    {
        return null == value ?
            io.disruptorx.protocol.sbe.event.Side.NULL_VAL :
            io.disruptorx.protocol.sbe.event.Side.get((short) value.code());
    }

    private static io.disruptorx.protocol.sbe.event.OrderType orderType(final OrderType value)
    {
        return null == value ?
            io.disruptorx.protocol.sbe.event.OrderType.NULL_VAL :
            io.disruptorx.protocol.sbe.event.OrderType.get((short) value.code());
    }

    private static io.disruptorx.protocol.sbe.event.TimeInForce timeInForce(final TimeInForce value)
    {
        return null == value ?
            io.disruptorx.protocol.sbe.event.TimeInForce.NULL_VAL :
            io.disruptorx.protocol.sbe.event.TimeInForce.get((short) value.code());
    }

    private static io.disruptorx.protocol.sbe.event.RejectReason rejectReason(final RejectReason value)
    {
        return null == value ?
            io.disruptorx.protocol.sbe.event.RejectReason.NULL_VAL :
            io.disruptorx.protocol.sbe.event.RejectReason.get((short) value.code());
    }

    private static io.disruptorx.protocol.sbe.event.CancelReason cancelReason(final CancelReason value)
    {
        return null == value ?
            io.disruptorx.protocol.sbe.event.CancelReason.NULL_VAL :
            io.disruptorx.protocol.sbe.event.CancelReason.get((short) value.code());
    }

    private static io.disruptorx.protocol.sbe.event.AdminType adminType(final AdminType value)
    {
        return null == value ?
            io.disruptorx.protocol.sbe.event.AdminType.NULL_VAL :
            io.disruptorx.protocol.sbe.event.AdminType.get((short) value.code());
    }

    private static io.disruptorx.protocol.sbe.event.InstrumentState instrumentState(final InstrumentState value)
    {
        return null == value ?
            io.disruptorx.protocol.sbe.event.InstrumentState.NULL_VAL :
            io.disruptorx.protocol.sbe.event.InstrumentState.get((short) value.code());
    }
}
