package io.disruptorx.cluster.service;

import java.util.function.Function;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * The service's counters, one {@link AtomicCounter} per {@link ServiceCounter}. Written by the service thread only.
 */
final class ServiceCounters
{
    private final AtomicCounter[] counters = new AtomicCounter[ServiceCounter.values().length];

    /**
     * @param factory allocates a counter for a label.
     */
    ServiceCounters(final Function<String, AtomicCounter> factory)
    {
        for (final ServiceCounter counter : ServiceCounter.values())
        {
            counters[counter.ordinal()] = factory.apply(counter.label());
        }
    }

    void increment(final ServiceCounter counter)
    {
        counters[counter.ordinal()].incrementRelease();
    }

    void add(final ServiceCounter counter, final long amount)
    {
        counters[counter.ordinal()].getAndAddRelease(amount);
    }

    void set(final ServiceCounter counter, final long value)
    {
        counters[counter.ordinal()].setRelease(value);
    }

    long get(final ServiceCounter counter)
    {
        return counters[counter.ordinal()].get();
    }

    void close()
    {
        for (final AtomicCounter counter : counters)
        {
            counter.close();
        }
    }
}
