package io.disruptorx.core.workflow;

/**
 * The work of one workflow step on one event. It may throw: the step's retry policy decides what happens next to
 * an exception; an {@link Error} is never retried, the event is dead-lettered at once. Either way steps that
 * depend on this one skip the event.
 *
 * @param <E> event type.
 */
@FunctionalInterface
public interface StepHandler<E>
{
    /**
     * @param event    the ring slot; other steps may read it concurrently, only write fields this step owns.
     * @param sequence the event's ring sequence.
     * @throws Exception to request a retry.
     */
    void onEvent(E event, long sequence) throws Exception;

    /**
     * Called after the last event of a batch (the events the ring had ready at once), for work done once per
     * batch such as a group commit. Steps that depend on this one see none of the batch until it returns. If it
     * throws (an exception or an {@link Error}), every event of the batch counts as dead-lettered and dependent
     * steps skip them.
     *
     * @param sequence ring sequence of the batch's last event.
     * @throws Exception when the batch could not be completed.
     */
    default void onBatchEnd(final long sequence) throws Exception
    {
    }
}
