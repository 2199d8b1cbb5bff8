package io.disruptorx.core.bus;

import com.lmax.disruptor.EventHandler;

/**
 * One worker of a work-queue subscription: worker {@code i} of {@code n} handles the sequences with
 * {@code sequence % n == i}, so every event goes to exactly one worker without any shared claim counter (the
 * Disruptor 4 removed its WorkerPool). The cost is static assignment: a slow event delays only its own worker's
 * later events, not the others'.
 * <p>
 * {@code endOfBatch} is re-derived for the worker: true on its last sequence of the available batch.
 *
 * @param <E> event type.
 */
final class StripedWorker<E> implements EventHandler<E>
{
    private final int index;
    private final int workers;
    private final EventHandler<? super E> delegate;
    private long batchSize;
    private long batchEnd = -1;

    StripedWorker(final int index, final int workers, final EventHandler<? super E> delegate)
    {
        this.index = index;
        this.workers = workers;
        this.delegate = delegate;
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        this.batchSize = batchSize;
        this.batchEnd = -1;
    }

    @Override
    public void onEvent(final E event, final long sequence, final boolean endOfBatch) throws Exception
    {
        if (batchEnd < 0)
        {
            batchEnd = sequence + batchSize - 1;
        }
        if (sequence % workers == index)
        {
            delegate.onEvent(event, sequence, endOfBatch || batchEnd - sequence < workers);
        }
    }

    @Override
    public void onStart()
    {
        delegate.onStart();
    }

    @Override
    public void onShutdown()
    {
        delegate.onShutdown();
    }
}
