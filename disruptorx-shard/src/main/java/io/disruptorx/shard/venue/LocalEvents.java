package io.disruptorx.shard.venue;

import java.nio.ByteOrder;

import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.sbe.event.CancelRejectedEncoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedEncoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.venue.PendingEvents;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Answers the sharded venue gives itself, without a shard: a cancel or replace naming a global order id whose shard
 * does not exist is refused {@code UNKNOWN_ORDER}, as the shard would refuse an order it does not have, and a new
 * order for an instrument that is moving between shards is refused {@code INSTRUMENT_HALTED}, as the halted
 * instrument would refuse it. Such answers wait here, in order, until the next poll delivers them (command sequence
 * 0: no shard's log holds them).
 */
final class LocalEvents
{
    private final PendingEvents events = new PendingEvents(new ExpandableArrayBuffer(1024));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CancelRejectedEncoder cancelRejected = new CancelRejectedEncoder();
    private final OrderRejectedEncoder orderRejected = new OrderRejectedEncoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private long answered;
    private long halted;

    /**
     * @return 1: the command is taken, and its answer waits here.
     */
    long unknownOrder(final long orderId, final long requestId, final long accountId)
    {
        cancelRejected.wrapAndApplyHeader(events.buffer(), events.nextOffset(), header)
            .timestamp(0)
            .orderId(orderId)
            .requestId(requestId)
            .accountId(accountId)
            .reason(RejectReason.UNKNOWN_ORDER);
        events.commit(MessageHeaderEncoder.ENCODED_LENGTH + cancelRejected.encodedLength());
        answered++;
        return 1;
    }

    /**
     * @param buffer holding a NewOrder command (header first).
     * @return 1: the order is taken, and its rejection ({@code INSTRUMENT_HALTED}) waits here.
     */
    long halted(final DirectBuffer buffer, final int offset)
    {
        final int blockLength = buffer.getShort(offset + MessageHeaderEncoder.blockLengthEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int version = buffer.getShort(offset + MessageHeaderEncoder.versionEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        newOrder.wrap(buffer, offset + MessageHeaderEncoder.ENCODED_LENGTH, blockLength, version);
        orderRejected.wrapAndApplyHeader(events.buffer(), events.nextOffset(), header)
            .timestamp(newOrder.timestamp())
            .clientOrderId(newOrder.clientOrderId())
            .accountId(newOrder.accountId())
            .instrumentId(newOrder.instrumentId())
            .reason(RejectReason.INSTRUMENT_HALTED);
        events.commit(MessageHeaderEncoder.ENCODED_LENGTH + orderRejected.encodedLength());
        halted++;
        return 1;
    }

    /**
     * @return new orders refused here because their instrument was moving.
     */
    long halted()
    {
        return halted;
    }

    /**
     * @return cancels and replaces refused here because their order id names no shard.
     */
    long answered()
    {
        return answered;
    }

    int poll(final VenueEventHandler handler, final int limit)
    {
        return events.poll(handler, limit, 0);
    }
}
