package io.disruptorx.core;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the current thread, from the JVM's per-thread allocation counter.
 */
public final class AllocationMeter
{
    private static final int MEASURED_RUNS = 3;

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
     * Runs {@code body} to warm up, then measures several runs and returns the fewest bytes one of them allocated:
     * steady state, without a one-off such as a JIT deoptimisation or a class initialised on the thread during one
     * run (seen here as 1-2 KiB once in a while). Allocation on every call shows in every run, so in the minimum too.
     *
     * @param body the code to measure.
     * @return bytes the least-allocating measured run allocated.
     */
    public static long measure(final Runnable body)
    {
        body.run();
        body.run();
        long least = Long.MAX_VALUE;
        for (int run = 0; run < MEASURED_RUNS; run++)
        {
            final long before = allocatedBytes();
            body.run();
            least = Math.min(least, allocatedBytes() - before);
        }
        return least;
    }
}
