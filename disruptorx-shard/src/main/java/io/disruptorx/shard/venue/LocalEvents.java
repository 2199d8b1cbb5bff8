package io.disruptorx.shard.venue;

import io.disruptorx.protocol.sbe.event.CancelRejectedEncoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.venue.PendingEvents;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.ExpandableArrayBuffer;

/**
 * Answers the sharded venue gives itself, without a shard: a cancel or replace naming a global order id whose shard
 * does not exist is refused {@code UNKNOWN_ORDER}, as the shard would refuse an order it does not have. Such
 * answers wait here, in order, until the next poll delivers them (command sequence 0: no shard's log holds them).
 */
final class LocalEvents
{
    private final PendingEvents events = new PendingEvents(new ExpandableArrayBuffer(1024));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CancelRejectedEncoder cancelRejected = new CancelRejectedEncoder();
    private long answered;

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
     * @return commands answered here so far.
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
