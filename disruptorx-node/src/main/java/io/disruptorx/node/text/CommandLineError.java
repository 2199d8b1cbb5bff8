package io.disruptorx.node.text;

/**
 * A line of a command file that cannot be applied, with where and why.
 */
public final class CommandLineError extends Exception
{
    private static final long serialVersionUID = 1L;

    private final int lineNumber;

    /**
     * @param lineNumber 1-based line number.
     * @param reason     what is wrong and what was expected.
     */
    public CommandLineError(final int lineNumber, final String reason)
    {
        super("line " + lineNumber + ": " + reason);
        this.lineNumber = lineNumber;
    }

    /**
     * @return 1-based line number.
     */
    public int lineNumber()
    {
        return lineNumber;
    }
}
