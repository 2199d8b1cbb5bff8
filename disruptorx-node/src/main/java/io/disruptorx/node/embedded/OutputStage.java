package io.disruptorx.node.embedded;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import org.agrona.concurrent.Agent;

/**
 * The output ring's consumers as one agent, for the shared thread: each {@link #doWork()} hands every event the
 * engine has published since the last one to each consumer in turn (execution reports, then market data), with the
 * batch's end marked on its last event. A consumer's exception goes to the ring's exception handler (logged and
 * counted) and delivery goes on with the next consumer and the next event, as a Disruptor event processor does.
 */
final class OutputStage implements Agent, EventPoller.Handler<OutputSlot>
{
    private final RingBuffer<OutputSlot> ring;
    private final EventPoller<OutputSlot> poller;
    private final ExceptionHandler<Object> errors;
    private final EventHandler<OutputSlot>[] consumers;
    private int delivered;

    /**
     * Joins the ring at its cursor (a gating sequence of its producer from now on).
     *
     * @param ring      the output ring.
     * @param errors    told about consumers' exceptions.
     * @param consumers the consumers, in the order each event reaches them.
     */
    @SafeVarargs
    OutputStage(final RingBuffer<OutputSlot> ring, final ExceptionHandler<Object> errors,
        final EventHandler<OutputSlot>... consumers)
    {
        this.ring = ring;
        this.errors = errors;
        this.consumers = consumers.clone();
        this.poller = ring.newPoller();
        poller.getSequence().set(ring.getCursor());
        ring.addGatingSequences(poller.getSequence());
    }

    @Override
    public void onStart()
    {
        for (final EventHandler<OutputSlot> consumer : consumers)
        {
            try
            {
                consumer.onStart();
            }
            catch (final Throwable ex)
            {
                errors.handleOnStartException(ex);
            }
        }
    }

    /**
     * @return events delivered.
     * @throws Exception never: consumers' exceptions are handled per event.
     */
    @Override
    public int doWork() throws Exception
    {
        delivered = 0;
        poller.poll(this);
        return delivered;
    }

    @Override
    public boolean onEvent(final OutputSlot slot, final long sequence, final boolean endOfBatch)
    {
        for (final EventHandler<OutputSlot> consumer : consumers)
        {
            try
            {
                consumer.onEvent(slot, sequence, endOfBatch);
            }
            catch (final Throwable ex)
            {
                errors.handleEventException(ex, sequence, slot);
            }
        }
        delivered++;
        return true;
    }

    /**
     * @return whether every event published so far has been delivered.
     */
    boolean drained()
    {
        return poller.getSequence().get() >= ring.getCursor();
    }

    @Override
    public void onClose()
    {
        for (final EventHandler<OutputSlot> consumer : consumers)
        {
            try
            {
                consumer.onShutdown();
            }
            catch (final Throwable ex)
            {
                errors.handleOnShutdownException(ex);
            }
        }
    }

    @Override
    public String roleName()
    {
        return "dx-output";
    }
}
