package io.disruptorx.bench.bus;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.EventHandler;

/**
 * Sums values and publishes its progress once per batch (not per event, so the count itself costs nothing).
 */
public final class CountingHandler implements EventHandler<LongEvent>
{
    private final AtomicLong processed = new AtomicLong();
    private long count;
    private long sum;

    @Override
    public void onEvent(final LongEvent event, final long sequence, final boolean endOfBatch)
    {
        sum += event.value;
        count++;
        if (endOfBatch)
        {
            processed.lazySet(count);
        }
    }

    /**
     * Waits (yielding, then parking) until {@code target} events were handled.
     *
     * @param target total count to reach.
     * @param deadlineNanos System.nanoTime() deadline.
     */
    public void awaitCount(final long target, final long deadlineNanos)
    {
        int spins = 0;
        while (processed.get() < target)
        {
            if (System.nanoTime() > deadlineNanos)
            {
                throw new IllegalStateException("consumer stuck at " + processed.get() + " of " + target);
            }
            if (++spins < 1_000)
            {
                Thread.yield();
            }
            else
            {
                LockSupport.parkNanos(50_000);
            }
        }
    }

    /**
     * @return events handled (as of the last batch end).
     */
    public long processed()
    {
        return processed.get();
    }

    /**
     * @return sum of values, to keep the JIT from discarding the work.
     */
    public long sum()
    {
        return sum;
    }
}
