package io.disruptorx.marketdata.server;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed set of counters written by one thread (a server's agent thread) and readable from any thread: the
 * writer increments with an ordered store and no read-modify-write instruction, as Agrona's counters do.
 */
abstract class SingleWriterCounters
{
    private final AtomicLongArray values;

    SingleWriterCounters(final int count)
    {
        values = new AtomicLongArray(count);
    }

    final void increment(final int counter)
    {
        values.lazySet(counter, values.get(counter) + 1);
    }

    final void add(final int counter, final long delta)
    {
        values.lazySet(counter, values.get(counter) + delta);
    }

    final long get(final int counter)
    {
        return values.get(counter);
    }
}
