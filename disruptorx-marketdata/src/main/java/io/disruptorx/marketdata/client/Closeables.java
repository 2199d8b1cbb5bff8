package io.disruptorx.marketdata.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Closing several sockets: every one is closed even when one fails.
 */
final class Closeables
{
    private Closeables()
    {
    }

    static void closeAll(final Closeable... closeables)
    {
        IOException failure = null;
        for (final Closeable closeable : closeables)
        {
            try
            {
                if (closeable != null)
                {
                    closeable.close();
                }
            }
            catch (final IOException ex)
            {
                if (failure == null)
                {
                    failure = ex;
                }
                else
                {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null)
        {
            throw new UncheckedIOException(failure);
        }
    }

    static void closeQuietly(final Closeable closeable)
    {
        if (closeable == null)
        {
            return;
        }
        try
        {
            closeable.close();
        }
        catch (final IOException ignore)
        {
            // discarded after a failed start: nothing more can be done with it
        }
    }
}
