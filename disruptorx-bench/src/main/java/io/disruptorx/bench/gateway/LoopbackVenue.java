package io.disruptorx.bench.gateway;

import java.nio.ByteOrder;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.sbe.CallbackEventSink;
import io.disruptorx.engine.sbe.DispatchRejectHandler;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import io.disruptorx.protocol.venue.PendingEvents;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The real engine behind a {@link VenueClient} on the caller's thread, with no rings, journal or sockets: each
 * offered command is applied at once and its events wait in a fixed buffer until polled. For measuring the
 * gateway's own path (decode, session, conversion, routing, store, encode) alone. Allocates nothing per command.
 */
final class LoopbackVenue implements VenueClient
{
    private static final int TIMESTAMP_OFFSET = 8;
    private static final int EVENTS_CAPACITY = 1 << 20;

    private final MatchingEngine engine;
    private final SbeCommandDispatcher dispatcher;
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
    private final PendingEvents events = new PendingEvents(new UnsafeBuffer(new byte[EVENTS_CAPACITY]));
    private long sequence;
    private long timestamp = 1_700_000_000_000_000_000L;

    LoopbackVenue()
    {
        engine = new MatchingEngine(EngineConfig.defaults(), new SbeEventEncoder(new CallbackEventSink(this::onEvent)));
        dispatcher = new SbeCommandDispatcher(engine, DispatchRejectHandler.IGNORE);
    }

    MatchingEngine engine()
    {
        return engine;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        command.putBytes(0, buffer, offset, length);
        command.putLong(TIMESTAMP_OFFSET, ++timestamp, ByteOrder.LITTLE_ENDIAN);
        sequence++;
        dispatcher.dispatch(command, 0, length);
        return sequence;
    }

    @Override
    public int poll(final VenueEventHandler handler, final int limit)
    {
        return events.poll(handler, limit, sequence);
    }

    @Override
    public void close()
    {
        events.clear();
    }

    private void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        if (events.nextOffset() + length > EVENTS_CAPACITY)
        {
            throw new IllegalStateException("events not polled: the buffer of " + EVENTS_CAPACITY + " bytes is full");
        }
        events.add(buffer, offset, length);
    }
}
