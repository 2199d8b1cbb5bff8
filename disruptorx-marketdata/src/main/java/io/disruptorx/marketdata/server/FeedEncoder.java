package io.disruptorx.marketdata.server;

import java.nio.ByteBuffer;

import io.disruptorx.protocol.sbe.marketdata.InstrumentState;
import io.disruptorx.protocol.sbe.marketdata.InstrumentStatusEncoder;
import io.disruptorx.protocol.sbe.marketdata.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.marketdata.OrderAddedEncoder;
import io.disruptorx.protocol.sbe.marketdata.OrderDeletedEncoder;
import io.disruptorx.protocol.sbe.marketdata.OrderModifiedEncoder;
import io.disruptorx.protocol.sbe.marketdata.Side;
import io.disruptorx.protocol.sbe.marketdata.TradeEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes market data incrementals (the SBE market data schema) into one scratch buffer and hands each to
 * the {@link FeedPublisher}. Reused flyweights: nothing is allocated per message.
 */
public final class FeedEncoder
{
    /** Longest encoded incremental: header plus the largest block. */
    public static final int MAX_MESSAGE_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + Math.max(
        Math.max(OrderAddedEncoder.BLOCK_LENGTH, OrderModifiedEncoder.BLOCK_LENGTH),
        Math.max(Math.max(OrderDeletedEncoder.BLOCK_LENGTH, TradeEncoder.BLOCK_LENGTH),
            InstrumentStatusEncoder.BLOCK_LENGTH));

    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final FeedPublisher publisher;
    private final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OrderAddedEncoder orderAdded = new OrderAddedEncoder();
    private final OrderModifiedEncoder orderModified = new OrderModifiedEncoder();
    private final OrderDeletedEncoder orderDeleted = new OrderDeletedEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final InstrumentStatusEncoder status = new InstrumentStatusEncoder();

    /**
     * @param publisher receives each encoded message.
     */
    public FeedEncoder(final FeedPublisher publisher)
    {
        this.publisher = publisher;
    }

    /**
     * @param sequence     feed sequence.
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     * @param orderId      order.
     * @param side         0 buy, 1 sell.
     * @param price        price.
     * @param quantity     open quantity.
     */
    public void orderAdded(
        final long sequence,
        final long timestamp,
        final int instrumentId,
        final long orderId,
        final int side,
        final long price,
        final long quantity)
    {
        scratch.setMemory(0, HEADER + OrderAddedEncoder.BLOCK_LENGTH, (byte)0);
        orderAdded.wrapAndApplyHeader(scratch, 0, header)
            .feedSequence(sequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .side(Side.get((short)side))
            .price(price)
            .quantity(quantity);
        publisher.onMessage(sequence, scratch, 0, HEADER + OrderAddedEncoder.BLOCK_LENGTH);
    }

    /**
     * @param sequence     feed sequence.
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     * @param orderId      order.
     * @param quantity     open quantity now.
     */
    public void orderModified(
        final long sequence, final long timestamp, final int instrumentId, final long orderId, final long quantity)
    {
        scratch.setMemory(0, HEADER + OrderModifiedEncoder.BLOCK_LENGTH, (byte)0);
        orderModified.wrapAndApplyHeader(scratch, 0, header)
            .feedSequence(sequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .orderId(orderId)
            .quantity(quantity);
        publisher.onMessage(sequence, scratch, 0, HEADER + OrderModifiedEncoder.BLOCK_LENGTH);
    }

    /**
     * @param sequence     feed sequence.
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     * @param orderId      order.
     */
    public void orderDeleted(final long sequence, final long timestamp, final int instrumentId, final long orderId)
    {
        scratch.setMemory(0, HEADER + OrderDeletedEncoder.BLOCK_LENGTH, (byte)0);
        orderDeleted.wrapAndApplyHeader(scratch, 0, header)
            .feedSequence(sequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .orderId(orderId);
        publisher.onMessage(sequence, scratch, 0, HEADER + OrderDeletedEncoder.BLOCK_LENGTH);
    }

    /**
     * @param sequence      feed sequence.
     * @param timestamp     command timestamp.
     * @param instrumentId  instrument.
     * @param tradeId       trade.
     * @param price         price.
     * @param quantity      quantity.
     * @param aggressorSide 0 buy, 1 sell.
     */
    public void trade(
        final long sequence,
        final long timestamp,
        final int instrumentId,
        final long tradeId,
        final long price,
        final long quantity,
        final int aggressorSide)
    {
        scratch.setMemory(0, HEADER + TradeEncoder.BLOCK_LENGTH, (byte)0);
        trade.wrapAndApplyHeader(scratch, 0, header)
            .feedSequence(sequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .tradeId(tradeId)
            .price(price)
            .quantity(quantity)
            .aggressorSide(Side.get((short)aggressorSide));
        publisher.onMessage(sequence, scratch, 0, HEADER + TradeEncoder.BLOCK_LENGTH);
    }

    /**
     * @param sequence     feed sequence.
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     * @param state        0 trading, 1 halted.
     */
    public void instrumentStatus(final long sequence, final long timestamp, final int instrumentId, final int state)
    {
        scratch.setMemory(0, HEADER + InstrumentStatusEncoder.BLOCK_LENGTH, (byte)0);
        status.wrapAndApplyHeader(scratch, 0, header)
            .feedSequence(sequence)
            .timestamp(timestamp)
            .instrumentId(instrumentId)
            .state(InstrumentState.get((short)state));
        publisher.onMessage(sequence, scratch, 0, HEADER + InstrumentStatusEncoder.BLOCK_LENGTH);
    }
}
