package io.disruptorx.node.embedded;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A long that one thread writes and any thread reads: a counter or a sequence the node's stage thread advances
 * once per command or event. The writer stores with release semantics, a plain store on x86, where a
 * {@code volatile} store is a store followed by a full fence: with the engine's and the output stage's writes
 * queued in the store buffer, that fence cost about as much as the rest of the counting, several times per order.
 * A reader sees every value in the order written, and what the writer wrote before it (acquire); it does not get
 * a volatile's sequential consistency, which none of these values is used for.
 */
final class SingleWriterLong
{
    private static final VarHandle VALUE;

    static
    {
        try
        {
            VALUE = MethodHandles.lookup().findVarHandle(SingleWriterLong.class, "value", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @SuppressWarnings("unused")
    private long value;

    /**
     * @param initial the first value.
     */
    SingleWriterLong(final long initial)
    {
        VALUE.setRelease(this, initial);
    }

    /**
     * Adds one; only from the writer thread.
     */
    void increment()
    {
        VALUE.setRelease(this, (long)VALUE.get(this) + 1);
    }

    /**
     * @param newValue the new value; only from the writer thread.
     */
    void set(final long newValue)
    {
        VALUE.setRelease(this, newValue);
    }

    /**
     * @return the last value written, from any thread.
     */
    long get()
    {
        return (long)VALUE.getAcquire(this);
    }
}
