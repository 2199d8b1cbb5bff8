package io.disruptorx.marketdata.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Finds the {@link VarHandle} of a {@code long} field, for release stores and acquire loads of a value one thread
 * writes and others read.
 */
final class LongFields
{
    private LongFields()
    {
    }

    /**
     * @param lookup with access to the field, from its class.
     * @param name   the field.
     * @return its handle.
     */
    static VarHandle find(final MethodHandles.Lookup lookup, final String name)
    {
        try
        {
            return lookup.findVarHandle(lookup.lookupClass(), name, long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }
}
