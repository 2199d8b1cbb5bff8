package io.disruptorx.node.embedded;

import java.nio.ByteOrder;
import java.util.function.LongSupplier;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.disruptorx.core.metrics.Counter;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.venue.TraceContext;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;

/**
 * The embedded node as a gateway's venue. {@link #offer} copies a command into a claimed input ring slot,
 * stamps the host's time over its timestamp and publishes it, never waiting: a full ring is
 * {@link #BACK_PRESSURED} (counted in {@code dx_input_ring_full_total}). {@link #poll} reads the output ring
 * through its own Disruptor {@link EventPoller}: a gating sequence of the output ring, so every execution event
 * is delivered exactly once, in ring order, and only after the engine emitted it, which is after the journal
 * step forced its command (the engine runs behind the journal). Market data on the same ring is skipped.
 * The engine marks the last event of each command, so {@link #poll} tells its handler where each command's
 * events end ({@link VenueEventHandler#onCommandEnd}, after the mark, whether the marked event is an execution
 * event or market data). Nothing is copied and nothing allocated per event; no locks. With the node's tracing on,
 * a command offered with a sampled trace context carries it in its slot (not in the journalled bytes) for the
 * node's spans; with tracing off the context is ignored.
 *
 * <p>The poller joins the ring at its current cursor when the client is made, so it sees every event from then
 * on; while it is open the engine cannot run more than a ring's length ahead of it, so its thread must keep
 * polling. {@link #close} removes it from the ring's gating sequences.
 */
public final class EmbeddedVenueClient implements VenueClient, EventPoller.Handler<OutputSlot>
{
    private static final int TIMESTAMP_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int EVENTS_SCHEMA = MessageHeaderDecoder.SCHEMA_ID;

    private final RingBuffer<CommandSlot> input;
    private final RingBuffer<OutputSlot> output;
    private final EventPoller<OutputSlot> poller;
    private final long sequenceBase;
    private final LongSupplier epochNanos;
    private final LongSupplier nanoTime;
    private final Counter ringFull;
    private final boolean tracing;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private VenueEventHandler handler;
    private int limit;
    private int delivered;
    private volatile boolean closed;

    EmbeddedVenueClient(
        final RingBuffer<CommandSlot> input,
        final RingBuffer<OutputSlot> output,
        final long sequenceBase,
        final LongSupplier epochNanos,
        final LongSupplier nanoTime,
        final Counter ringFull,
        final boolean tracing)
    {
        this.tracing = tracing;
        this.input = input;
        this.output = output;
        this.sequenceBase = sequenceBase;
        this.epochNanos = epochNanos;
        this.nanoTime = nanoTime;
        this.ringFull = ringFull;
        this.poller = output.newPoller();
        output.addGatingSequences(poller.getSequence());
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return offer(buffer, offset, length, null);
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final TraceContext trace)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (length < TIMESTAMP_OFFSET + Long.BYTES || length > CommandSlot.CAPACITY)
        {
            throw new IllegalArgumentException("a command has " + (TIMESTAMP_OFFSET + Long.BYTES) + " to " +
                CommandSlot.CAPACITY + " bytes, was " + length);
        }
        final long claimed;
        try
        {
            claimed = input.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            ringFull.increment();
            return BACK_PRESSURED;
        }
        final CommandSlot slot = input.get(claimed);
        try
        {
            slot.buffer.putBytes(0, buffer, offset, length);
            slot.buffer.putLong(TIMESTAMP_OFFSET, epochNanos.getAsLong(), ByteOrder.LITTLE_ENDIAN);
            slot.length = length;
        }
        finally
        {
            slot.sequence = sequenceBase + claimed;
            slot.publishNanos = nanoTime.getAsLong();
            if (tracing && trace != null && trace.sampled())
            {
                slot.traced = true;
                slot.traceIdHigh = trace.traceIdHigh();
                slot.traceIdLow = trace.traceIdLow();
                slot.parentSpanId = trace.parentSpanId();
                slot.receiveNanos = trace.receiveNanos();
            }
            input.publish(claimed);
        }
        return sequenceBase + claimed;
    }

    @Override
    public int poll(final VenueEventHandler handler, final int limit)
    {
        if (closed || limit <= 0)
        {
            return 0;
        }
        this.handler = handler;
        this.limit = limit;
        this.delivered = 0;
        try
        {
            poller.poll(this);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        return delivered;
    }

    @Override
    public boolean onEvent(final OutputSlot slot, final long sequence, final boolean endOfBatch)
    {
        header.wrap(slot.buffer, 0);
        if (header.schemaId() == EVENTS_SCHEMA)
        {
            handler.onEvent(slot.commandSequence, slot.buffer, 0, slot.length);
            delivered++;
        }
        if (slot.commandEnd)
        {
            handler.onCommandEnd(slot.commandSequence);
        }
        return delivered < limit;
    }

    @Override
    public boolean signalsCommandEnd()
    {
        return true;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            output.removeGatingSequence(poller.getSequence());
        }
    }
}
