package io.disruptorx.node.demo;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A demo venue's stop: asked for by Ctrl-C's shutdown hook (or by the venue itself when its time is up), read by
 * its loops, and marked done once the venue has stopped cleanly, so the hook can wait for that.
 */
final class DemoStop
{
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean requested;

    /**
     * @return whether the venue should go on.
     */
    boolean running()
    {
        return !requested;
    }

    /**
     * Asks the venue's loops to end, without waiting.
     */
    void request()
    {
        requested = true;
    }

    /**
     * Asks the venue to stop and waits (up to a minute) until it has stopped cleanly.
     */
    void requestAndAwait()
    {
        requested = true;
        try
        {
            stopped.await(1, TimeUnit.MINUTES);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Marks the venue stopped (called once, on every way out of its run).
     */
    void stopped()
    {
        stopped.countDown();
    }
}
