package io.disruptorx.node.embedded;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import io.disruptorx.core.workflow.Workflow;

/**
 * The node's rings and the threads that run them: the multi-producer input ring, on which the sequencer workflow
 * runs (journal step, then engine step); the single-producer output ring, whose consumers deliver execution reports
 * and market data; and one background thread for file work (snapshot files, the next journal segment). The stages
 * run in the configured {@link ThreadingMode}: a thread each ({@link DedicatedStages}) or one duty cycle on one
 * thread ({@link SharedStage}). It builds, starts, drains, halts and joins them, and knows nothing of what the
 * handlers do.
 */
final class NodeRings
{
    private final List<Thread> backgroundThreads = new CopyOnWriteArrayList<>();
    private final StageThreads stages;
    private final ExecutorService background;

    /**
     * @param inputSize  input ring slots, a power of two.
     * @param outputSize output ring slots, a power of two.
     * @param threading  threading mode and CPU affinity.
     */
    NodeRings(final int inputSize, final int outputSize, final NodeThreading threading)
    {
        stages = threading.mode().resolve() == ThreadingMode.SHARED ?
            new SharedStage(inputSize, outputSize, threading) : new DedicatedStages(inputSize, outputSize, threading);
        background = Executors.newSingleThreadExecutor(work ->
        {
            final Thread thread = new Thread(work, "dx-background-" + (backgroundThreads.size() + 1));
            thread.setDaemon(true);
            backgroundThreads.add(thread);
            return thread;
        });
    }

    ThreadingMode mode()
    {
        return stages.mode();
    }

    RingBuffer<CommandSlot> inputRing()
    {
        return stages.inputRing();
    }

    RingBuffer<OutputSlot> outputRing()
    {
        return stages.outputRing();
    }

    ExecutorService background()
    {
        return background;
    }

    /**
     * Wires the handlers; call once, before {@link #start()}.
     *
     * @param sequencer the input ring's workflow.
     * @param reports   output consumer delivering execution reports.
     * @param feed      output consumer handing market data to the feed.
     */
    void wire(final Workflow<CommandSlot> sequencer, final EventHandler<OutputSlot> reports,
        final EventHandler<OutputSlot> feed)
    {
        stages.wire(sequencer, reports, feed);
    }

    /**
     * @return see {@link StageThreads#outputDrain()}.
     */
    IntSupplier outputDrain()
    {
        return stages.outputDrain();
    }

    /**
     * @return see {@link StageThreads#whileForcing()}.
     */
    IntSupplier whileForcing()
    {
        return stages.whileForcing();
    }

    void start()
    {
        stages.start();
    }

    /**
     * @return exceptions that reached a ring's exception handler.
     */
    long handlerErrors()
    {
        return stages.handlerErrors();
    }

    /**
     * Waits for the input ring to process what was published (stopping its stages after the timeout), then for
     * them to stop.
     *
     * @param timeout for each of the two waits.
     * @return whether every claimed command was processed and the input stages have stopped.
     */
    boolean drainInput(final Duration timeout)
    {
        return stages.drainInput(timeout);
    }

    /**
     * As {@link #drainInput}, for the output ring; then every stage thread has been asked to end.
     *
     * @param timeout for each of the two waits.
     * @return whether the stage threads have ended.
     */
    boolean drainOutput(final Duration timeout)
    {
        return stages.drainOutput(timeout);
    }

    /**
     * Lets the background thread finish the work it has and stop.
     *
     * @param timeout how long to wait.
     * @return whether it has ended.
     */
    boolean stopBackground(final Duration timeout)
    {
        background.shutdown();
        return join(backgroundThreads, timeout.toMillis());
    }

    /**
     * Stops both rings where they are, as a crash would, and waits for their threads (halting does not).
     *
     * @param timeout wait per thread.
     */
    void halt(final Duration timeout)
    {
        stages.halt(timeout);
    }

    /**
     * Waits, without limit, for every thread to end.
     */
    void awaitAllThreads()
    {
        stages.awaitAll();
        join(backgroundThreads, 0);
    }

    /**
     * @param threads       threads to wait for.
     * @param timeoutMillis wait per thread, 0 for no limit.
     * @return whether every thread has ended.
     */
    static boolean join(final List<Thread> threads, final long timeoutMillis)
    {
        boolean stopped = true;
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(timeoutMillis);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            stopped &= !thread.isAlive();
        }
        return stopped;
    }
}
