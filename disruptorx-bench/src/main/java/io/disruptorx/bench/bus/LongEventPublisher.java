package io.disruptorx.bench.bus;

import com.lmax.disruptor.RingBuffer;
import io.disruptorx.core.bus.PartitionProducer;

/**
 * The publishing loop every bus benchmark measures, once for the bus and once for the raw Disruptor: events 0 to
 * count - 1 through {@link LongEvent#FROM_HOLDER}, so only the publishing path differs between contenders.
 */
final class LongEventPublisher
{
    private LongEventPublisher()
    {
    }

    /**
     * @param producer the bus partition's producer.
     * @param holder   the translator's argument, reused.
     * @param count    events to publish.
     */
    static void publish(final PartitionProducer<LongEvent> producer, final long[] holder, final long count)
    {
        for (long i = 0; i < count; i++)
        {
            holder[0] = i;
            producer.publish(LongEvent.FROM_HOLDER, holder);
        }
    }

    /**
     * @param ring   the Disruptor's ring.
     * @param holder the translator's argument, reused.
     * @param count  events to publish.
     */
    static void publish(final RingBuffer<LongEvent> ring, final long[] holder, final long count)
    {
        for (long i = 0; i < count; i++)
        {
            holder[0] = i;
            ring.publishEvent(LongEvent.FROM_HOLDER, holder);
        }
    }
}
