package io.disruptorx.core.workflow;

/**
 * Told when a step takes longer than its latency budget; the breach is also counted in metrics. Called on the
 * step's thread: keep it cheap and non-allocating.
 */
@FunctionalInterface
public interface BudgetAlertHook
{
    /** Ignores breaches (they are still counted). */
    BudgetAlertHook NONE = (workflow, step, sequence, elapsedNanos, budgetNanos) ->
    {
    };

    /**
     * @param workflow     workflow name.
     * @param step         step name.
     * @param sequence     sequence of the slow event.
     * @param elapsedNanos time the step took, retries included.
     * @param budgetNanos  the step's budget.
     */
    void onBudgetBreach(String workflow, String step, long sequence, long elapsedNanos, long budgetNanos);
}
