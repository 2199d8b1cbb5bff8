package io.disruptorx.core.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A monotonically increasing count, safe from many threads. Backed by a {@link LongAdder}: contended writers do not
 * share a cache line, and after the first contention no more cells are allocated.
 */
public final class Counter
{
    private final LongAdder count = new LongAdder();

    /**
     * Adds one.
     */
    public void increment()
    {
        count.increment();
    }

    /**
     * @param delta amount to add, must be non-negative.
     */
    public void add(final long delta)
    {
        count.add(delta);
    }

    /**
     * @return current total.
     */
    public long get()
    {
        return count.sum();
    }
}
