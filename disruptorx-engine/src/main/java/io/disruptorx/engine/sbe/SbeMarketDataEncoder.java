package io.disruptorx.engine.sbe;

import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.marketdata.InstrumentStatusEncoder;
import io.disruptorx.protocol.sbe.marketdata.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.marketdata.OrderAddedEncoder;
import io.disruptorx.protocol.sbe.marketdata.OrderDeletedEncoder;
import io.disruptorx.protocol.sbe.marketdata.OrderModifiedEncoder;
import io.disruptorx.protocol.sbe.marketdata.TradeEncoder;

/**
 * The market data half of {@link SbeEventEncoder}, apart because the market data schema reuses the events
 * schema's type names (Trade, InstrumentStatus, Side, ...) in its own package.
 */
final class SbeMarketDataEncoder
{
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;

    private final EventSink sink;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OrderAddedEncoder orderAdded = new OrderAddedEncoder();
    private final OrderModifiedEncoder orderModified = new OrderModifiedEncoder();
    private final OrderDeletedEncoder orderDeleted = new OrderDeletedEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final InstrumentStatusEncoder instrumentStatus = new InstrumentStatusEncoder();

    SbeMarketDataEncoder(final EventSink sink)
    {
        this.sink = sink;
    }

    void orderAdded(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long orderId,
        final Side side,
        final long price,
        final long quantity)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + OrderAddedEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        orderAdded.wrapAndApplyHeader(SbeEventEncoder.zeroed(sink.buffer(), offset, length), offset, header)
            .feedSequence(feedSequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .side(side(side))
            .price(price)
            .quantity(quantity);
        sink.commit();
    }

    void orderModified(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId, final long quantity)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + OrderModifiedEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        orderModified.wrapAndApplyHeader(SbeEventEncoder.zeroed(sink.buffer(), offset, length), offset, header)
            .feedSequence(feedSequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .quantity(quantity);
        sink.commit();
    }

    void orderDeleted(final long feedSequence, final long timestamp, final int instrumentId, final long orderId)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + OrderDeletedEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        orderDeleted.wrapAndApplyHeader(SbeEventEncoder.zeroed(sink.buffer(), offset, length), offset, header)
            .feedSequence(feedSequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .orderId(orderId);
        sink.commit();
    }

    void trade(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long tradeId,
        final long price,
        final long quantity,
        final Side aggressorSide)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + TradeEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        trade.wrapAndApplyHeader(SbeEventEncoder.zeroed(sink.buffer(), offset, length), offset, header)
            .feedSequence(feedSequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .tradeId(tradeId)
            .price(price)
            .quantity(quantity)
            .aggressorSide(side(aggressorSide));
        sink.commit();
    }

    void instrumentStatus(
        final long feedSequence, final long timestamp, final int instrumentId, final InstrumentState state)
    {
        final EventSink sink = this.sink;
        final int length = HEADER_LENGTH + InstrumentStatusEncoder.BLOCK_LENGTH;
        final int offset = sink.claim(length);
        instrumentStatus.wrapAndApplyHeader(SbeEventEncoder.zeroed(sink.buffer(), offset, length), offset, header)
            .feedSequence(feedSequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .state(null == state ?
                io.disruptorx.protocol.sbe.marketdata.InstrumentState.NULL_VAL :
                io.disruptorx.protocol.sbe.marketdata.InstrumentState.get((short) state.code()));
        sink.commit();
    }

    private static io.disruptorx.protocol.sbe.marketdata.Side side(final Side value)
    {
        return null == value ?
            io.disruptorx.protocol.sbe.marketdata.Side.NULL_VAL :
            io.disruptorx.protocol.sbe.marketdata.Side.get((short) value.code());
    }
}
