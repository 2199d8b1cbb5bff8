package io.disruptorx.shard.support;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;

/**
 * A shard's venue that keeps a copy of every command it took, in order: the shard's log, for a replay.
 */
public final class RecordingVenue implements VenueClient
{
    private final EngineVenue venue;
    private final List<byte[]> log = new ArrayList<>();

    /**
     * @param venue the shard's venue.
     */
    public RecordingVenue(final EngineVenue venue)
    {
        this.venue = venue;
    }

    public EngineVenue venue()
    {
        return venue;
    }

    /**
     * @return the commands taken, in order.
     */
    public List<byte[]> log()
    {
        return log;
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
