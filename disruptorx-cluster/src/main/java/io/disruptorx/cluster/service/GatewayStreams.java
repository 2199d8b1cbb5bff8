package io.disruptorx.cluster.service;

import java.nio.ByteOrder;

import io.disruptorx.cluster.wire.EgressFrame;
import io.disruptorx.cluster.wire.IngressFrame;
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
 * stream of every gateway entitled to it and keeps it in that gateway's {@link EventStore}; marks each command's
 * last event for each gateway ({@link EgressFrame#COMMAND_END}); sends the events, ACKs and replays.
 *
 * <p>A gateway is entitled to an event when it serves one of the event's accounts (a trade names two), when it
 * serves every account, or when its own command caused the event (so it always hears the answer to what it
 * sent, admin results included). An event without an account (instrument status, admin results) goes to the
 * gateways that serve every account and to the one whose command caused it.
 *
 * <p>Events leave once per log message ({@link #flush}, after an ingress frame's or a timer's commands are
 * applied; Aeron allows egress only from those callbacks), not one by one: every event a gateway was given for
 * the message goes out in as few {@link EgressFrame#EVENTS} frames as fit {@link #MAX_BATCH_LENGTH}, so an
 * ingress batch of orders costs the gateway about one egress message instead of one per event. A gateway whose
 * HELLO did not say it reads EVENTS frames gets one EVENT frame per event. An ACK sends the gateway's unsent
 * events first, so a gateway never sees an ACK ahead of events it has not received.
 *
 * <p>Every event also goes to the {@link InstrumentCommands}, with the position of the command that caused it.
 */
final class GatewayStreams implements EncodedMessageHandler
{
    /**
     * Longest EVENTS frame: one unfragmented message on a default 1,408-byte MTU, after Aeron's data header and the
     * cluster's egress session header (32 bytes each).
     */
    static final int MAX_BATCH_LENGTH = 1344;

    private static final long NO_ACCOUNT = Long.MIN_VALUE;
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final GatewayRegistry registry;
    private final EgressSender egress;
    private final ServiceCounters counters;
    private final InstrumentCommands instrumentCommands;
    private final MutableDirectBuffer scratch = new UnsafeBuffer(new byte[MAX_BATCH_LENGTH]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private Gateway cause;
    private boolean causeHeard;
    private long position;

    GatewayStreams(
        final GatewayRegistry registry,
        final EgressSender egress,
        final ServiceCounters counters,
        final InstrumentCommands instrumentCommands)
    {
        this.registry = registry;
        this.egress = egress;
        this.counters = counters;
        this.instrumentCommands = instrumentCommands;
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
     * Ends the events of the command begun: each gateway's last event of it is marked as its command's end, and
     * the command's gateway gets an ACK when no event went to it.
     */
    void end()
    {
        final GatewayRegistry registry = this.registry;
        for (int i = 0, count = registry.count(); i < count; i++)
        {
            final Gateway gateway = registry.at(i);
            if (gateway.inCommand)
            {
                gateway.inCommand = false;
                final EventStore events = gateway.events;
                EgressFrame.addFlag(events.slots(), events.frameOffset(gateway.nextEvent - 1), EgressFrame.COMMAND_END);
            }
        }
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
        instrumentCommands.onEvent(position, buffer, offset);
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
     * Sends every gateway the events it was given since the last flush; the service calls it after each log
     * message. A follower sends nothing (its sessions would discard it): only the marks move.
     *
     * @param sending whether this member is the leader.
     * @return gateways that had events.
     */
    int flush(final boolean sending)
    {
        int work = 0;
        final GatewayRegistry registry = this.registry;
        for (int i = 0, count = registry.count(); i < count; i++)
        {
            final Gateway gateway = registry.at(i);
            if (gateway.unsentFrom < gateway.nextEvent)
            {
                work++;
                if (sending)
                {
                    flush(gateway);
                }
                else
                {
                    gateway.unsentFrom = gateway.nextEvent;
                }
            }
        }
        return work;
    }

    /**
     * Sends a gateway an ACK of its last applied command, after the events it has not been sent yet.
     *
     * @param gateway  the gateway.
     * @param position log position of what is acknowledged.
     */
    void ack(final Gateway gateway, final long position)
    {
        flush(gateway);
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
     * no longer held, then every held event from {@code from} on (events not yet sent included: the replay
     * covers them). Stops at the first frame dropped under back-pressure: the gateway sees the gap and asks again.
     *
     * @param gateway  the gateway.
     * @param from     first event sequence wanted, 0 for none.
     * @param position log position of the request.
     */
    void replay(final Gateway gateway, final long from, final long position)
    {
        gateway.unsentFrom = gateway.nextEvent;
        if (gateway.sessionId == Gateway.NO_SESSION)
        {
            return;
        }
        final EventStore events = gateway.events;
        final boolean replaying = from > 0 && from <= events.highest();
        EgressFrame.header(
            scratch, 0, EgressFrame.ACK, replaying ? from : gateway.nextEvent, position, gateway.lastCommand);
        EgressFrame.markAnswer(scratch, 0);
        EgressFrame.addFlag(scratch, 0, EgressFrame.TRACES);
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
        counters.add(ServiceCounter.EVENTS_REPLAYED, send(gateway, next, events.highest()));
    }

    private void append(final Gateway gateway, final DirectBuffer event, final int offset, final int length)
    {
        final long sequence = gateway.nextEvent;
        final EventStore events = gateway.events;
        if (sequence - gateway.unsentFrom >= events.capacity())
        {
            flush(gateway);
        }
        gateway.nextEvent++;
        gateway.inCommand = true;
        final MutableDirectBuffer slots = events.claim(sequence);
        final int frameOffset = events.frameOffset(sequence);
        EgressFrame.header(slots, frameOffset, EgressFrame.EVENT, sequence, position, gateway.lastCommand);
        slots.putBytes(frameOffset + EgressFrame.HEADER_LENGTH, event, offset, length);
        events.commit(sequence, EgressFrame.HEADER_LENGTH + length);
    }

    private void flush(final Gateway gateway)
    {
        final long from = gateway.unsentFrom;
        gateway.unsentFrom = gateway.nextEvent;
        if (from < gateway.nextEvent && gateway.sessionId != Gateway.NO_SESSION)
        {
            send(gateway, from, gateway.nextEvent - 1);
        }
    }

    /**
     * Sends held events to the gateway's session: as EVENTS frames when it reads them, else one EVENT frame each.
     * Stops at the first frame dropped under back-pressure (counted): the gateway sees the gap and asks again.
     *
     * @return events sent.
     */
    private long send(final Gateway gateway, final long from, final long to)
    {
        final EventStore events = gateway.events;
        final DirectBuffer slots = events.buffer();
        final long sessionId = gateway.sessionId;
        long sequence = from;
        final boolean batches = (gateway.helloFlags & IngressFrame.EVENTS_BATCHES) != 0;
        while (sequence <= to)
        {
            final long first = sequence;
            final boolean sent;
            if (batches)
            {
                final MutableDirectBuffer frame = scratch;
                final long firstPosition = EgressFrame.commandPosition(slots, events.frameOffset(first));
                EgressFrame.eventsHeader(frame, 0, first, firstPosition, gateway.lastCommand);
                int end = EgressFrame.EVENTS_ENTRIES_OFFSET;
                do
                {
                    final int stored = events.frameOffset(sequence);
                    final int eventLength = events.length(sequence) - EgressFrame.HEADER_LENGTH;
                    if (sequence > first && end + EgressFrame.ENTRY_HEADER_LENGTH + eventLength > MAX_BATCH_LENGTH)
                    {
                        break;
                    }
                    end = EgressFrame.appendEntry(frame, 0, end, EgressFrame.commandPosition(slots, stored),
                        EgressFrame.flags(slots, stored), slots, stored + EgressFrame.HEADER_LENGTH, eventLength);
                    sequence++;
                }
                while (sequence <= to);
                sent = egress.send(sessionId, frame, 0, end);
            }
            else
            {
                sent = egress.send(sessionId, slots, events.frameOffset(sequence), events.length(sequence));
                sequence++;
            }
            if (!sent)
            {
                counters.increment(ServiceCounter.EGRESS_DROPPED);
                return first - from;
            }
        }
        return sequence - from;
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
