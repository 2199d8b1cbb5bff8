package io.disruptorx.node.embedded;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.disruptorx.core.wait.WaitStrategies;
import io.disruptorx.core.workflow.Workflow;

/**
 * The node's rings and the threads that run them: the multi-producer input ring, on which the sequencer workflow
 * runs (journal step, then engine step); the single-producer output ring, whose consumers deliver execution reports
 * and market data; and one background thread for file work (snapshot files, the next journal segment). It builds,
 * starts, drains, halts and joins them, and knows nothing of what the handlers do.
 */
final class NodeRings
{
    /** Journal, engine, two output consumers and at least one producer may all wait at once. */
    private static final int WAITING_THREADS = 5;

    private final List<Thread> inputThreads = new CopyOnWriteArrayList<>();
    private final List<Thread> outputThreads = new CopyOnWriteArrayList<>();
    private final List<Thread> backgroundThreads = new CopyOnWriteArrayList<>();
    private final CountingExceptionHandler inputErrors = new CountingExceptionHandler("input ring");
    private final CountingExceptionHandler outputErrors = new CountingExceptionHandler("output ring");
    private final Disruptor<CommandSlot> input;
    private final Disruptor<OutputSlot> output;
    private final ExecutorService background;

    /**
     * @param inputSize  input ring slots, a power of two.
     * @param outputSize output ring slots, a power of two.
     */
    NodeRings(final int inputSize, final int outputSize)
    {
        final int cores = Runtime.getRuntime().availableProcessors();
        output = new Disruptor<>(OutputSlot::new, outputSize, threadFactory("dx-output-", outputThreads),
            ProducerType.SINGLE, WaitStrategies.defaultFor(WAITING_THREADS, cores).create());
        output.setDefaultExceptionHandler(outputErrors);
        input = new Disruptor<>(CommandSlot::new, inputSize, threadFactory("dx-input-", inputThreads),
            ProducerType.MULTI, WaitStrategies.defaultFor(WAITING_THREADS, cores).create());
        input.setDefaultExceptionHandler(inputErrors);
        background = Executors.newSingleThreadExecutor(threadFactory("dx-background-", backgroundThreads));
    }

    RingBuffer<CommandSlot> inputRing()
    {
        return input.getRingBuffer();
    }

    RingBuffer<OutputSlot> outputRing()
    {
        return output.getRingBuffer();
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
        output.handleEventsWith(reports, feed);
        sequencer.install(input, 0);
    }

    void start()
    {
        output.start();
        input.start();
    }

    /**
     * @return exceptions that reached a ring's exception handler.
     */
    long handlerErrors()
    {
        return inputErrors.count() + outputErrors.count();
    }

    /**
     * Waits for the input ring to process what was published (halting it after the timeout), then for its threads.
     *
     * @param timeout for each of the two waits.
     * @return whether its threads have ended.
     */
    boolean drainInput(final Duration timeout)
    {
        shutdown(input, timeout);
        return join(inputThreads, timeout.toMillis());
    }

    /**
     * As {@link #drainInput}, for the output ring.
     *
     * @param timeout for each of the two waits.
     * @return whether its threads have ended.
     */
    boolean drainOutput(final Duration timeout)
    {
        shutdown(output, timeout);
        return join(outputThreads, timeout.toMillis());
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
        input.halt();
        output.halt();
        join(inputThreads, timeout.toMillis());
        join(outputThreads, timeout.toMillis());
    }

    /**
     * Waits, without limit, for every thread to end.
     */
    void awaitAllThreads()
    {
        join(inputThreads, 0);
        join(outputThreads, 0);
        join(backgroundThreads, 0);
    }

    /**
     * @param timeoutMillis wait per thread, 0 for no limit.
     * @return whether every thread has ended.
     */
    private static boolean join(final List<Thread> threads, final long timeoutMillis)
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

    private static void shutdown(final Disruptor<?> disruptor, final Duration timeout)
    {
        try
        {
            disruptor.shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            disruptor.halt();
        }
    }

    private static ThreadFactory threadFactory(final String prefix, final List<Thread> created)
    {
        final AtomicInteger count = new AtomicInteger();
        return r ->
        {
            final Thread thread = new Thread(r, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            created.add(thread);
            return thread;
        };
    }
}
