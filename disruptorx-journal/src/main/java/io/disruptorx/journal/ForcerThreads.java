package io.disruptorx.journal;

import java.util.concurrent.locks.LockSupport;

/**
 * What the journal's forcer threads ({@link IntervalForcer}, {@link PipelinedForcer}) share when they stop.
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
}
