package io.disruptorx.node.embedded;

import java.util.function.IntSupplier;

import com.lmax.disruptor.RingBuffer;
import io.disruptorx.engine.sbe.EventSink;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Where the engine's encoder writes: straight into output ring slots (claim, encode in place, publish), tagged
 * with the command that caused the event. While the node replays its journal on start, events go to a scratch
 * buffer instead: clients were answered before the crash. When the output consumers run on the engine's own thread
 * ({@link ThreadingMode#SHARED}), a full ring is drained through them before the claim instead of waiting for a
 * thread that would never come. With tracing on, each event of a sampled command carries its trace context and
 * timeline, and the time the engine emitted it.
 *
 * <p>Each event is published when the next one is claimed or when its command ends ({@link #endCommand}), so the
 * last event of a command is published with its {@code commandEnd} mark set: a reader that sees the mark knows the
 * command's events are all in the ring before it. Nothing is allocated.
 */
final class OutputRingSink implements EventSink
{
    private final RingBuffer<OutputSlot> ring;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[OutputSlot.CAPACITY]);
    private IntSupplier drainWhenFull;
    private boolean suppressed;
    private long claimed;
    private long held = -1;
    private OutputSlot slot;
    private long commandSequence;
    private long commandPublishNanos;
    private long commandEngineNanos;
    private final boolean tracing;
    private boolean commandTraced;
    private long traceIdHigh;
    private long traceIdLow;
    private long parentSpanId;
    private long receiveNanos;
    private long durableNanos;

    OutputRingSink(final RingBuffer<OutputSlot> ring, final boolean tracing)
    {
        this.ring = ring;
        this.tracing = tracing;
    }

    /**
     * @param drain delivers the output ring's backlog on the calling thread and returns how many events it took,
     *              or {@code null} when consumers have threads of their own.
     */
    void drainWhenFull(final IntSupplier drain)
    {
        this.drainWhenFull = drain;
    }

    void suppress(final boolean suppressed)
    {
        this.suppressed = suppressed;
    }

    void command(final long sequence, final long publishNanos, final long engineNanos)
    {
        commandSequence = sequence;
        commandPublishNanos = publishNanos;
        commandEngineNanos = engineNanos;
    }

    /**
     * Takes the trace of the command whose events come next (only called with tracing on).
     */
    void trace(final CommandSlot command)
    {
        commandTraced = command.traced;
        if (command.traced)
        {
            traceIdHigh = command.traceIdHigh;
            traceIdLow = command.traceIdLow;
            parentSpanId = command.parentSpanId;
            receiveNanos = command.receiveNanos;
            durableNanos = command.durableNanos;
        }
    }

    @Override
    public int claim(final int length)
    {
        if (length > OutputSlot.CAPACITY)
        {
            throw new IllegalStateException("event of " + length + " bytes exceeds slot of " + OutputSlot.CAPACITY);
        }
        if (suppressed)
        {
            return 0;
        }
        publishHeld(false);
        if (drainWhenFull != null)
        {
            awaitCapacity();
        }
        claimed = ring.next();
        slot = ring.get(claimed);
        slot.length = length;
        slot.commandEnd = false;
        slot.commandSequence = commandSequence;
        slot.commandPublishNanos = commandPublishNanos;
        slot.commandEngineNanos = commandEngineNanos;
        if (tracing)
        {
            stampTrace(slot);
        }
        return 0;
    }

    private void stampTrace(final OutputSlot slot)
    {
        slot.traced = commandTraced;
        if (commandTraced)
        {
            slot.traceIdHigh = traceIdHigh;
            slot.traceIdLow = traceIdLow;
            slot.parentSpanId = parentSpanId;
            slot.receiveNanos = receiveNanos;
            slot.durableNanos = durableNanos;
            slot.appliedNanos = System.nanoTime();
        }
    }

    /**
     * Drains the ring until it has a free slot; if another consumer (a gateway's poller, on its own thread) is what
     * holds it full, yields to it.
     */
    private void awaitCapacity()
    {
        while (!ring.hasAvailableCapacity(1))
        {
            if (drainWhenFull.getAsInt() == 0)
            {
                Thread.yield();
            }
        }
    }

    @Override
    public MutableDirectBuffer buffer()
    {
        return suppressed ? scratch : slot.buffer;
    }

    @Override
    public void commit()
    {
        if (!suppressed)
        {
            held = claimed;
        }
    }

    /**
     * The current command has emitted all its events: its last one, held until now, is published marked as the
     * command's end. A command without events publishes nothing.
     */
    void endCommand()
    {
        publishHeld(true);
    }

    private void publishHeld(final boolean commandEnd)
    {
        final long sequence = held;
        if (sequence >= 0)
        {
            held = -1;
            if (commandEnd)
            {
                ring.get(sequence).commandEnd = true;
            }
            ring.publish(sequence);
        }
    }
}
