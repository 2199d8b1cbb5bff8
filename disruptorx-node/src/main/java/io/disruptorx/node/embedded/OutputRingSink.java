package io.disruptorx.node.embedded;

import com.lmax.disruptor.RingBuffer;
import io.disruptorx.engine.sbe.EventSink;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Where the engine's encoder writes: straight into output ring slots (claim, encode in place, publish), tagged
 * with the command that caused the event. While the node replays its journal on start, events go to a scratch
 * buffer instead: clients were answered before the crash.
 */
final class OutputRingSink implements EventSink
{
    private final RingBuffer<OutputSlot> ring;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[OutputSlot.CAPACITY]);
    private boolean suppressed;
    private long claimed;
    private OutputSlot slot;
    private long commandSequence;
    private long commandPublishNanos;
    private long commandEngineNanos;

    OutputRingSink(final RingBuffer<OutputSlot> ring)
    {
        this.ring = ring;
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
        claimed = ring.next();
        slot = ring.get(claimed);
        slot.length = length;
        slot.commandSequence = commandSequence;
        slot.commandPublishNanos = commandPublishNanos;
        slot.commandEngineNanos = commandEngineNanos;
        return 0;
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
            ring.publish(claimed);
        }
    }
}
