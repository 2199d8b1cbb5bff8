package io.disruptorx.bench.bus;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.disruptorx.core.bus.EventBus;
import io.disruptorx.core.bus.PartitionProducer;
import io.disruptorx.core.bus.Topic;
import io.disruptorx.core.bus.TopicConfig;
import io.disruptorx.core.wait.WaitStrategies;

/**
 * One-JVM side-by-side 1P1C throughput: the EventBus (publishing through the partition's
 * {@link PartitionProducer}, as a producer thread should), the raw Disruptor with the same wait strategy (yielding:
 * two threads on two cores), and an ArrayBlockingQueue. Two warm-up rounds, then seven timed rounds in which the bus
 * and the Disruptor alternate who goes first; the median of each is reported. Progress goes to stderr; the last
 * stdout line is {@code RESULT bus ours_eps=<n> disruptor_eps=<n> abq_eps=<n>}. Finishes in well under a minute.
 */
public final class BusQuickBench
{
    private static final int RING_SIZE = 64 * 1024;
    private static final long DISRUPTOR_EVENTS = 100_000_000L;
    private static final long ABQ_EVENTS = 10_000_000L;
    private static final int RUNS = 7;
    private static final long RUN_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private BusQuickBench()
    {
    }

    static int runs(final String[] args)
    {
        int runs = RUNS;
        for (final String arg : args)
        {
            if ("--quick".equals(arg))
            {
                continue;
            }
            try
            {
                runs = Integer.parseInt(arg);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(
                    "unknown argument '" + arg + "': expected --quick or a number of runs per contender", ex);
            }
            if (runs < 1)
            {
                throw new IllegalArgumentException("runs per contender must be at least 1, was " + runs);
            }
        }
        return runs;
    }

    /**
     * @param args {@code --quick} (the default length, under a minute) and/or a number of timed runs per
     *             contender.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int runs = runs(args);
        final long start = System.nanoTime();
        progress(start, "1P1C, ring " + RING_SIZE + ", wait strategy: yielding (bus and raw Disruptor); ABQ "
            + "put/take; " + runs + " runs each");
        for (int w = 1; w <= 2; w++)
        {
            progress(start, "warm-up " + w + "/2: bus " + runBus(DISRUPTOR_EVENTS / 2) + " ev/s, disruptor "
                + runDisruptor(DISRUPTOR_EVENTS / 2) + " ev/s, abq " + runAbq(ABQ_EVENTS / 2) + " ev/s");
        }
        final long[] ours = new long[runs];
        final long[] raw = new long[runs];
        final long[] abq = new long[runs];
        for (int r = 0; r < runs; r++)
        {
            // alternate who goes first: the run after the ABQ one (futex-heavy) or after a fresh JIT starts colder
            if ((r & 1) == 0)
            {
                ours[r] = runBus(DISRUPTOR_EVENTS);
                raw[r] = runDisruptor(DISRUPTOR_EVENTS);
            }
            else
            {
                raw[r] = runDisruptor(DISRUPTOR_EVENTS);
                ours[r] = runBus(DISRUPTOR_EVENTS);
            }
            abq[r] = runAbq(ABQ_EVENTS);
            progress(start, "run " + (r + 1) + "/" + runs + ": bus " + ours[r] + " ev/s, disruptor " + raw[r]
                + " ev/s, abq " + abq[r] + " ev/s");
        }
        final long oursMedian = median(ours);
        final long rawMedian = median(raw);
        final long abqMedian = median(abq);
        progress(start, String.format("done: bus/disruptor = %.3f", (double) oursMedian / rawMedian));
        System.out.println("bus 1P1C yielding: " + Arrays.toString(ours));
        System.out.println("disruptor 1P1C yielding: " + Arrays.toString(raw));
        System.out.println("abq 1P1C: " + Arrays.toString(abq));
        System.out.println("RESULT bus ours_eps=" + oursMedian + " disruptor_eps=" + rawMedian + " abq_eps="
            + abqMedian);
    }

    private static void progress(final long start, final String message)
    {
        System.err.printf("[bus-quick-bench %5.1fs] %s%n", (System.nanoTime() - start) / 1e9, message);
    }

    private static long median(final long[] values)
    {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static long runBus(final long events) throws InterruptedException
    {
        final EventBus bus = new EventBus();
        final Topic<LongEvent> topic = bus.createTopic(TopicConfig.builder("bench", LongEvent::new)
            .ringSize(RING_SIZE).producerType(ProducerType.SINGLE).waitStrategy(WaitStrategies.YIELDING).build());
        final CountingHandler handler = new CountingHandler();
        topic.subscribe("counter", handler);
        bus.start();
        final PartitionProducer<LongEvent> producer = topic.producer(0);
        final long begin = System.nanoTime();
        LongEventPublisher.publish(producer, new long[1], events);
        handler.awaitCount(events, begin + RUN_DEADLINE_NANOS);
        final long elapsed = System.nanoTime() - begin;
        if (!bus.close(Duration.ofSeconds(5)))
        {
            throw new IllegalStateException("bus did not close");
        }
        return events * 1_000_000_000L / elapsed;
    }

    static long runDisruptor(final long events) throws Exception
    {
        final Disruptor<LongEvent> disruptor = new Disruptor<>(LongEvent::new, RING_SIZE,
            DaemonThreadFactory.INSTANCE, ProducerType.SINGLE, WaitStrategies.YIELDING.create());
        final CountingHandler handler = new CountingHandler();
        disruptor.handleEventsWith(handler);
        final RingBuffer<LongEvent> ring = disruptor.start();
        final long begin = System.nanoTime();
        LongEventPublisher.publish(ring, new long[1], events);
        handler.awaitCount(events, begin + RUN_DEADLINE_NANOS);
        final long elapsed = System.nanoTime() - begin;
        disruptor.shutdown(5, TimeUnit.SECONDS);
        return events * 1_000_000_000L / elapsed;
    }

    static long runAbq(final long events) throws InterruptedException
    {
        final ArrayBlockingQueue<Long> queue = new ArrayBlockingQueue<>(RING_SIZE);
        final Long[] values = new Long[1024];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = (long) i + 1_000;
        }
        final long[] sum = new long[1];
        final Thread consumer = new Thread(() ->
        {
            try
            {
                long s = 0;
                for (long i = 0; i < events; i++)
                {
                    s += queue.take();
                }
                sum[0] = s;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "abq-consumer");
        consumer.setDaemon(true);
        consumer.start();
        final long begin = System.nanoTime();
        for (long i = 0; i < events; i++)
        {
            queue.put(values[(int) (i & 1023)]);
        }
        consumer.join(TimeUnit.NANOSECONDS.toMillis(RUN_DEADLINE_NANOS));
        final long elapsed = System.nanoTime() - begin;
        if (consumer.isAlive())
        {
            throw new IllegalStateException("ABQ consumer stuck");
        }
        return events * 1_000_000_000L / elapsed;
    }
}
