package io.disruptorx.cluster.service;

import java.nio.ByteOrder;

import io.disruptorx.cluster.wire.EgressFrame;
import io.disruptorx.engine.sbe.EncodedMessageHandler;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OrderReplacedDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Each gateway's sequenced event stream: takes every encoded execution event of the engine, numbers it into the
 * stream of every gateway entitled to it, keeps it in that gateway's {@link EventStore} and sends it to the
 * gateway's session; sends ACKs and replays.
 *
 * <p>A gateway is entitled to an event when it serves one of the event's accounts (a trade names two), when it
 * serves every account, or when its own command caused the event (so it always hears the answer to what it
 * sent, admin results included). An event without an account (instrument status, admin results) goes to the
 * gateways that serve every account and to the one whose command caused it.
 */
final class GatewayStreams implements EncodedMessageHandler
{
    private static final long NO_ACCOUNT = Long.MIN_VALUE;
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final GatewayRegistry registry;
    private final EgressSender egress;
    private final ServiceCounters counters;
    private final MutableDirectBuffer scratch = new UnsafeBuffer(new byte[EgressFrame.MAX_LENGTH]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private Gateway cause;
    private boolean causeHeard;
    private long position;

    GatewayStreams(final GatewayRegistry registry, final EgressSender egress, final ServiceCounters counters)
    {
        this.registry = registry;
        this.egress = egress;
        this.counters = counters;
    }

    /**
     * Starts the events of one command or timer.
     *
     * @param cause    the gateway whose command it is, or null for a timer.
     * @param position log position of the command or timer.
     */
    void begin(final Gateway cause, final long position)
    {
        this.cause = cause;
        this.position = position;
        this.causeHeard = false;
    }

    /**
     * Ends the events of the command begun: its gateway gets an ACK when no event went to it.
     */
    void end()
    {
        if (cause != null && !causeHeard)
        {
            ack(cause, position);
        }
        cause = null;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > EgressFrame.MAX_EVENT_LENGTH)
        {
            throw new IllegalStateException("event of " + length + " bytes exceeds the egress frame");
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        final long first = firstAccount(templateId, buffer, offset + HEADER_LENGTH);
        final long second = templateId == TradeDecoder.TEMPLATE_ID ?
            buffer.getLong(offset + HEADER_LENGTH + TradeDecoder.takerAccountIdEncodingOffset(), ORDER) :
            NO_ACCOUNT;
        final GatewayRegistry registry = this.registry;
        for (int i = 0, count = registry.count(); i < count; i++)
        {
            final Gateway gateway = registry.at(i);
            final boolean entitled = gateway == cause ||
                (first == NO_ACCOUNT ? gateway.servesEveryAccount() :
                gateway.serves(first) || (second != NO_ACCOUNT && gateway.serves(second)));
            if (entitled)
            {
                append(gateway, buffer, offset, length);
                if (gateway == cause)
                {
                    causeHeard = true;
                }
            }
        }
    }

    /**
     * Sends a gateway an ACK of its last applied command.
     *
     * @param gateway  the gateway.
     * @param position log position of what is acknowledged.
     */
    void ack(final Gateway gateway, final long position)
    {
        if (gateway.sessionId != Gateway.NO_SESSION)
        {
            EgressFrame.header(scratch, 0, EgressFrame.ACK, gateway.nextEvent, position, gateway.lastCommand);
            if (!egress.send(gateway.sessionId, scratch, 0, EgressFrame.HEADER_LENGTH))
            {
                counters.increment(ServiceCounter.EGRESS_DROPPED);
            }
        }
    }

    /**
     * Answers a HELLO or RESEND: an ACK flagged as the answer, whose event sequence is where the replay starts
     * ({@code from}, or the next event when nothing is held from there), then (if asked) a LOST marker for events
     * no longer held, then every held event from {@code from} on. Stops at the first frame dropped under
     * back-pressure: the gateway sees the gap and asks again.
     *
     * @param gateway  the gateway.
     * @param from     first event sequence wanted, 0 for none.
     * @param position log position of the request.
     */
    void replay(final Gateway gateway, final long from, final long position)
    {
        if (gateway.sessionId == Gateway.NO_SESSION)
        {
            return;
        }
        final EventStore events = gateway.events;
        final boolean replaying = from > 0 && from <= events.highest();
        EgressFrame.header(
            scratch, 0, EgressFrame.ACK, replaying ? from : gateway.nextEvent, position, gateway.lastCommand);
        EgressFrame.markAnswer(scratch, 0);
        if (!egress.send(gateway.sessionId, scratch, 0, EgressFrame.HEADER_LENGTH))
        {
            counters.increment(ServiceCounter.EGRESS_DROPPED);
            return;
        }
        if (!replaying)
        {
            return;
        }
        long next = from;
        final long lowest = events.lowest();
        if (next < lowest)
        {
            counters.add(ServiceCounter.EVENTS_LOST, lowest - next);
            EgressFrame.header(scratch, 0, EgressFrame.LOST, lowest, position, gateway.lastCommand);
            if (!egress.send(gateway.sessionId, scratch, 0, EgressFrame.HEADER_LENGTH))
            {
                counters.increment(ServiceCounter.EGRESS_DROPPED);
                return;
            }
            next = lowest;
        }
        for (long sequence = next, highest = events.highest(); sequence <= highest; sequence++)
        {
            if (!egress.send(gateway.sessionId, events.buffer(), events.frameOffset(sequence), events.length(sequence)))
            {
                counters.increment(ServiceCounter.EGRESS_DROPPED);
                return;
            }
            counters.increment(ServiceCounter.EVENTS_REPLAYED);
        }
    }

    private void append(final Gateway gateway, final DirectBuffer event, final int offset, final int length)
    {
        final long sequence = gateway.nextEvent++;
        final EventStore events = gateway.events;
        final MutableDirectBuffer slots = events.claim(sequence);
        final int frameOffset = events.frameOffset(sequence);
        EgressFrame.header(slots, frameOffset, EgressFrame.EVENT, sequence, position, gateway.lastCommand);
        slots.putBytes(frameOffset + EgressFrame.HEADER_LENGTH, event, offset, length);
        final int frameLength = EgressFrame.HEADER_LENGTH + length;
        events.commit(sequence, frameLength);
        if (gateway.sessionId != Gateway.NO_SESSION && !egress.send(gateway.sessionId, slots, frameOffset, frameLength))
        {
            counters.increment(ServiceCounter.EGRESS_DROPPED);
        }
    }

    private static long firstAccount(final int templateId, final DirectBuffer buffer, final int body)
    {
        switch (templateId)
        {
            case OrderAcceptedDecoder.TEMPLATE_ID:
                return buffer.getLong(body + OrderAcceptedDecoder.accountIdEncodingOffset(), ORDER);
            case OrderRejectedDecoder.TEMPLATE_ID:
                return buffer.getLong(body + OrderRejectedDecoder.accountIdEncodingOffset(), ORDER);
            case TradeDecoder.TEMPLATE_ID:
                return buffer.getLong(body + TradeDecoder.makerAccountIdEncodingOffset(), ORDER);
            case OrderCancelledDecoder.TEMPLATE_ID:
                return buffer.getLong(body + OrderCancelledDecoder.accountIdEncodingOffset(), ORDER);
            case OrderReplacedDecoder.TEMPLATE_ID:
                return buffer.getLong(body + OrderReplacedDecoder.accountIdEncodingOffset(), ORDER);
            case CancelRejectedDecoder.TEMPLATE_ID:
                return buffer.getLong(body + CancelRejectedDecoder.accountIdEncodingOffset(), ORDER);
            default:
                return NO_ACCOUNT;
        }
    }
}
