package io.disruptorx.core.workflow;

import com.lmax.disruptor.EventPoller;
import org.agrona.concurrent.Agent;

/**
 * One workflow step as an agent: each {@link #doWork()} polls its ring for the events its dependencies have
 * finished (all of them, or {@code maxBatch}) and hands them to the step's processor as one batch, its end marked
 * on the last event, so a batch-end action such as a group commit completes before the poll returns and moves the
 * step's sequence (which is what dependent steps, and the ring's producers, wait on).
 *
 * @param <E> event type.
 */
final class StepAgent<E> implements Agent, EventPoller.Handler<E>
{
    private final String role;
    private final EventPoller<E> poller;
    private final StepProcessor<E> processor;
    private final int maxBatch;
    private int polled;

    StepAgent(final String role, final EventPoller<E> poller, final StepProcessor<E> processor, final int maxBatch)
    {
        this.role = role;
        this.poller = poller;
        this.processor = processor;
        this.maxBatch = maxBatch;
    }

    /**
     * @return events handled.
     * @throws Exception never from the step itself (its processor catches everything); kept by the contract.
     */
    @Override
    public int doWork() throws Exception
    {
        polled = 0;
        poller.poll(this);
        return polled;
    }

    @Override
    public boolean onEvent(final E event, final long sequence, final boolean endOfBatch)
    {
        if (polled == 0)
        {
            processor.onBatchStart(0, 0);
        }
        polled++;
        final boolean last = endOfBatch || polled >= maxBatch;
        processor.onEvent(event, sequence, last);
        return !last;
    }

    @Override
    public String roleName()
    {
        return role;
    }
}
