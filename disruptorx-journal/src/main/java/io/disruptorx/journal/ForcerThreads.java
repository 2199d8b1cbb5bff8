package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * What the journal's forcer threads ({@link IntervalForcer}, {@link PipelinedForcer}) share: how a failed force
 * reaches the appender, and how they stop.
 */
final class ForcerThreads
{
    private ForcerThreads()
    {
    }

    /**
     * Wakes a forcer thread that was told to stop (it may be parked) and waits for its end, its force (if any)
     * finished; an interrupt meanwhile is kept for the caller, not lost.
     *
     * @param thread the forcer thread.
     */
    static void wakeAndJoin(final Thread thread)
    {
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive())
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Throws, on the appender's thread, what failed a force on the forcer thread.
     *
     * @param failure what the forcer thread caught, or {@code null} (nothing happens).
     * @throws UncheckedIOException naming the forcer thread.
     */
    static void rethrow(final Throwable failure)
    {
        if (failure instanceof UncheckedIOException io)
        {
            throw new UncheckedIOException("forcer thread: " + io.getMessage(), io.getCause());
        }
        if (failure != null)
        {
            throw new UncheckedIOException(new IOException("the journal's force failed on the forcer thread", failure));
        }
    }
}
