package io.disruptorx.bench.bus;

import com.lmax.disruptor.EventTranslatorOneArg;

/**
 * The ring slot used by the bus benchmarks: one long, as in the Disruptor's own throughput tests.
 */
public final class LongEvent
{
    /** Same translator for the bus and the raw Disruptor, so only the publishing path differs. */
    public static final EventTranslatorOneArg<LongEvent, long[]> FROM_HOLDER = (event, sequence, holder) ->
        event.value = holder[0];

    long value;

    /**
     * @return the value.
     */
    public long value()
    {
        return value;
    }

    /**
     * @param newValue the value.
     */
    public void value(final long newValue)
    {
        value = newValue;
    }
}
