package io.disruptorx.core.bus;

import com.lmax.disruptor.ExceptionHandler;
import io.disruptorx.core.metrics.Counter;

/**
 * Counts and reports a subscriber's exception, then returns so the processor carries on with the next event.
 * The Disruptor's default handler rethrows, which stops the processor and, with it, everything gated behind it.
 */
final class SubscriberExceptionHandler implements ExceptionHandler<Object>
{
    private final String topic;
    private final int partition;
    private final String subscriber;
    private final Counter exceptions;
    private final BusExceptionHook hook;

    SubscriberExceptionHandler(final String topic, final int partition, final String subscriber,
        final Counter exceptions, final BusExceptionHook hook)
    {
        this.topic = topic;
        this.partition = partition;
        this.subscriber = subscriber;
        this.exceptions = exceptions;
        this.hook = hook;
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final Object event)
    {
        report(sequence, ex);
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        report(-1, ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        report(-1, ex);
    }

    private void report(final long sequence, final Throwable ex)
    {
        exceptions.increment();
        try
        {
            hook.onException(topic, partition, subscriber, sequence, ex);
        }
        catch (final RuntimeException hookFailure)
        {
            exceptions.increment();
        }
    }
}
