package io.disruptorx.core.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;
import io.disruptorx.core.metrics.Counter;

/**
 * The publishing side of one partition. Hold one in a local for a hot publishing loop: a publish costs the
 * Disruptor's publish plus one load and test of a field of an object already in a register (the lifecycle check:
 * the ring while the topic is started, {@code null} before and after). Going through {@link Topic#publish} walks
 * topic, partition array and ring on every event (measured here: about 130M/s instead of 200M/s, 1P1C).
 * <p>
 * The publishing methods claim, fill and publish a slot through the ring's {@code next}, {@code get} and
 * {@code publish} themselves, reading the final {@code ring} field at each step, rather than calling the ring's
 * {@code publishEvent} or holding the ring in a local: with the ring one value kept across the whole publish,
 * including the rarely taken wait for space (a call), C2 (JDK 17) kept a producer loop's values in stack slots on
 * every event, and the publishing thread alone ran at 0.57x the raw Disruptor loop; as written here the loop
 * keeps them in registers and runs at 0.82x (docs/benchmarks.md, the bus, 2026-12-07).
 * <p>
 * Same semantics as the {@link Topic} methods, which delegate here.
 *
 * @param <E> event type.
 */
public final class PartitionProducer<E>
{
    static final int NEW = 0;
    static final int STARTED = 1;
    static final int CLOSED = 2;

    private static final VarHandle OPEN;

