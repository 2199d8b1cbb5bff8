package io.disruptorx.node.embedded;

/**
 * A node cannot start for a reason its operator can fix: another node holds the data directory, or the journal does
 * not continue from the newest usable snapshot. The message says which, and what to do.
 */
public final class NodeStartException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what stops the start.
     */
    public NodeStartException(final String message)
    {
        super(message);
    }
}
