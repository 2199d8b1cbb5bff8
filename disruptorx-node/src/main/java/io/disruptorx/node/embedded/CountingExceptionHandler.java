package io.disruptorx.node.embedded;

import java.util.concurrent.atomic.AtomicLong;

import com.lmax.disruptor.ExceptionHandler;

/**
 * Logs and counts an exception from a ring handler and lets the handler go on with the next event; the
 * Disruptor's default would stop the handler's thread.
 */
final class CountingExceptionHandler implements ExceptionHandler<Object>
{
    private final String ring;
    private final AtomicLong count = new AtomicLong();

    CountingExceptionHandler(final String ring)
    {
        this.ring = ring;
    }

    long count()
    {
        return count.get();
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final Object event)
    {
        if (count.incrementAndGet() <= 10)
        {
            System.err.println("dx: " + ring + " handler failed at ring sequence " + sequence + ": " + ex);
        }
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        count.incrementAndGet();
        System.err.println("dx: " + ring + " handler failed to start: " + ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        count.incrementAndGet();
        System.err.println("dx: " + ring + " handler failed to stop: " + ex);
    }
}
