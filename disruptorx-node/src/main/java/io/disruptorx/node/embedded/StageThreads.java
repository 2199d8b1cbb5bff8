package io.disruptorx.node.embedded;

import java.time.Duration;
import java.util.function.IntSupplier;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import io.disruptorx.core.workflow.Workflow;

/**
 * The node's two rings and the threads that run its stages on them, in one {@link ThreadingMode}: the
 * multi-producer input ring with the sequencer workflow (journal step, then engine step), and the single-producer
 * output ring with the execution report and market data consumers.
 */
interface StageThreads
{
    /**
     * @return the mode, never {@link ThreadingMode#AUTO}.
     */
    ThreadingMode mode();

    /**
     * @return the input ring (producers claim and publish commands on it).
     */
    RingBuffer<CommandSlot> inputRing();

    /**
     * @return the output ring (the engine publishes its events on it).
     */
    RingBuffer<OutputSlot> outputRing();

    /**
     * Wires the stages; call once, before {@link #start()}.
     *
     * @param sequencer the input ring's workflow.
     * @param reports   output consumer delivering execution reports.
     * @param feed      output consumer handing market data to the feed.
     */
    void wire(Workflow<CommandSlot> sequencer, EventHandler<OutputSlot> reports, EventHandler<OutputSlot> feed);

    /**
     * @return what the engine's output runs when the output ring is full, so it is not waiting for a consumer on
     * its own thread: delivers what the output consumers have not seen and returns how much; {@code null} when the
     * consumers have threads of their own.
     */
    IntSupplier outputDrain();

    /**
     * @return what the engine step runs while it waits for a pipelined force to cover its next command, so the one
     * thread of {@code shared} mode goes on journalling (the next batch is written, and its force requested, while
     * the force runs) and delivering: returns how much it did; {@code null} when the stages have threads of their own.
     */
    default IntSupplier whileForcing()
    {
        return null;
    }

    /** Starts the threads. */
    void start();

    /**
     * Waits for the input stages to process what was published, then stops them.
     *
     * @param timeout for each of the two waits.
     * @return whether the input stages took every command claimed on the input ring and have stopped; false when
     * a command was still unprocessed after the first wait (a producer that claimed a slot and never published it,
     * or a stage stuck on it), even if the stages stopped after it.
     */
    boolean drainInput(Duration timeout);

    /**
     * Waits for the output consumers to deliver what the engine published, then stops them and their threads.
     *
     * @param timeout for each of the two waits.
     * @return whether every stage thread has ended.
     */
    boolean drainOutput(Duration timeout);

    /**
     * Stops every stage where it is, as a crash would, and waits for the threads.
     *
     * @param timeout wait per thread.
     */
    void halt(Duration timeout);

    /**
     * Waits, without limit, for every stage thread to end.
     */
    void awaitAll();

    /**
     * @return exceptions that reached a ring's exception handler.
     */
    long handlerErrors();
}
