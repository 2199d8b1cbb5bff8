package io.disruptorx.gateway.support;

import java.nio.ByteOrder;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.sbe.CallbackEventSink;
import io.disruptorx.engine.sbe.DispatchRejectHandler;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A venue in the test's thread: the real matching engine applies each offered command at once (stamped with the
 * test's time, as a host does) and its events wait in order until polled. Can be told to push back or to be
 * unavailable, to signal where each command's events end, and to deliver few events per poll (as a host whose
 * events arrive while the gateway reads them). Not thread-safe: the gateway thread offers and polls, and tests call
 * the admin methods only while the gateway is not running its duty cycle (or from that thread).
 */
public final class EngineVenue implements VenueClient
{
    /** Venue time of the first command: 2023-11-14T22:13:20Z. */
    public static final long START_NANOS = 1_700_000_000_000_000_000L;
    private static final int TIMESTAMP_OFFSET = 8;

    private final MatchingEngine engine;
    private final SbeCommandDispatcher dispatcher;
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
    private final ExpandableArrayBuffer events = new ExpandableArrayBuffer(1 << 16);
    private int eventsEnd;
    private int eventsRead;
    private long sequence;
    private long timestamp = START_NANOS;
    private long result;
    private boolean closed;
    private boolean signalsCommandEnd;
    private int eventsPerPoll = Integer.MAX_VALUE;

    /**
     * @param config engine settings.
     */
    public EngineVenue(final EngineConfig config)
    {
        engine = new MatchingEngine(config, new SbeEventEncoder(new CallbackEventSink(this::onEvent)));
        dispatcher = new SbeCommandDispatcher(engine, DispatchRejectHandler.IGNORE);
    }

    /**
     * @return an engine with default settings.
     */
    public static EngineVenue withDefaults()
    {
        return new EngineVenue(EngineConfig.defaults());
    }

    /**
     * @return the engine, for admin commands (listing instruments, funding accounts, halts, limits).
     */
    public MatchingEngine engine()
    {
        return engine;
    }

    /**
     * @return time stamped on the next command.
     */
    public long nextTimestamp()
    {
        return ++timestamp;
    }

    /**
     * @param refusal {@link #BACK_PRESSURED}, {@link #NOT_CONNECTED} or 0 to take commands again.
     */
    public void refuse(final long refusal)
    {
        result = refusal;
    }

    /**
     * Makes {@link #poll} signal each command's end after its last event; call before the gateway is built.
     *
     * @return this.
     */
    public EngineVenue signalCommandEnds()
    {
        signalsCommandEnd = true;
        return this;
    }

    /**
     * @param events most events one {@link #poll} delivers, whatever its limit.
     * @return this.
     */
    public EngineVenue deliverAtMost(final int events)
    {
        eventsPerPoll = events;
        return this;
    }

    @Override
    public boolean signalsCommandEnd()
    {
        return signalsCommandEnd;
    }

    /**
     * @return commands taken so far.
     */
    public long commandsTaken()
    {
        return sequence;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (result < 0)
        {
            return result;
        }
        command.putBytes(0, buffer, offset, length);
        command.putLong(TIMESTAMP_OFFSET, nextTimestamp(), ByteOrder.LITTLE_ENDIAN);
        sequence++;
        dispatcher.dispatch(command, 0, length);
        return sequence;
    }

    @Override
    public int poll(final VenueEventHandler handler, final int limit)
    {
        int delivered = 0;
        final int most = Math.min(limit, eventsPerPoll);
        while (delivered < most && eventsRead < eventsEnd)
        {
            final long commandSequence = events.getLong(eventsRead);
            final int length = events.getInt(eventsRead + 8);
            handler.onEvent(commandSequence, events, eventsRead + 12, length);
            eventsRead += 12 + length;
            delivered++;
            if (signalsCommandEnd && (eventsRead == eventsEnd || events.getLong(eventsRead) != commandSequence))
            {
                handler.onCommandEnd(commandSequence);
            }
        }
        if (eventsRead == eventsEnd)
        {
            eventsRead = 0;
            eventsEnd = 0;
        }
        return delivered;
    }

    @Override
    public void close()
    {
        closed = true;
    }

    private void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        events.putLong(eventsEnd, sequence);
        events.putInt(eventsEnd + 8, length);
        events.putBytes(eventsEnd + 12, buffer, offset, length);
        eventsEnd += 12 + length;
    }
}
