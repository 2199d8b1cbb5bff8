package io.disruptorx.node.embedded;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import io.disruptorx.core.wait.AdaptiveWaitStrategy;
import io.disruptorx.core.workflow.Workflow;
import org.agrona.concurrent.Agent;

/**
 * {@link ThreadingMode#SHARED}: one thread runs the node's stages as agents, one duty cycle after another: the
 * journal step takes what producers have published (up to {@value #MAX_BATCH} commands) and ends its batch (the
 * force, by the policy), the engine step applies that batch, and the output stage delivers the events it produced.
 * The engine step polls behind the journal step's sequence exactly as its event processor waits behind it in
 * {@link ThreadingMode#DEDICATED}, so nothing is applied, and nothing reported, before it is durable.
 *
 * <p>When a cycle finds nothing to do the thread waits for the next command through the input ring's wait strategy:
 * it spins, yields (so a thread the OS puts on its core can run: this does not collapse when threads outnumber
 * cores), then parks until a producer's publish wakes it. While the engine fills the output ring faster than
 * anything drains it, it delivers the backlog itself ({@link #outputDrain()}) instead of waiting for a consumer
 * that runs on its own thread.
 */
final class SharedStage implements StageThreads
{
    /** Commands one duty cycle takes through the journal and engine steps before it delivers their events. */
    static final int MAX_BATCH = 1024;
    private static final int SPIN_TRIES = 200;
    private static final int YIELD_TRIES = 500;
    private static final long MIN_PARK_NANOS = 1_000;
    private static final long MAX_PARK_NANOS = 1_000_000;
    private static final long POLL_NANOS = 100_000;

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final CountingExceptionHandler inputErrors = new CountingExceptionHandler("input ring");
    private final CountingExceptionHandler outputErrors = new CountingExceptionHandler("output ring");
    private final RingBuffer<CommandSlot> input;
    private final RingBuffer<OutputSlot> output;
    private final SequenceBarrier arrivals;
    private final int cpu;
    private Agent[] inputStages;
    private OutputStage outputStage;
    private volatile boolean running = true;
    private volatile boolean inputEnabled = true;
    private volatile boolean inputStopped;

    /**
     * @param inputSize  input ring slots, a power of two.
     * @param outputSize output ring slots, a power of two.
     * @param threading  the CPU to pin to, if any.
     */
    SharedStage(final int inputSize, final int outputSize, final NodeThreading threading)
    {
        input = RingBuffer.createMultiProducer(CommandSlot::new, inputSize,
            new AdaptiveWaitStrategy(SPIN_TRIES, YIELD_TRIES, MIN_PARK_NANOS, MAX_PARK_NANOS));
        output = RingBuffer.createSingleProducer(OutputSlot::new, outputSize, AdaptiveWaitStrategy.defaults());
        arrivals = input.newBarrier();
        cpu = threading.cpuOf(0);
    }

    @Override
    public ThreadingMode mode()
    {
        return ThreadingMode.SHARED;
    }

    @Override
    public RingBuffer<CommandSlot> inputRing()
    {
        return input;
    }

    @Override
    public RingBuffer<OutputSlot> outputRing()
    {
        return output;
    }

    @Override
    public void wire(final Workflow<CommandSlot> sequencer, final EventHandler<OutputSlot> reports,
        final EventHandler<OutputSlot> feed)
    {
        outputStage = new OutputStage(output, outputErrors, reports, feed);
        inputStages = sequencer.agents(input, 0, MAX_BATCH).toArray(Agent[]::new);
    }

    @Override
    public IntSupplier outputDrain()
    {
        return () -> work(outputStage, outputErrors);
    }

    @Override
    public IntSupplier whileForcing()
    {
        return this::workWhileForcing;
    }

    @Override
    public void start()
    {
        final Thread thread = new Thread(ThreadAffinity.pinned(cpu, this::run), "dx-node-shared");
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    @Override
    public long handlerErrors()
    {
        return inputErrors.count() + outputErrors.count();
    }

    @Override
    public boolean drainInput(final Duration timeout)
    {
        final boolean drained = await(() -> input.getMinimumGatingSequence() >= input.getCursor(), timeout);
        inputEnabled = false;
        arrivals.alert();
        final boolean stopped = await(() -> inputStopped, timeout);
        return drained && stopped;
    }

    @Override
    public boolean drainOutput(final Duration timeout)
    {
        await(outputStage::drained, timeout);
        halt(timeout);
        return !threads.get(0).isAlive();
    }

    @Override
    public void halt(final Duration timeout)
    {
        running = false;
        arrivals.alert();
        NodeRings.join(threads, timeout.toMillis());
    }

    @Override
    public void awaitAll()
    {
        NodeRings.join(threads, 0);
    }

    private void run()
    {
        startAll(inputStages);
        outputStage.onStart();
        while (running)
        {
            int work = 0;
            if (inputEnabled)
            {
                for (final Agent stage : inputStages)
                {
                    if (!running)
                    {
                        break;
                    }
                    work += work(stage, inputErrors);
                }
            }
            else
            {
                inputStopped = true;
            }
            work += work(outputStage, outputErrors);
            if (work == 0 && running)
            {
                idle(input.getMinimumGatingSequence());
            }
        }
        outputStage.onClose();
        for (final Agent stage : inputStages)
        {
            stage.onClose();
        }
    }

    /**
     * Waits for a command after {@code processed}, the last one the input stages have taken, or for a stop request.
     * Not after the ring's cursor: a producer claims its slot before it publishes it, and a cycle that found a
     * claimed slot still unpublished would then wait for the claim after it, leaving that command (say the last
     * order of a burst) unjournalled and unanswered until another command arrived. A slot claimed but not yet
     * published ends the wait at once; the thread yields to the producer and polls again.
     */
    private void idle(final long processed)
    {
        if (!inputEnabled)
        {
            LockSupport.parkNanos(POLL_NANOS);
            return;
        }
        try
        {
            if (arrivals.waitFor(processed + 1) <= processed)
            {
                Thread.yield();
            }
        }
        catch (final AlertException ex)
        {
            arrivals.clearAlert();
        }
        catch (final Exception ex)
        {
            inputErrors.handleEventException(ex, processed + 1, null);
        }
    }

    /**
     * Run from inside the engine step while it waits for a pipelined force: the journal step takes what producers
     * published since (a batch the engine step's current poll does not include, so it is applied only in a later
     * cycle, behind its own force) and requests its force; the output stage delivers what the engine produced.
     */
    private int workWhileForcing()
    {
        int work = 0;
        if (inputEnabled && running)
        {
            work += work(inputStages[0], inputErrors);
        }
        return work + work(outputStage, outputErrors);
    }

    private static int work(final Agent agent, final CountingExceptionHandler errors)
    {
        try
        {
            return agent.doWork();
        }
        catch (final Throwable ex)
        {
            errors.handleEventException(ex, -1, agent.roleName());
            return 0;
        }
    }

    private static void startAll(final Agent[] agents)
    {
        for (final Agent agent : agents)
        {
            agent.onStart();
        }
    }

    private static boolean await(final BooleanSupplier condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
