package io.disruptorx.protocol.marketdata;

import io.disruptorx.protocol.sbe.marketdata.EndOfSnapshotEncoder;
import io.disruptorx.protocol.sbe.marketdata.InstrumentState;
import io.disruptorx.protocol.sbe.marketdata.InstrumentStatusEncoder;
import io.disruptorx.protocol.sbe.marketdata.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.marketdata.OrderAddedEncoder;
import io.disruptorx.protocol.sbe.marketdata.OrderDeletedEncoder;
import io.disruptorx.protocol.sbe.marketdata.OrderModifiedEncoder;
import io.disruptorx.protocol.sbe.marketdata.Side;
import io.disruptorx.protocol.sbe.marketdata.TradeEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Writes the market data schema's messages (header then block) into a caller's buffer: the engine's event
 * encoder claims {@code *_LENGTH} bytes in its sink and encodes in place; the feed's snapshot session and tests
 * encode into a scratch buffer. Every message starts with its {@code feedSequence} at
 * {@link #FEED_SEQUENCE_OFFSET}. Reused flyweights, nothing allocated per message.
 *
 * <p>The region is zeroed before encoding, so the padding between fields is zero and equal messages are equal
 * bytes on every replica whatever the buffer held. Enum arguments are the schema's codes (the engine's
 * {@code code()}); {@link #NULL_CODE} encodes SBE's null value.
 */
public final class MarketDataEncoder
{
    /** Header length. */
    public static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    /** Offset of every message's feedSequence field. */
    public static final int FEED_SEQUENCE_OFFSET = HEADER_LENGTH;
    /** OrderAdded, header included. */
    public static final int ORDER_ADDED_LENGTH = HEADER_LENGTH + OrderAddedEncoder.BLOCK_LENGTH;
    /** OrderModified, header included. */
    public static final int ORDER_MODIFIED_LENGTH = HEADER_LENGTH + OrderModifiedEncoder.BLOCK_LENGTH;
    /** OrderDeleted, header included. */
    public static final int ORDER_DELETED_LENGTH = HEADER_LENGTH + OrderDeletedEncoder.BLOCK_LENGTH;
    /** Trade, header included. */
    public static final int TRADE_LENGTH = HEADER_LENGTH + TradeEncoder.BLOCK_LENGTH;
    /** InstrumentStatus, header included. */
    public static final int INSTRUMENT_STATUS_LENGTH = HEADER_LENGTH + InstrumentStatusEncoder.BLOCK_LENGTH;
    /** EndOfSnapshot, header included. */
    public static final int END_OF_SNAPSHOT_LENGTH = HEADER_LENGTH + EndOfSnapshotEncoder.BLOCK_LENGTH;
    /** Longest message of the schema. */
    public static final int MAX_MESSAGE_LENGTH = Math.max(
        Math.max(Math.max(ORDER_ADDED_LENGTH, ORDER_MODIFIED_LENGTH), Math.max(ORDER_DELETED_LENGTH, TRADE_LENGTH)),
        Math.max(INSTRUMENT_STATUS_LENGTH, END_OF_SNAPSHOT_LENGTH));
    /** Enum code of SBE's null value. */
    public static final short NULL_CODE = 255;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OrderAddedEncoder orderAdded = new OrderAddedEncoder();
    private final OrderModifiedEncoder orderModified = new OrderModifiedEncoder();
    private final OrderDeletedEncoder orderDeleted = new OrderDeletedEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final InstrumentStatusEncoder instrumentStatus = new InstrumentStatusEncoder();
    private final EndOfSnapshotEncoder endOfSnapshot = new EndOfSnapshotEncoder();

    /**
     * @param buffer       destination.
     * @param offset       where the message starts.
     * @param feedSequence feed sequence.
     * @param timestamp    the order's entry time (nanoseconds since the epoch).
     * @param instrumentId instrument.
     * @param orderId      order.
     * @param side         0 buy, 1 sell.
     * @param price        price.
     * @param quantity     open quantity.
     * @return {@link #ORDER_ADDED_LENGTH}.
     */
    public int orderAdded(
        final MutableDirectBuffer buffer,
        final int offset,
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long orderId,
        final short side,
        final long price,
        final long quantity)
    {
        buffer.setMemory(offset, ORDER_ADDED_LENGTH, (byte)0);
        orderAdded.wrapAndApplyHeader(buffer, offset, header)
            .feedSequence(feedSequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .side(Side.get(side))
            .price(price)
            .quantity(quantity);
        return ORDER_ADDED_LENGTH;
    }

    /**
     * @param buffer       destination.
     * @param offset       where the message starts.
     * @param feedSequence feed sequence.
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     * @param orderId      order.
     * @param quantity     open quantity now.
     * @return {@link #ORDER_MODIFIED_LENGTH}.
     */
    public int orderModified(
        final MutableDirectBuffer buffer,
        final int offset,
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long orderId,
        final long quantity)
    {
        buffer.setMemory(offset, ORDER_MODIFIED_LENGTH, (byte)0);
        orderModified.wrapAndApplyHeader(buffer, offset, header)
            .feedSequence(feedSequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .quantity(quantity);
        return ORDER_MODIFIED_LENGTH;
    }

    /**
     * @param buffer       destination.
     * @param offset       where the message starts.
     * @param feedSequence feed sequence.
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     * @param orderId      order.
     * @return {@link #ORDER_DELETED_LENGTH}.
     */
    public int orderDeleted(
        final MutableDirectBuffer buffer,
        final int offset,
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long orderId)
    {
        buffer.setMemory(offset, ORDER_DELETED_LENGTH, (byte)0);
        orderDeleted.wrapAndApplyHeader(buffer, offset, header)
            .feedSequence(feedSequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .orderId(orderId);
        return ORDER_DELETED_LENGTH;
    }

    /**
     * @param buffer        destination.
     * @param offset        where the message starts.
     * @param feedSequence  feed sequence.
     * @param timestamp     command timestamp.
     * @param instrumentId  instrument.
     * @param tradeId       trade.
     * @param price         price.
     * @param quantity      quantity.
     * @param aggressorSide 0 buy, 1 sell.
     * @return {@link #TRADE_LENGTH}.
     */
    public int trade(
        final MutableDirectBuffer buffer,
        final int offset,
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long tradeId,
        final long price,
        final long quantity,
        final short aggressorSide)
    {
        buffer.setMemory(offset, TRADE_LENGTH, (byte)0);
        trade.wrapAndApplyHeader(buffer, offset, header)
            .feedSequence(feedSequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .tradeId(tradeId)
            .price(price)
            .quantity(quantity)
            .aggressorSide(Side.get(aggressorSide));
        return TRADE_LENGTH;
    }

    /**
     * @param buffer       destination.
     * @param offset       where the message starts.
     * @param feedSequence feed sequence.
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     * @param state        0 trading, 1 halted.
     * @return {@link #INSTRUMENT_STATUS_LENGTH}.
     */
    public int instrumentStatus(
        final MutableDirectBuffer buffer,
        final int offset,
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final short state)
    {
        buffer.setMemory(offset, INSTRUMENT_STATUS_LENGTH, (byte)0);
        instrumentStatus.wrapAndApplyHeader(buffer, offset, header)
            .feedSequence(feedSequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .state(InstrumentState.get(state));
        return INSTRUMENT_STATUS_LENGTH;
    }

    /**
     * The last message of a snapshot session: the book before it reflects every feed message up to
     * {@code feedSequence}; continue on the feed from {@code feedSequence + 1}.
     *
     * @param buffer       destination.
     * @param offset       where the message starts.
     * @param feedSequence the last feed sequence the snapshot reflects (0 before the first message).
     * @param timestamp    the timestamp of that message (0 before the first message).
     * @param instruments  instruments in the snapshot.
     * @param orders       OrderAdded messages in the snapshot.
     * @return {@link #END_OF_SNAPSHOT_LENGTH}.
     */
    public int endOfSnapshot(
        final MutableDirectBuffer buffer,
        final int offset,
        final long feedSequence,
        final long timestamp,
        final int instruments,
        final int orders)
    {
        buffer.setMemory(offset, END_OF_SNAPSHOT_LENGTH, (byte)0);
        endOfSnapshot.wrapAndApplyHeader(buffer, offset, header)
            .feedSequence(feedSequence)
            .timestamp(timestamp)
            .nextFeedSequence(feedSequence + 1)
            .instruments(instruments)
            .orders(orders);
        return END_OF_SNAPSHOT_LENGTH;
    }
}
