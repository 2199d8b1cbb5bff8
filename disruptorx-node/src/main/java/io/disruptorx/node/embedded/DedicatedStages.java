package io.disruptorx.node.embedded;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.disruptorx.core.wait.WaitStrategies;
import io.disruptorx.core.workflow.Workflow;

/**
 * {@link ThreadingMode#DEDICATED}: the LMAX layout, one Disruptor event processor and one thread per stage (journal,
 * engine, execution reports, market data), with the default wait strategy for this machine's cores between them.
 */
final class DedicatedStages implements StageThreads
{
    /** Journal, engine, two output consumers and at least one producer may all wait at once. */
    private static final int WAITING_THREADS = 5;
    /** Input ring threads come first in {@link NodeThreading#affinity}, then the output ring's. */
    private static final int OUTPUT_AFFINITY_OFFSET = 2;

    private final List<Thread> inputThreads = new CopyOnWriteArrayList<>();
    private final List<Thread> outputThreads = new CopyOnWriteArrayList<>();
    private final CountingExceptionHandler inputErrors = new CountingExceptionHandler("input ring");
    private final CountingExceptionHandler outputErrors = new CountingExceptionHandler("output ring");
    private final Disruptor<CommandSlot> input;
    private final Disruptor<OutputSlot> output;

    /**
     * @param inputSize  input ring slots, a power of two.
     * @param outputSize output ring slots, a power of two.
     * @param threading  the CPUs to pin to, if any.
     */
    DedicatedStages(final int inputSize, final int outputSize, final NodeThreading threading)
    {
        final int cores = Runtime.getRuntime().availableProcessors();
        output = new Disruptor<>(OutputSlot::new, outputSize,
            threadFactory("dx-output-", outputThreads, threading, OUTPUT_AFFINITY_OFFSET),
            ProducerType.SINGLE, WaitStrategies.defaultFor(WAITING_THREADS, cores).create());
        output.setDefaultExceptionHandler(outputErrors);
        input = new Disruptor<>(CommandSlot::new, inputSize, threadFactory("dx-input-", inputThreads, threading, 0),
            ProducerType.MULTI, WaitStrategies.defaultFor(WAITING_THREADS, cores).create());
        input.setDefaultExceptionHandler(inputErrors);
    }

    @Override
    public ThreadingMode mode()
    {
        return ThreadingMode.DEDICATED;
    }

    @Override
    public RingBuffer<CommandSlot> inputRing()
    {
        return input.getRingBuffer();
    }

    @Override
    public RingBuffer<OutputSlot> outputRing()
    {
        return output.getRingBuffer();
    }

    @Override
    public void wire(final Workflow<CommandSlot> sequencer, final EventHandler<OutputSlot> reports,
        final EventHandler<OutputSlot> feed)
    {
        output.handleEventsWith(reports, feed);
        sequencer.install(input, 0);
    }

    @Override
    public IntSupplier outputDrain()
    {
        return null;
    }

    @Override
    public void start()
    {
        output.start();
        input.start();
    }

    @Override
    public long handlerErrors()
    {
        return inputErrors.count() + outputErrors.count();
    }

    @Override
    public boolean drainInput(final Duration timeout)
    {
        final boolean drained = shutdown(input, timeout);
        return NodeRings.join(inputThreads, timeout.toMillis()) && drained;
    }

    @Override
    public boolean drainOutput(final Duration timeout)
    {
        shutdown(output, timeout);
        return NodeRings.join(outputThreads, timeout.toMillis());
    }

    @Override
    public void halt(final Duration timeout)
    {
        input.halt();
        output.halt();
        NodeRings.join(inputThreads, timeout.toMillis());
        NodeRings.join(outputThreads, timeout.toMillis());
    }

    @Override
    public void awaitAll()
    {
        NodeRings.join(inputThreads, 0);
        NodeRings.join(outputThreads, 0);
    }

    /**
     * @return whether the processors took everything published before the timeout; if not, they are halted.
     */
    private static boolean shutdown(final Disruptor<?> disruptor, final Duration timeout)
    {
        try
        {
            disruptor.shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        catch (final TimeoutException ex)
        {
            disruptor.halt();
            return false;
        }
    }

    private static ThreadFactory threadFactory(
        final String prefix, final List<Thread> created, final NodeThreading threading, final int affinityOffset)
    {
        return work ->
        {
            final int index = created.size();
            final Thread thread =
                new Thread(ThreadAffinity.pinned(threading.cpuOf(affinityOffset + index), work), prefix + (index + 1));
            thread.setDaemon(true);
            created.add(thread);
            return thread;
        };
    }
}
