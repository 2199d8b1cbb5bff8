package io.disruptorx.bench.gateway;

import java.nio.ByteOrder;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.disruptorx.protocol.venue.TraceContext;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A gateway's venue that only publishes: each offered command is copied into a claimed slot of a Disruptor ring,
 * its timestamp stamped over, and published, as the embedded node's input ring takes it; the ring's one consumer is
 * a no-op that marks each slot consumed on the caller's thread right after it is published. Nothing comes back
 * ({@link #poll} delivers no events). For measuring a gateway's order path up to the ring, without an engine.
 * Allocates nothing per command.
 */
public final class RingVenue implements VenueClient
{
    private static final int SLOTS = 1 << 12;
    private static final int SLOT_BYTES = 128;
    private static final int TIMESTAMP_OFFSET = 8;

    private final RingBuffer<Slot> ring = RingBuffer.createSingleProducer(Slot::new, SLOTS);
    private final Sequence consumed = new Sequence(-1);
    private final long startNanos = System.nanoTime();
    private final long startEpochNanos = System.currentTimeMillis() * 1_000_000L;
    private long published;

    /**
     * A ring of 4,096 slots of 128 bytes.
     */
    public RingVenue()
    {
        ring.addGatingSequences(consumed);
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return offer(buffer, offset, length, null);
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final TraceContext trace)
    {
        final long claimed;
        try
        {
            claimed = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return BACK_PRESSURED;
        }
        final Slot slot = ring.get(claimed);
        try
        {
            slot.buffer.putBytes(0, buffer, offset, length);
            slot.buffer.putLong(TIMESTAMP_OFFSET, startEpochNanos + System.nanoTime() - startNanos,
                ByteOrder.LITTLE_ENDIAN);
            slot.length = length;
        }
        finally
        {
            slot.publishNanos = System.nanoTime();
            ring.publish(claimed);
        }
        consumed.set(claimed);
        published++;
        return claimed + 1;
    }

    @Override
    public int poll(final VenueEventHandler handler, final int limit)
    {
        return 0;
    }

    @Override
    public void close()
    {
    }

    /**
     * @return commands published so far.
     */
    public long published()
    {
        return published;
    }

    /**
     * @return the first byte of the last command's slot (a sink the JIT cannot drop).
     */
    public byte lastByte()
    {
        return ring.get(ring.getCursor()).buffer.getByte(0);
    }

    private static final class Slot
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SLOT_BYTES]);
        int length;
        long publishNanos;
    }
}
