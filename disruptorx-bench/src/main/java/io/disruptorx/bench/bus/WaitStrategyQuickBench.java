package io.disruptorx.bench.bus;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.disruptorx.core.wait.WaitStrategies;
import org.HdrHistogram.Histogram;

/**
 * Wake-up latency and idle CPU of each wait strategy, one consumer, side by side in one JVM (about 15 s).
 * <p>
 * Idle CPU: the consumer's thread CPU time over one idle second, as a percentage of one core. Wake-up latency:
 * the producer stamps {@code System.nanoTime()} into an event after a 2 ms pause (long enough for sleeping and
 * adaptive strategies to reach their deepest phase) and the consumer records the difference; 300 samples.
 */
public final class WaitStrategyQuickBench
{
    private static final int SAMPLES = 300;
    private static final long PAUSE_NANOS = 2_000_000L;

    private WaitStrategyQuickBench()
    {
    }

    /** Records the delay between the stamp and the handling. */
    private static final class WakeUpRecorder implements EventHandler<LongEvent>
    {
        final Histogram histogram = new Histogram(10_000_000_000L, 3);
        final AtomicReference<Thread> thread = new AtomicReference<>();
        final AtomicLong handled = new AtomicLong();

        @Override
        public void onStart()
        {
            thread.set(Thread.currentThread());
        }

        @Override
        public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.value > 0)
            {
                histogram.recordValue(Math.max(0, System.nanoTime() - event.value));
            }
            handled.lazySet(sequence + 1);
        }
    }

    /**
     * @param args ignored.
     */
    public static void main(final String[] args)
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("%-14s %10s %10s %10s %10s %12s%n", "strategy", "p50_us", "p99_us", "max_us", "mean_us",
            "idle_cpu_%");
        for (final WaitStrategies preset : WaitStrategies.values())
        {
            System.err.println("[wait-quick-bench] measuring " + preset);
            final WakeUpRecorder recorder = new WakeUpRecorder();
            final Disruptor<LongEvent> disruptor = new Disruptor<>(LongEvent::new, 1024,
                DaemonThreadFactory.INSTANCE, ProducerType.SINGLE, preset.create());
            disruptor.handleEventsWith(recorder);
            final RingBuffer<LongEvent> ring = disruptor.start();
            publish(ring, 0);
            while (recorder.handled.get() < 1 || recorder.thread.get() == null)
            {
                Thread.onSpinWait();
            }
            final long consumerId = recorder.thread.get().getId();

            LockSupport.parkNanos(200_000_000L);
            final long cpuBefore = threads.getThreadCpuTime(consumerId);
            final long wallBefore = System.nanoTime();
            LockSupport.parkNanos(1_000_000_000L);
            final double idleCpu = 100.0 * (threads.getThreadCpuTime(consumerId) - cpuBefore)
                / (System.nanoTime() - wallBefore);

            for (int i = 0; i < SAMPLES; i++)
            {
                LockSupport.parkNanos(PAUSE_NANOS);
                publish(ring, System.nanoTime());
                final long target = i + 2;
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (recorder.handled.get() < target && System.nanoTime() < deadline)
                {
                    Thread.yield();
                }
            }
            disruptor.halt();
            final Histogram h = recorder.histogram;
            System.out.printf("%-14s %10.1f %10.1f %10.1f %10.1f %12.1f%n", preset.name().toLowerCase(),
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3,
                h.getMean() / 1e3, idleCpu);
        }
    }

    private static void publish(final RingBuffer<LongEvent> ring, final long stamp)
    {
        final long sequence = ring.next();
        ring.get(sequence).value = stamp;
        ring.publish(sequence);
    }
}
