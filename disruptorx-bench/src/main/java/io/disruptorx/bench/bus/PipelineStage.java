package io.disruptorx.bench.bus;

import com.lmax.disruptor.EventHandler;

/**
 * A middle stage of the 3-stage pipeline: a little arithmetic on the slot, as the Disruptor's pipeline test does.
 */
public final class PipelineStage implements EventHandler<LongEvent>
{
    private final long multiplier;

    /**
     * @param multiplier what this stage multiplies by.
     */
    public PipelineStage(final long multiplier)
    {
        this.multiplier = multiplier;
    }

    @Override
    public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch)
    {
        event.value = event.value * multiplier + 1;
    }
}
