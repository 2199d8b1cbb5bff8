package io.disruptorx.protocol.venue;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Events a venue answered at once, waiting in order, each behind its length, until {@link #poll} hands them to a
 * {@link VenueEventHandler}; the buffer starts over once everything was delivered. One thread.
 */
public final class PendingEvents
{
    private final MutableDirectBuffer events;
    private int end;
    private int read;

    /**
     * @param events where events wait: a fixed buffer bounds what may wait, an expandable one grows.
     */
    public PendingEvents(final MutableDirectBuffer events)
    {
        this.events = events;
    }

    /**
     * @return the buffer to encode the next event into, at {@link #nextOffset()}.
     */
    public MutableDirectBuffer buffer()
    {
        return events;
    }

    /**
     * @return where the next event starts in {@link #buffer()}.
     */
    public int nextOffset()
    {
        return end + Integer.BYTES;
    }

    /**
     * Makes the event encoded at {@link #nextOffset()} wait for the next poll.
     *
     * @param length of the event, header and body.
     */
    public void commit(final int length)
    {
        events.putInt(end, length);
        end += Integer.BYTES + length;
    }

    /**
     * Copies an event in.
     */
    public void add(final DirectBuffer buffer, final int offset, final int length)
    {
        events.putBytes(nextOffset(), buffer, offset, length);
        commit(length);
    }

    /**
     * @param handler         receives the events, oldest first.
     * @param limit           events delivered at most.
     * @param commandSequence what the handler is told caused them.
     * @return events delivered.
     */
    public int poll(final VenueEventHandler handler, final int limit, final long commandSequence)
    {
        int delivered = 0;
        while (delivered < limit && read < end)
        {
            final int length = events.getInt(read);
            handler.onEvent(commandSequence, events, read + Integer.BYTES, length);
            read += Integer.BYTES + length;
            delivered++;
        }
        if (read == end)
        {
            clear();
        }
        return delivered;
    }

    /**
     * Drops every waiting event.
     */
    public void clear()
    {
        read = 0;
        end = 0;
    }
}
