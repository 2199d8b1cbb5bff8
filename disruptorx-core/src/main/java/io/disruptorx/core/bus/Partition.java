package io.disruptorx.core.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;

/**
 * One ring of a topic: the Disruptor, its ring buffer and the threads it started (kept so close can join them,
 * which the Disruptor's own halt does not).
 *
 * @param <E> event type.
 */
final class Partition<E>
{
    private static final long DRAIN_POLL_NANOS = 100_000L;

    final Disruptor<E> disruptor;
    final RingBuffer<E> ring;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    Partition(final TopicConfig<E> config, final int index)
    {
        final String prefix = "dx-" + config.name() + "-p" + index + "-";
        final AtomicInteger counter = new AtomicInteger();
        final ThreadFactory factory = runnable ->
        {
            final Thread thread = new Thread(runnable, prefix + counter.getAndIncrement());
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        };
        disruptor = new Disruptor<>(config.eventFactory(), config.ringSize(), factory, config.producerType(),
            config.waitStrategy().get());
        ring = disruptor.getRingBuffer();
    }

    /**
     * @return claimed but not yet consumed-by-all events.
     */
    long backlog()
    {
        return ring.getCursor() - ring.getMinimumGatingSequence();
    }

    /**
     * Waits, without spinning, until every end-of-chain consumer has reached the cursor.
     *
     * @param deadlineNanos System.nanoTime() deadline.
     * @return true when drained.
     */
    boolean drain(final long deadlineNanos)
    {
        while (ring.getMinimumGatingSequence() < ring.getCursor())
        {
            if (System.nanoTime() - deadlineNanos >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
        }
        return true;
    }

    /**
     * Halts the processors and joins their threads.
     *
     * @param deadlineNanos System.nanoTime() deadline.
     * @return true when every thread has terminated.
     */
    boolean haltAndJoin(final long deadlineNanos) throws InterruptedException
    {
        disruptor.halt();
        for (final Thread thread : threads)
        {
            final long remainingMillis = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000L);
            thread.join(remainingMillis);
            if (thread.isAlive())
            {
                return false;
            }
        }
        return true;
    }

    List<Thread> threads()
    {
        return threads;
    }
}
