package io.disruptorx.bench.bus;

import java.util.Arrays;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.disruptorx.core.bus.EventBus;
import io.disruptorx.core.bus.PartitionProducer;
import io.disruptorx.core.bus.Topic;
import io.disruptorx.core.bus.TopicConfig;
import io.disruptorx.core.wait.WaitStrategies;

/**
 * The publishing path alone, on one thread: rings without consumers never fill, so a run measures what a publish
 * costs the producer, free of the consumer and of how the host schedules two threads. Contenders, rotated every
 * round: the bus's {@link PartitionProducer}; the raw Disruptor loop ({@link LongEventPublisher}) on the same bus
 * ring; the raw loop on a raw ring; and {@link #rawCopy}, a second method with the raw loop's source, compiled on
 * its own: the A/A control for what C2's compilation of one loop, not its source, is worth. Prints each contender's
 * median and the median of its per-round ratios to the raw loop on the raw ring.
 */
public final class PublishPathQuickBench
{
    private static final int RING_SIZE = 64 * 1024;
    private static final String[] NAMES = {"bus producer", "raw loop, bus ring", "raw loop, raw ring",
        "raw loop copy, raw ring"};
    private static final int RAW = 2;

    private PublishPathQuickBench()
    {
    }

    /**
     * @param args rounds (default 5) and events per run (default 100,000,000).
     */
    public static void main(final String[] args)
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final long events = args.length > 1 ? Long.parseLong(args[1]) : 100_000_000L;
        final EventBus bus = new EventBus();
        final Topic<LongEvent> topic = bus.createTopic(TopicConfig.builder("publish-path", LongEvent::new)
            .ringSize(RING_SIZE).producerType(ProducerType.SINGLE).waitStrategy(WaitStrategies.YIELDING).build());
        bus.start();
        final PartitionProducer<LongEvent> producer = topic.producer(0);
        final RingBuffer<LongEvent> busRing = topic.ring(0);
        final RingBuffer<LongEvent> raw = RingBuffer.createSingleProducer(LongEvent::new, RING_SIZE,
            new YieldingWaitStrategy());
        final long[] holder = new long[1];
        final long[][] eps = new long[NAMES.length][rounds];
        for (int r = -2; r < rounds; r++)
        {
            for (int i = 0; i < NAMES.length; i++)
            {
                final int contender = (Math.max(r, 0) + i) % NAMES.length;
                final long begin = System.nanoTime();
                switch (contender)
                {
                    case 0 -> LongEventPublisher.publish(producer, holder, events);
                    case 1 -> LongEventPublisher.publish(busRing, holder, events);
                    case RAW -> LongEventPublisher.publish(raw, holder, events);
                    default -> rawCopy(raw, holder, events);
                }
                if (r >= 0)
                {
                    eps[contender][r] = events * 1_000_000_000L / (System.nanoTime() - begin);
                }
            }
        }
        bus.close();
        for (int c = 0; c < NAMES.length; c++)
        {
            final double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++)
            {
                ratios[r] = (double) eps[c][r] / eps[RAW][r];
            }
            System.out.printf("%-24s median %,d ev/s, / raw loop on raw ring %.3f, runs %s%n", NAMES[c],
                BusQuickBench.median(eps[c]), BusQuickBench.median(ratios), Arrays.toString(eps[c]));
        }
    }

    /**
     * The raw loop's source again, as a method of its own.
     *
     * @param ring   the ring.
     * @param holder the translator's argument.
     * @param count  events to publish.
     */
    static void rawCopy(final RingBuffer<LongEvent> ring, final long[] holder, final long count)
    {
        for (long i = 0; i < count; i++)
        {
            holder[0] = i;
            ring.publishEvent(LongEvent.FROM_HOLDER, holder);
        }
    }
}
