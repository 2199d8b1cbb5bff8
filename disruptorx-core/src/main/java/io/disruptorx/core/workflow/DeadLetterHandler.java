package io.disruptorx.core.workflow;

/**
 * Receives an event whose step failed after all retries. Steps that depend on the failed step skip the event.
 *
 * @param <E> event type.
 */
@FunctionalInterface
public interface DeadLetterHandler<E>
{
    /**
     * @param workflow  workflow name.
     * @param step      step that gave up.
     * @param event     the event (a ring slot: copy what you keep).
     * @param sequence  its sequence.
     * @param lastError the last exception thrown.
     */
    void onDeadLetter(String workflow, String step, E event, long sequence, Throwable lastError);
}
