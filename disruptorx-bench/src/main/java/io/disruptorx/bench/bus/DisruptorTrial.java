package io.disruptorx.bench.bus;

import java.util.function.Consumer;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.disruptorx.core.wait.WaitStrategies;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state of the raw Disruptor contenders: the same ring size, producer type and wait strategy as
 * {@link BusTrial}, started for the trial and halted after it; the subclass says which handlers consume the ring.
 */
@State(Scope.Benchmark)
public abstract class DisruptorTrial
{
    @Param({"yielding"})
    String waitStrategy;

    Disruptor<LongEvent> disruptor;
    RingBuffer<LongEvent> ring;
    final long[] holder = new long[1];

    private final Consumer<Disruptor<LongEvent>> handlers;

    /**
     * @param handlers adds the handlers before the Disruptor starts.
     */
    protected DisruptorTrial(final Consumer<Disruptor<LongEvent>> handlers)
    {
        this.handlers = handlers;
    }

    /** Starts the Disruptor. */
    @Setup(Level.Trial)
    public void start()
    {
        disruptor = new Disruptor<>(LongEvent::new, BusOneToOneBenchmark.RING_SIZE, DaemonThreadFactory.INSTANCE,
            ProducerType.SINGLE, WaitStrategies.parse(waitStrategy).create());
        handlers.accept(disruptor);
        ring = disruptor.start();
    }

    /** Halts the Disruptor. */
    @TearDown(Level.Trial)
    public void stop()
    {
        disruptor.halt();
    }
}
