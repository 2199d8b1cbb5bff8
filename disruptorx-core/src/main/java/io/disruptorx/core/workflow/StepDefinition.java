package io.disruptorx.core.workflow;

import java.util.List;

/**
 * One step as declared.
 *
 * @param name        unique within the workflow.
 * @param handler     the work.
 * @param dependsOn   steps that must finish an event before this step sees it.
 * @param budgetNanos latency budget, 0 for none.
 * @param retry       what to do when the handler throws.
 * @param <E>         event type.
 */
public record StepDefinition<E>(String name, StepHandler<E> handler, List<String> dependsOn, long budgetNanos,
    RetryPolicy retry)
{
}
