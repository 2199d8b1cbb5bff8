package io.disruptorx.core.workflow;

import java.util.List;

/**
 * A workflow definition that cannot be compiled: duplicate step names, unknown dependencies or cycles. The message
 * lists every problem, each naming the steps involved.
 */
public final class WorkflowValidationException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    WorkflowValidationException(final String workflow, final List<String> problems)
    {
        super("workflow '" + workflow + "' is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * @return each problem found.
     */
    public List<String> problems()
    {
        return problems;
    }
}
