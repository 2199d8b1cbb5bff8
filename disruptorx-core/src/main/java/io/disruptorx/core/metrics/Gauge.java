package io.disruptorx.core.metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A value that goes up and down, set by its owner and read by the scraper.
 */
public final class Gauge
{
    private final AtomicLong value = new AtomicLong();

    /**
     * @param newValue the value to publish.
     */
    public void set(final long newValue)
    {
        value.lazySet(newValue);
    }

    /**
     * @param delta amount to add (may be negative).
     */
    public void add(final long delta)
    {
        value.getAndAdd(delta);
    }

    /**
     * @return the current value.
     */
    public long get()
    {
        return value.get();
    }
}
