package io.disruptorx.cluster.client;

import io.disruptorx.cluster.wire.EgressFrame;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;

/**
 * A cluster client's side of its event stream: hands the handler the next event sequence only, from EVENT frames
 * (one event) and EVENTS frames (several), drops what it has already delivered, reports a gap, stops at the poll's
 * limit, and calls {@link VenueEventHandler#onCommandEnd} after each event flagged as its command's last.
 */
final class EventDelivery
{
    /** Nothing new: a duplicate or a malformed frame. */
    static final int NOTHING = 0;
    /** At least one event delivered. */
    static final int DELIVERED = 1;
    /** Events before the frame's first are missing. */
    static final int GAP = 2;
    /** The poll's limit was reached before the frame's events were all delivered: deliver it again. */
    static final int FULL = 3;

    private final ClientCounters counters;
    private long nextEvent;
    private VenueEventHandler handler;
    private int remaining;
    private int delivered;

    /**
     * @param counters the client's counters.
     */
    EventDelivery(final ClientCounters counters)
    {
        this.counters = counters;
    }

    /**
     * Starts a poll.
     *
     * @param handler receiving the events.
     * @param limit   most events delivered.
     */
    void start(final VenueEventHandler handler, final int limit)
    {
        this.handler = handler;
        this.remaining = limit;
        this.delivered = 0;
    }

    /**
     * Ends a poll.
     *
     * @return events delivered since {@link #start}.
     */
    int finish()
    {
        handler = null;
        return delivered;
    }

    /**
     * @return whether the poll's limit is reached.
     */
    boolean full()
    {
        return remaining == 0;
    }

    /**
     * @return the sequence of the next event to deliver, 0 before the stream's position is known.
     */
    long nextEvent()
    {
        return nextEvent;
    }

    /**
     * An ACK: before the stream's position is known only the answer to a HELLO sets it (any other ACK may come
     * after events never received); after, an ACK announcing a later next event tells of a gap.
     *
     * @param sequence the sequence the gateway's next event will carry.
     * @param answer   whether the ACK answers a HELLO or RESEND.
     * @return {@link #GAP} or {@link #NOTHING}.
     */
    int onAck(final long sequence, final boolean answer)
    {
        if (nextEvent == 0)
        {
            if (answer)
            {
                nextEvent = sequence;
            }
            return NOTHING;
        }
        return sequence > nextEvent ? GAP : NOTHING;
    }

    /**
     * A LOST marker: the events below {@code sequence} are gone; they are counted and skipped.
     *
     * @param sequence the lowest event the cluster still holds.
     */
    void onLost(final long sequence)
    {
        if (sequence > nextEvent)
        {
            counters.eventsLost += nextEvent == 0 ? 0 : sequence - nextEvent;
            nextEvent = sequence;
        }
    }

    /**
     * @param buffer holding an EVENT frame.
     * @param offset of the frame.
     * @param length of the frame.
     * @return {@link #DELIVERED}, {@link #GAP} or {@link #NOTHING}.
     */
    int onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        final long sequence = EgressFrame.eventSequence(buffer, offset);
        if (nextEvent == 0 || sequence > nextEvent)
        {
            return GAP;
        }
        if (sequence < nextEvent)
        {
            counters.duplicateEvents++;
            return NOTHING;
        }
        nextEvent = sequence + 1;
        deliver(EgressFrame.commandPosition(buffer, offset), EgressFrame.flags(buffer, offset), buffer,
            offset + EgressFrame.HEADER_LENGTH, length - EgressFrame.HEADER_LENGTH);
        return DELIVERED;
    }

    /**
     * Delivers the events of an EVENTS frame from the next one wanted on; the ones before it were delivered
     * already (the frame came again after a resend, or a poll's limit cut it short last time).
     *
     * @param buffer holding an EVENTS frame.
     * @param offset of the frame.
     * @param length of the frame.
     * @return {@link #DELIVERED}, {@link #GAP}, {@link #FULL} or {@link #NOTHING}.
     */
    int onEvents(final DirectBuffer buffer, final int offset, final int length)
    {
        final int count = length < EgressFrame.EVENTS_ENTRIES_OFFSET ? 0 : EgressFrame.eventCount(buffer, offset);
        if (count <= 0 || !entriesFit(buffer, offset, length, count))
        {
            counters.malformedFrames++;
            return NOTHING;
        }
        final long first = EgressFrame.eventSequence(buffer, offset);
        if (nextEvent == 0 || first > nextEvent)
        {
            return GAP;
        }
        if (first + count <= nextEvent)
        {
            counters.duplicateEvents += count;
            return NOTHING;
        }
        int entry = offset + EgressFrame.EVENTS_ENTRIES_OFFSET;
        for (long sequence = first, last = first + count - 1; sequence <= last; sequence++)
        {
            final int eventLength = EgressFrame.entryLength(buffer, entry);
            if (sequence == nextEvent)
            {
                if (remaining == 0)
                {
                    return FULL;
                }
                nextEvent = sequence + 1;
                deliver(EgressFrame.entryPosition(buffer, entry), EgressFrame.entryFlags(buffer, entry), buffer,
                    entry + EgressFrame.ENTRY_HEADER_LENGTH, eventLength);
            }
            entry += EgressFrame.ENTRY_HEADER_LENGTH + eventLength;
        }
        return DELIVERED;
    }

    private void deliver(
        final long commandPosition, final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        remaining--;
        delivered++;
        counters.eventsDelivered++;
        handler.onEvent(commandPosition, buffer, offset, length);
        if ((flags & EgressFrame.COMMAND_END) != 0)
        {
            handler.onCommandEnd(commandPosition);
        }
    }

    /**
     * @return whether the frame holds exactly {@code count} entries, none empty.
     */
    private static boolean entriesFit(final DirectBuffer buffer, final int offset, final int length, final int count)
    {
        final int end = offset + length;
        int entry = offset + EgressFrame.EVENTS_ENTRIES_OFFSET;
        for (int i = 0; i < count; i++)
        {
            if (end - entry < EgressFrame.ENTRY_HEADER_LENGTH)
            {
                return false;
            }
            final int eventLength = EgressFrame.entryLength(buffer, entry);
            entry += EgressFrame.ENTRY_HEADER_LENGTH;
            if (eventLength <= 0 || eventLength > end - entry)
            {
                return false;
            }
            entry += eventLength;
        }
        return entry == end;
    }
}
