package io.disruptorx.shard.venue;

import io.disruptorx.protocol.sbe.event.CancelRejectedEncoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.ExpandableArrayBuffer;

/**
 * Answers the sharded venue gives itself, without a shard: a cancel or replace naming a global order id whose shard
 * does not exist is refused {@code UNKNOWN_ORDER}, as the shard would refuse an order it does not have. Such
 * answers wait here, in order, until the next poll delivers them (command sequence 0: no shard's log holds them).
 */
final class LocalEvents
{
    private final ExpandableArrayBuffer events = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CancelRejectedEncoder cancelRejected = new CancelRejectedEncoder();
    private int end;
    private int read;
    private long answered;

    /**
     * @return 1: the command is taken, and its answer waits here.
     */
    long unknownOrder(final long orderId, final long requestId, final long accountId)
    {
        final int at = end + Integer.BYTES;
        cancelRejected.wrapAndApplyHeader(events, at, header)
            .timestamp(0)
            .orderId(orderId)
            .requestId(requestId)
            .accountId(accountId)
            .reason(RejectReason.UNKNOWN_ORDER);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + cancelRejected.encodedLength();
        events.putInt(end, length);
        end = at + length;
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
        int delivered = 0;
        while (delivered < limit && read < end)
        {
            final int length = events.getInt(read);
            handler.onEvent(0, events, read + Integer.BYTES, length);
            read += Integer.BYTES + length;
            delivered++;
        }
        if (read == end)
        {
            read = 0;
            end = 0;
        }
        return delivered;
    }
}
