package io.disruptorx.gateway.support;

import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.NanoClock;

/**
 * A clock the test moves: real time plus an offset the test adds to, readable from the gateway thread.
 */
public final class MutableNanoClock implements NanoClock
{
    private final AtomicLong offset = new AtomicLong();

    @Override
    public long nanoTime()
    {
        return System.nanoTime() + offset.get();
    }

    /**
     * @param nanos how far to jump ahead.
     */
    public void advance(final long nanos)
    {
        offset.addAndGet(nanos);
    }
}
