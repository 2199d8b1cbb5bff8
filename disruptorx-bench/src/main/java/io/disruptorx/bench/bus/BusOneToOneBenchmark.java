package io.disruptorx.bench.bus;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.bus.Topic;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1P1C publish throughput (events/s): the EventBus, the raw Disruptor with the same wait strategy, and an
 * ArrayBlockingQueue. The benchmark thread is the producer; a full ring holds it back, so the score is the
 * sustained rate the consumer keeps up with. Each contender has its own state, so idle consumers of the others do
 * not compete for the cores. Wait strategy: yielding by default (two threads on two cores); {@code busy-spin} is
 * a parameter value for machines with spare cores.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BusOneToOneBenchmark
{
    /** Events per benchmark invocation. */
    public static final int BATCH = 1_000;
    static final int RING_SIZE = 64 * 1024;

    /** The bus with one single-producer partition and a counting subscriber. */
    @State(Scope.Benchmark)
    public static class BusState extends BusTrial
    {
        /** Subscribes one counting handler. */
        public BusState()
        {
            super("bench", topic -> topic.subscribe("counter", new CountingHandler()));
        }
    }

    /** The raw Disruptor, same ring size, producer type and wait strategy. */
    @State(Scope.Benchmark)
    public static class DisruptorState extends DisruptorTrial
    {
        /** One counting handler. */
        public DisruptorState()
        {
            super(disruptor -> disruptor.handleEventsWith(new CountingHandler()));
        }
    }

    /** An ArrayBlockingQueue with a consumer thread blocked in take(). */
    @State(Scope.Benchmark)
    public static class QueueState
    {
        ArrayBlockingQueue<Long> queue;
        Thread consumer;
        final Long[] values = new Long[1024];

        /** Starts the consumer. */
        @Setup(Level.Trial)
        public void start()
        {
            for (int i = 0; i < values.length; i++)
            {
                values[i] = (long) i + 1_000;
            }
            queue = new ArrayBlockingQueue<>(RING_SIZE);
            consumer = new Thread(() ->
            {
                long sum = 0;
                try
                {
                    while (true)
                    {
                        sum += queue.take();
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                values[0] = sum;
            }, "abq-consumer");
            consumer.setDaemon(true);
            consumer.start();
        }

        /**
         * Stops the consumer.
         *
         * @throws InterruptedException if interrupted.
         */
        @TearDown(Level.Trial)
        public void stop() throws InterruptedException
        {
            consumer.interrupt();
            consumer.join(5_000);
        }
    }

    /**
     * @param state the bus.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void bus(final BusState state)
    {
        LongEventPublisher.publish(state.producer, state.holder, BATCH);
    }

    /**
     * The same through {@code Topic.publish(partition, ...)}, which walks topic, partition array and ring per event.
     *
     * @param state the bus.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void busViaTopic(final BusState state)
    {
        final Topic<LongEvent> topic = state.topic;
        final long[] holder = state.holder;
        for (int i = 0; i < BATCH; i++)
        {
            holder[0] = i;
            topic.publish(0, LongEvent.FROM_HOLDER, holder);
        }
    }

    /**
     * @param state the Disruptor.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void disruptor(final DisruptorState state)
    {
        LongEventPublisher.publish(state.ring, state.holder, BATCH);
    }

    /**
     * @param state the queue.
     * @throws InterruptedException if interrupted.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void arrayBlockingQueue(final QueueState state) throws InterruptedException
    {
        final ArrayBlockingQueue<Long> queue = state.queue;
        final Long[] values = state.values;
        for (int i = 0; i < BATCH; i++)
        {
            queue.put(values[i & 1023]);
        }
    }
}
