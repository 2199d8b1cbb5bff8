package io.disruptorx.shard.support;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A shard that can crash: it keeps its log (every command it took), and {@link #crash} replaces its engine by a new
 * one that replays the log, losing the events it had not delivered yet, as a restarted host recovers from its
 * journal.
 */
public final class CrashableShard implements VenueClient
{
    private final EngineConfig config;
    private final List<byte[]> log = new ArrayList<>();
    private EngineVenue venue;
    private int crashes;

    /**
     * @param config engine settings.
     */
    public CrashableShard(final EngineConfig config)
    {
        this.config = config;
        this.venue = new EngineVenue(config);
    }

    public MatchingEngine engine()
    {
        return venue.engine();
    }

    public int crashes()
    {
        return crashes;
    }

    /**
     * @return every command the shard took, in order (what a restart replays); not a copy.
     */
    public List<byte[]> log()
    {
        return log;
    }

    /**
     * Restarts the shard from its log; undelivered events are lost.
     */
    public void crash()
    {
        final EngineVenue restarted = new EngineVenue(config);
        for (final byte[] command : log)
        {
            if (restarted.offer(new UnsafeBuffer(command), 0, command.length) <= 0)
            {
                throw new IllegalStateException("replay refused a logged command");
            }
        }
        restarted.poll((sequence, buffer, offset, length) ->
        {
        }, Integer.MAX_VALUE);
        venue = restarted;
        crashes++;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = venue.offer(buffer, offset, length);
        if (result > 0)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            log.add(copy);
        }
        return result;
    }

    @Override
    public int poll(final VenueEventHandler handler, final int limit)
    {
        return venue.poll(handler, limit);
    }

    @Override
    public void close()
    {
        venue.close();
    }
}
