package io.disruptorx.bench.bus;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.workflow.Workflow;
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
 * 3-stage pipeline throughput (events/s): producer, then stage 1, stage 2, stage 3 in sequence on every event.
 * Contenders: the bus with a plain handler chain, the bus with the same chain as a Workflow (adds per-step
 * timing, budget and retry bookkeeping), the raw Disruptor ({@code handleEventsWith(a).then(b).then(c)}), and three
 * ArrayBlockingQueues between four threads. Four threads on two cores: yielding by default; busy-spin collapses
 * here (the architecture notes measured 13M/s vs 65M/s).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BusPipelineBenchmark
{
    static final int BATCH = 1_000;
    static final int RING_SIZE = 64 * 1024;

    /** The bus, stages wired as a handler graph. */
    @State(Scope.Benchmark)
    public static class BusState extends BusTrial
    {
        /** Attaches the chain. */
        public BusState()
        {
            super("pipeline", topic -> topic.attach("chain", (disruptor, partition) -> disruptor
                .handleEventsWith(new PipelineStage(3)).then(new PipelineStage(5)).then(new CountingHandler())));
        }
    }

    /** The bus, stages as a workflow with dependsOn barriers. */
    @State(Scope.Benchmark)
    public static class WorkflowState extends BusTrial
    {
        /** Attaches the workflow. */
        public WorkflowState()
        {
            super("workflow", topic -> topic.attach("workflow", Workflow.<LongEvent>named("pipeline")
                .step("one", (event, sequence) -> event.value = event.value * 3 + 1)
                .step("two", (event, sequence) -> event.value = event.value * 5 + 1).dependsOn("one")
                .step("three", (event, sequence) -> event.value = event.value - 1).dependsOn("two")
                .build()));
        }
    }

    /** The raw Disruptor with the same chain. */
    @State(Scope.Benchmark)
    public static class DisruptorState extends DisruptorTrial
    {
        /** The same chain. */
        public DisruptorState()
        {
            super(disruptor -> disruptor.handleEventsWith(new PipelineStage(3)).then(new PipelineStage(5))
                .then(new CountingHandler()));
        }
    }

    /** Four threads joined by three ArrayBlockingQueues. */
    @State(Scope.Benchmark)
    public static class QueueState
    {
        ArrayBlockingQueue<long[]> first;
        Thread[] stages;
        long[][] slots;
        long next;

        /** Starts the stage threads. */
        @Setup(Level.Trial)
        public void start()
        {
            slots = new long[4 * RING_SIZE][1];
            first = new ArrayBlockingQueue<>(RING_SIZE);
            final ArrayBlockingQueue<long[]> second = new ArrayBlockingQueue<>(RING_SIZE);
            final ArrayBlockingQueue<long[]> third = new ArrayBlockingQueue<>(RING_SIZE);
            stages = new Thread[] {
                stage(first, second, 3), stage(second, third, 5), stage(third, null, 1)};
            for (final Thread stage : stages)
            {
                stage.start();
            }
        }

        private static Thread stage(final ArrayBlockingQueue<long[]> in, final ArrayBlockingQueue<long[]> out,
            final long multiplier)
        {
            final Thread thread = new Thread(() ->
            {
                try
                {
                    while (true)
                    {
                        final long[] slot = in.take();
                        slot[0] = slot[0] * multiplier + 1;
                        if (out != null)
                        {
                            out.put(slot);
                        }
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "abq-stage-" + multiplier);
            thread.setDaemon(true);
            return thread;
        }

        /**
         * Stops the stage threads.
         *
         * @throws InterruptedException if interrupted.
         */
        @TearDown(Level.Trial)
        public void stop() throws InterruptedException
        {
            for (final Thread stage : stages)
            {
                stage.interrupt();
                stage.join(5_000);
            }
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
     * @param state the bus with a workflow.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void workflow(final WorkflowState state)
    {
        LongEventPublisher.publish(state.producer, state.holder, BATCH);
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
     * @param state the queues.
     * @throws InterruptedException if interrupted.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void arrayBlockingQueue(final QueueState state) throws InterruptedException
    {
        final ArrayBlockingQueue<long[]> first = state.first;
        final long[][] slots = state.slots;
        for (int i = 0; i < BATCH; i++)
        {
            final long[] slot = slots[(int) (state.next++ & (slots.length - 1))];
            slot[0] = i;
            first.put(slot);
        }
    }
}
