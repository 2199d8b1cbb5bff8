package io.disruptorx.shard.move;

import java.nio.ByteOrder;

import io.disruptorx.protocol.sbe.command.AddInstrumentEncoder;
import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.InstrumentState;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.RestoreOrderEncoder;
import io.disruptorx.protocol.sbe.command.SelfTradePrevention;
import io.disruptorx.protocol.sbe.command.Side;
import io.disruptorx.protocol.sbe.command.TimeInForce;
import io.disruptorx.protocol.sbe.event.BookReadDecoder;
import io.disruptorx.protocol.sbe.event.BookReadOrderDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A book read through the source engine's own output: the mover sends ReadBook right behind the halt, and the engine
 * answers with a BookRead (the definition and the order count) and one BookReadOrder per resting order in priority
 * order. This turns those events, as they arrive, into the piece a {@link ShardMover.BookSource} writes (an
 * AddInstrument that lists the instrument HALTED, then one RestoreOrder per order with transfer id
 * {@code firstTransferId + place}, each preceded by its length), so it reads the book of a shard behind any venue
 * client: a cluster's (whose replicas all answer the same, deterministic events) as well as an embedded node's.
 * Nothing here changes either shard; a read that does not complete within {@link #TIMEOUT_NANOS} fails, and the mover
 * rolls the move back (nothing has left the source).
 *
 * <p>Each order keeps what the engine keeps of it (filled quantity and notional, update time, post-only, self-trade
 * prevention; BookReadOrder since events version 3); a BookReadOrder of an older engine has none of them, and its
 * order is restored as such an engine's move restored it (nothing filled, updated at the restore).
 *
 * <p>Events of another request, or of another shard, are not this read's; an order event repeated (a re-delivery)
 * is taken once; one missing (lost with a leader) leaves the read pending until the timeout.
 */
final class EngineBookRead
{
    /** How long a read may take before the move rolls back. */
    static final long TIMEOUT_NANOS = 10_000_000_000L;

    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int ADD_LENGTH = HEADER + AddInstrumentEncoder.BLOCK_LENGTH;
    private static final int RESTORE_LENGTH = HEADER + RestoreOrderEncoder.BLOCK_LENGTH;
    private static final int ORDER_AT = Integer.BYTES + ADD_LENGTH;
    private static final int ORDER_STRIDE = Integer.BYTES + RESTORE_LENGTH;

    private final ExpandableArrayBuffer piece = new ExpandableArrayBuffer(4096);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookReadDecoder read = new BookReadDecoder();
    private final BookReadOrderDecoder order = new BookReadOrderDecoder();
    private final MessageHeaderEncoder commandHeader = new MessageHeaderEncoder();
    private final AddInstrumentEncoder addInstrument = new AddInstrumentEncoder();
    private final RestoreOrderEncoder restoreOrder = new RestoreOrderEncoder();
    private boolean expecting;
    private long requestId;
    private int instrumentId;
    private long timestamp;
    private long firstTransferId;
    private long deadline;
    private int orderCount;
    private int received;

    /**
     * Waits for the answer to a ReadBook just sent.
     *
     * @param requestId       the ReadBook's request id.
     * @param instrumentId    the instrument it reads.
     * @param timestamp       for the piece's commands.
     * @param firstTransferId the first order's transfer id.
     * @param nowNanos        now, for the timeout.
     */
    void expect(
        final long requestId, final int instrumentId, final long timestamp, final long firstTransferId,
        final long nowNanos)
    {
        this.expecting = true;
        this.requestId = requestId;
        this.instrumentId = instrumentId;
        this.timestamp = timestamp;
        this.firstTransferId = firstTransferId;
        this.deadline = nowNanos + TIMEOUT_NANOS;
        this.orderCount = Integer.MIN_VALUE;
        this.received = 0;
    }

    /**
     * @param buffer holding an event of the source shard.
     * @param offset of its header.
     * @param length of the event.
     * @return whether it was part of the expected answer (taken).
     */
    boolean onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!expecting || length < HEADER)
        {
            return false;
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (header.schemaId() != BookReadDecoder.SCHEMA_ID ||
            (templateId != BookReadDecoder.TEMPLATE_ID && templateId != BookReadOrderDecoder.TEMPLATE_ID))
        {
            return false;
        }
        if (templateId == BookReadDecoder.TEMPLATE_ID)
        {
            read.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
            if (read.requestId() != requestId || read.instrumentId() != instrumentId)
            {
                return false;
            }
            if (orderCount == Integer.MIN_VALUE)
            {
                definition();
            }
            return true;
        }
        order.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
        if (order.requestId() != requestId || order.instrumentId() != instrumentId)
        {
            return false;
        }
        if (orderCount != Integer.MIN_VALUE && order.place() == received && received < orderCount)
        {
            restore();
            received++;
        }
        return true;
    }

    /**
     * @return whether the whole answer arrived (or said there is no such instrument).
     */
    boolean complete()
    {
        return expecting && orderCount != Integer.MIN_VALUE && (orderCount < 0 || received == orderCount);
    }

    /**
     * Hands the piece over once the answer is complete.
     *
     * @param destination where the piece goes, from 0.
     * @param nowNanos    now, for the timeout.
     * @return bytes written, -1 when the shard has no such instrument or the answer did not arrive in time, or
     * {@link ShardMover.BookSource#PENDING}.
     */
    int take(final MutableDirectBuffer destination, final long nowNanos)
    {
        if (!complete())
        {
            if (expecting && nowNanos - deadline > 0)
            {
                expecting = false;
                return -1;
            }
            return ShardMover.BookSource.PENDING;
        }
        expecting = false;
        if (orderCount < 0)
        {
            return -1;
        }
        final int length = ORDER_AT + orderCount * ORDER_STRIDE;
        destination.putBytes(0, piece, 0, length);
        return length;
    }

    private void definition()
    {
        orderCount = read.orderCount();
        if (orderCount < 0)
        {
            return;
        }
        piece.setMemory(0, ORDER_AT, (byte)0);
        piece.putInt(0, ADD_LENGTH, ByteOrder.LITTLE_ENDIAN);
        addInstrument.wrapAndApplyHeader(piece, Integer.BYTES, commandHeader)
            .timestamp(timestamp)
            .instrumentId(read.instrumentId())
            .baseAssetId(read.baseAssetId())
            .quoteAssetId(read.quoteAssetId())
            .tickSize(read.tickSize())
            .lotSize(read.lotSize())
            .priceScale(read.priceScale())
            .quantityScale(read.quantityScale())
            .makerFeePerLot(read.makerFeePerLot())
            .takerFeePerLot(read.takerFeePerLot())
            .referencePrice(read.referencePrice())
            .priceBandBps(read.priceBandBps())
            .marketProtectionBps(read.marketProtectionBps())
            .initialState(InstrumentState.HALTED);
    }

    private void restore()
    {
        final int at = ORDER_AT + received * ORDER_STRIDE;
        piece.setMemory(at, ORDER_STRIDE, (byte)0);
        piece.putInt(at, RESTORE_LENGTH, ByteOrder.LITTLE_ENDIAN);
        restoreOrder.wrapAndApplyHeader(piece, at + Integer.BYTES, commandHeader)
            .timestamp(timestamp)
            .transferId(firstTransferId + received)
            .orderId(order.orderId())
            .accountId(order.accountId())
            .clientOrderId(order.clientOrderId())
            .instrumentId(order.instrumentId())
            .side(Side.get(order.sideRaw()))
            .timeInForce(TimeInForce.get(order.timeInForceRaw()))
            .heldAssetId(order.heldAssetId())
            .price(order.price())
            .quantity(order.quantity())
            .entryTime(order.entryTime())
            .hold(order.hold());
        if (order.actingVersion() >= BookReadOrderDecoder.filledQuantitySinceVersion())
        {
            restoreOrder.filledQuantity(order.filledQuantity())
                .filledNotional(order.filledNotional())
                .updateTime(order.updateTime())
                .postOnly(order.postOnlyRaw() == 1 ? BooleanType.TRUE : BooleanType.FALSE)
                .selfTradePrevention(SelfTradePrevention.get(order.selfTradePreventionRaw()));
        }
        else
        {
            restoreOrder.filledQuantity(0).filledNotional(0).updateTime(timestamp).postOnly(BooleanType.FALSE)
                .selfTradePrevention(SelfTradePrevention.NONE);
        }
    }
}
