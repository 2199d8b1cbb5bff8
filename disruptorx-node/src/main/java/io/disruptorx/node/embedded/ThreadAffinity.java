package io.disruptorx.node.embedded;

import net.openhft.affinity.Affinity;

/**
 * Pins the calling thread to one CPU with OpenHFT's affinity library. Kept apart so that the library (and the JNA
 * it loads) is touched only when a node is configured to pin its threads.
 */
final class ThreadAffinity
{
    private ThreadAffinity()
    {
    }

    /**
     * Wraps a thread's work so that it pins itself first.
     *
     * @param cpu  the CPU, or -1 to leave the thread unpinned.
     * @param work the thread's work.
     * @return the work, pinned.
     */
    static Runnable pinned(final int cpu, final Runnable work)
    {
        if (cpu < 0)
        {
            return work;
        }
        return () ->
        {
            pin(cpu);
            work.run();
        };
    }

    private static void pin(final int cpu)
    {
        try
        {
            Affinity.setAffinity(cpu);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            System.err.println("dx: cannot pin " + Thread.currentThread().getName() + " to CPU " + cpu +
                ", it runs unpinned: " + ex);
        }
    }
}
