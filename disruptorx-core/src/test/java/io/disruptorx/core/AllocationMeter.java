package io.disruptorx.core;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the current thread, from the JVM's per-thread allocation counter.
 */
public final class AllocationMeter
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter()
    {
    }

    /**
     * @return bytes allocated so far by the calling thread.
     */
    public static long allocatedBytes()
    {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * Runs {@code body} once to warm up, then measures a second run.
     *
     * @param body the code to measure.
     * @return bytes the second run allocated.
     */
    public static long measure(final Runnable body)
    {
        body.run();
        body.run();
        final long before = allocatedBytes();
        body.run();
        return allocatedBytes() - before;
    }
}