    static
    {
        try
        {
            OPEN = MethodHandles.lookup().findVarHandle(PartitionProducer.class, "open", RingBuffer.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final RingBuffer<E> ring;
    private final String topicName;
    private final int partition;
    private final int ringSize;
    private final boolean multiProducer;
    private final Consumer<E> voidMarker;
    private final Counter rejected;
    /** The lifecycle state, for the error message of a refused publish. */
    private volatile int state = NEW;
    /**
     * The ring while started, else {@code null}: the lifecycle check, written with volatile semantics, read plainly
     * ({@link #open()}); a publish then works on {@link #ring}, the same object.
     */
    private RingBuffer<E> open;

    PartitionProducer(final RingBuffer<E> ring, final TopicConfig<E> config, final int partition,
        final Counter rejected)
    {
        this.ring = ring;
        this.topicName = config.name();
        this.partition = partition;
        this.ringSize = config.ringSize();
        this.multiProducer = config.producerType() == ProducerType.MULTI;
        this.voidMarker = config.voidMarker();
        this.rejected = rejected;
    }

    void state(final int newState)
    {
        OPEN.setVolatile(this, newState == STARTED ? ring : null);
        state = newState;
    }

    /**
     * A plain read of the ring while started. It is not hoisted out of a publishing loop, so a close is seen
     * promptly: every publish ends in the ring's release store of its cursor, which the JIT never moves a load
     * across. An opaque read ({@code getOpaque}) would say so itself, but C2 wraps each such access in compiler
     * barriers, on the one path that must cost no more than the raw Disruptor's publish.
     */
    private RingBuffer<E> open()
    {
        return open;
    }

    /**
     * @return the partition index.
     */
    public int partition()
    {
        return partition;
    }

    /**
     * Publishes one event, waiting for space if the ring is full.
     *
     * @param translator fills the event.
     * @param arg        data for the translator.
     * @param <A>        argument type.
     */
    public <A> void publish(final EventTranslatorOneArg<E, A> translator, final A arg)
    {
        if (open() == null)
        {
            throw notStarted();
        }
        final long sequence = ring.next();
        try
        {
            translator.translateTo(ring.get(sequence), sequence, arg);
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * Publishes one event, waiting for space if the ring is full.
     *
     * @param translator fills the event.
     * @param arg0       first argument.
     * @param arg1       second argument.
     * @param <A>        first argument type.
     * @param <B>        second argument type.
     */
    public <A, B> void publish(final EventTranslatorTwoArg<E, A, B> translator, final A arg0, final B arg1)
    {
        if (open() == null)
        {
            throw notStarted();
        }
        final long sequence = ring.next();
        try
        {
            translator.translateTo(ring.get(sequence), sequence, arg0, arg1);
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * Publishes one event carrying a primitive key, waiting for space if the ring is full.
     *
     * @param key        the key, passed unboxed to the translator.
     * @param translator fills the event.
     * @param arg        data for the translator.
     * @param <A>        argument type.
     */
    public <A> void publish(final long key, final KeyedTranslator<E, A> translator, final A arg)
    {
        if (open() == null)
        {
            throw notStarted();
        }
        final long sequence = ring.next();
        try
        {
            translator.translateTo(ring.get(sequence), sequence, key, arg);
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * Publishes if there is space now, else returns false and counts the rejection. Never waits.
     *
     * @param translator fills the event.
     * @param arg        data for the translator.
     * @param <A>        argument type.
     * @return true when published.
     */
    public <A> boolean tryPublish(final EventTranslatorOneArg<E, A> translator, final A arg)
    {
        final long sequence = tryClaim(1);
        if (sequence < 0)
        {
            return false;
        }
        try
        {
            translator.translateTo(ring.get(sequence), sequence, arg);
        }
        finally
        {
            ring.publish(sequence);
        }
        return true;
    }

    /**
     * {@link #tryPublish} with a primitive key.
     *
     * @param key        the key, passed unboxed to the translator.
     * @param translator fills the event.
     * @param arg        data for the translator.
     * @param <A>        argument type.
     * @return true when published.
     */
    public <A> boolean tryPublish(final long key, final KeyedTranslator<E, A> translator, final A arg)
    {
        final long sequence = tryClaim(1);
        if (sequence < 0)
        {
            return false;
        }
        try
        {
            translator.translateTo(ring.get(sequence), sequence, key, arg);
        }
        finally
        {
            ring.publish(sequence);
        }
        return true;
    }

    /**
     * Transactional publish of {@code count} events, visible all at once; see {@link Topic#publishBatch}.
     *
     * @param count      batch size, 1 to ring size.
     * @param translator fills each event.
     * @param arg        data for the translator.
     * @param <A>        argument type.
     */
    public <A> void publishBatch(final int count, final BatchTranslator<E, A> translator, final A arg)
    {
        if (open() == null)
        {
            throw notStarted();
        }
        checkBatchSize(count);
        final long hi = ring.next(count);
        fillAndPublish(hi - count + 1, hi, translator, arg);
    }

    /**
     * Non-blocking {@link #publishBatch}: all {@code count} slots or nothing; a refusal is counted.
     *
     * @param count      batch size.
     * @param translator fills each event.
     * @param arg        data for the translator.
     * @param <A>        argument type.
     * @return true when the batch was published.
     */
    public <A> boolean tryPublishBatch(final int count, final BatchTranslator<E, A> translator, final A arg)
    {
        checkBatchSize(count);
        final long hi = tryClaim(count);
        if (hi < 0)
        {
            return false;
        }
        fillAndPublish(hi - count + 1, hi, translator, arg);
        return true;
    }

    private long tryClaim(final int count)
    {
        final RingBuffer<E> ring = open();
        if (ring == null)
        {
            rejected.increment();
            return -1;
        }
        try
        {
            return ring.tryNext(count);
        }
        catch (final InsufficientCapacityException full)
        {
            rejected.increment();
            return -1;
        }
    }

    private <A> void fillAndPublish(final long lo, final long hi, final BatchTranslator<E, A> translator,
        final A arg)
    {
        boolean filled = false;
        try
        {
            for (long sequence = lo; sequence <= hi; sequence++)
            {
                translator.translateTo(ring.get(sequence), sequence, (int) (sequence - lo), arg);
            }
            filled = true;
        }
        finally
        {
            if (!filled && voidMarker != null)
            {
                for (long sequence = lo; sequence <= hi; sequence++)
                {
                    voidMarker.accept(ring.get(sequence));
                }
            }
            publishRange(lo, hi);
        }
    }

    /**
     * Single producer: one cursor move. Several producers: the Disruptor marks slots available one by one, and
     * consumers stop at the first unavailable one, so the first slot is published last.
     */
    private void publishRange(final long lo, final long hi)
    {
        if (!multiProducer || lo == hi)
        {
            ring.publish(lo, hi);
            return;
        }
        ring.publish(lo + 1, hi);
        ring.publish(lo);
    }

    private void checkBatchSize(final int count)
    {
        if (count < 1 || count > ringSize)
        {
            throw new IllegalArgumentException("batch of " + count + " must be 1.." + ringSize);
        }
    }

    private IllegalStateException notStarted()
    {
        return new IllegalStateException("topic " + topicName + (state == NEW ? " not started" : " closed"));
    }
}
