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
 * two threads on two cores), and an ArrayBlockingQueue. Two warm-up rounds, then eight timed rounds in which the bus
 * and the Disruptor take turns to go first (each first in half of them: a run's place in its round moves it by up to
 * 10-20% on this machine), then the ABQ's timed runs; the median of each is reported, and the median of the rounds'
 * own ratios (each round's bus over the same round's Disruptor). With {@code --control} each round also runs the raw
 * Disruptor a second time (nine rounds, the three contenders rotated) and reports that run over the first: an A/A
 * comparison, the spread this bench shows between two identical contenders. Progress goes to stderr; the last
 * stdout line is {@code RESULT bus ours_eps=<n> disruptor_eps=<n> abq_eps=<n>}. Finishes in about a minute.
 */
public final class BusQuickBench
{
    private static final int RING_SIZE = 64 * 1024;
    private static final long DISRUPTOR_EVENTS = 100_000_000L;
    private static final long ABQ_EVENTS = 10_000_000L;
    private static final int RUNS = 8;
    private static final int CONTROL_RUNS = 9;
    private static final long RUN_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final String CONTROL = "--control";

    private BusQuickBench()
    {
    }

    static int runs(final String[] args)
    {
        int runs = control(args) ? CONTROL_RUNS : RUNS;
        for (final String arg : args)
        {
            if ("--quick".equals(arg) || CONTROL.equals(arg))
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

    static boolean control(final String[] args)
    {
        return Arrays.asList(args).contains(CONTROL);
    }

    /**
     * @param args {@code --quick} (the default length, under a minute), {@code --control} (the A/A run too) and/or
     *             a number of timed runs per contender.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int runs = runs(args);
        final boolean control = control(args);
        final long start = System.nanoTime();
        progress(start, "1P1C, ring " + RING_SIZE + ", wait strategy: yielding (bus and raw Disruptor); ABQ "
            + "put/take; " + runs + " runs each");
        for (int w = 1; w <= 2; w++)
        {
            progress(start, "warm-up " + w + "/2: bus " + runBus(DISRUPTOR_EVENTS / 2) + " ev/s, disruptor "
                + runDisruptor(DISRUPTOR_EVENTS / 2) + " ev/s, abq " + runAbq(ABQ_EVENTS / 2) + " ev/s");
        }
        final long[][] eps = new long[control ? 3 : 2][runs];
        for (int r = 0; r < runs; r++)
        {
            // rotate who goes first, so every contender runs in every position equally often (with a run count that
            // is a multiple of the contenders'): a run's position in its round moves it by up to 10-20% here
            for (int i = 0; i < eps.length; i++)
            {
                final int contender = (r + i) % eps.length;
                eps[contender][r] = contender == 0 ? runBus(DISRUPTOR_EVENTS) : runDisruptor(DISRUPTOR_EVENTS);
            }
            progress(start, "run " + (r + 1) + "/" + runs + ": bus " + eps[0][r] + " ev/s, disruptor " + eps[1][r]
                + " ev/s" + (control ? ", disruptor again " + eps[2][r] + " ev/s" : ""));
        }
        final long[] ours = eps[0];
        final long[] raw = eps[1];
        final long[] abq = new long[runs];
        for (int r = 0; r < runs; r++)
        {
            abq[r] = runAbq(ABQ_EVENTS);
        }
        final long oursMedian = median(ours);
        final long rawMedian = median(raw);
        final long abqMedian = median(abq);
        progress(start, String.format("done: bus/disruptor = %.3f", (double) oursMedian / rawMedian));
        System.out.println("bus 1P1C yielding: " + Arrays.toString(ours));
        System.out.println("disruptor 1P1C yielding: " + Arrays.toString(raw));
        System.out.println("abq 1P1C: " + Arrays.toString(abq));
        final double[] ratios = ratios(ours, raw);
        System.out.println(String.format("bus/disruptor per round: %s, median %.3f", ratioList(ratios),
            median(ratios)));
        if (control)
        {
            final double[] controlRatios = ratios(eps[2], raw);
            System.out.println("disruptor again 1P1C yielding: " + Arrays.toString(eps[2]));
            System.out.println(String.format("control, disruptor again/disruptor per round: %s, median %.3f",
                ratioList(controlRatios), median(controlRatios)));
        }
        System.out.println("RESULT bus ours_eps=" + oursMedian + " disruptor_eps=" + rawMedian + " abq_eps="
            + abqMedian);
    }

    private static void progress(final long start, final String message)
    {
        System.err.printf("[bus-quick-bench %5.1fs] %s%n", (System.nanoTime() - start) / 1e9, message);
    }

    static long median(final long[] values)
    {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        final int half = sorted.length / 2;
        return (sorted.length & 1) == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }

    static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int half = sorted.length / 2;
        return (sorted.length & 1) == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }

    private static double[] ratios(final long[] numerators, final long[] denominators)
    {
        final double[] ratios = new double[numerators.length];
        for (int i = 0; i < ratios.length; i++)
        {
            ratios[i] = (double) numerators[i] / denominators[i];
        }
        return ratios;
    }

    private static String ratioList(final double[] ratios)
    {
        final StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < ratios.length; i++)
        {
            list.append(i == 0 ? "" : ", ").append(String.format("%.3f", ratios[i]));
        }
        return list.append(']').toString();
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
