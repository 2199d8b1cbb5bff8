package io.disruptorx.shard.venue;

import java.nio.ByteOrder;

import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.sbe.event.AdminResultEncoder;
import io.disruptorx.protocol.sbe.event.AdminType;
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
 * instrument would refuse it; so are a cancel or replace by order id, and a mass cancel of one instrument, whose shard
 * is not known in time after the gateway started ({@link CatchUpHold}). Such answers wait here, in order, until the
 * next poll delivers them (command sequence 0: no shard's log holds them). The buffer grows when more wait than it
 * holds; a catch-up hold makes room for {@link CatchUpHold#LIMIT} refusals when it begins ({@link #reserveRefusals}),
 * so that a burst of up to that many, made between two polls that deliver all of them, allocates nothing. The room is
 * used again only once every answer waiting was delivered: more refusals made before that (a poll limit below their
 * number, then refusals made at once, which have no limit) grow it.
 */
final class LocalEvents
{
    /** Bytes a refusal takes while it waits: its length, header and the larger of the two bodies. */
    static final int REFUSAL_BYTES = Integer.BYTES + MessageHeaderEncoder.ENCODED_LENGTH +
        Math.max(CancelRejectedEncoder.BLOCK_LENGTH, AdminResultEncoder.BLOCK_LENGTH);

    private static final int INITIAL_CAPACITY = 1024;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(INITIAL_CAPACITY);
    private final PendingEvents events = new PendingEvents(buffer);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CancelRejectedEncoder cancelRejected = new CancelRejectedEncoder();
    private final OrderRejectedEncoder orderRejected = new OrderRejectedEncoder();
    private final AdminResultEncoder adminResult = new AdminResultEncoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private long answered;
    private long halted;

    /**
     * Makes room, now, for this many refusals waiting at once beside {@code 1024} bytes of other answers.
     *
     * @param refusals cancels, replaces and mass cancels refused {@code INSTRUMENT_HALTED} between two polls.
     */
    void reserveRefusals(final int refusals)
    {
        buffer.checkLimit(INITIAL_CAPACITY + refusals * REFUSAL_BYTES);
    }

    /**
     * @return bytes the waiting answers may take before the buffer grows.
     */
    int capacity()
    {
        return buffer.capacity();
    }

    /**
     * @return 1: the command is taken, and its answer waits here.
     */
    long unknownOrder(final long orderId, final long requestId, final long accountId)
    {
        answered++;
        return cancelRejected(orderId, requestId, accountId, RejectReason.UNKNOWN_ORDER);
    }

    /**
     * A cancel or replace by order id refused because where the order rests is not known yet
     * ({@link CatchUpHold}): {@code INSTRUMENT_HALTED}, retryable, as during a move.
     *
     * @return 1: the command is taken, and its answer waits here.
     */
    long notRoutedYet(final long orderId, final long requestId, final long accountId)
    {
        return cancelRejected(orderId, requestId, accountId, RejectReason.INSTRUMENT_HALTED);
    }

    /**
     * A mass cancel of one instrument refused because where the instrument is routed is not known yet
     * ({@link CatchUpHold}): {@code INSTRUMENT_HALTED}, retryable.
     *
     * @return 1: the command is taken, and its answer waits here.
     */
    long massCancelNotRoutedYet(final long accountId)
    {
        adminResult.wrapAndApplyHeader(events.buffer(), events.nextOffset(), header)
            .timestamp(0)
            .adminType(AdminType.MASS_CANCEL)
            .subjectId(accountId)
            .result(RejectReason.INSTRUMENT_HALTED)
            .accountId(0)
            .assetId(0)
            .moved(0);
        events.commit(MessageHeaderEncoder.ENCODED_LENGTH + adminResult.encodedLength());
        return 1;
    }

    private long cancelRejected(
        final long orderId, final long requestId, final long accountId, final RejectReason reason)
    {
        cancelRejected.wrapAndApplyHeader(events.buffer(), events.nextOffset(), header)
            .timestamp(0)
            .orderId(orderId)
            .requestId(requestId)
            .accountId(accountId)
            .reason(reason);
        events.commit(MessageHeaderEncoder.ENCODED_LENGTH + cancelRejected.encodedLength());
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
