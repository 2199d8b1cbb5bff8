package io.disruptorx.node.embedded;

/**
 * The host's clock in epoch nanoseconds, stamped into commands before they are journalled (the engine itself
 * never reads a clock): the wall clock read once at start plus the monotonic clock since, so it never goes back,
 * has nanosecond resolution and allocates nothing. It does not follow wall-clock adjustments made while running.
 */
final class NodeClock
{
    private static final long EPOCH_AT_START = System.currentTimeMillis() * 1_000_000L;
    private static final long NANO_AT_START = System.nanoTime();

    private NodeClock()
    {
    }

    static long epochNanos()
    {
        return EPOCH_AT_START + (System.nanoTime() - NANO_AT_START);
    }
}
