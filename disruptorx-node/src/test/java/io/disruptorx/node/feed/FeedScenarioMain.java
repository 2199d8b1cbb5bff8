package io.disruptorx.node.feed;

/**
 * Runs one scenario in multicast mode; started by {@link MulticastSupport} inside a network namespace.
 * Prints {@code SCENARIO <name> OK <summary>} and exits 0, or prints the failure and exits 1.
 */
public final class FeedScenarioMain
{
    private FeedScenarioMain()
    {
    }

    /**
     * @param args scenario name and seed.
     */
    public static void main(final String[] args)
    {
        try
        {
            final String summary = FeedScenarios.run(args[0], true, Long.parseLong(args[1]));
            System.out.println("SCENARIO " + args[0] + " OK " + summary);
            System.exit(0);
        }
        catch (final Throwable ex)
        {
            System.out.println("SCENARIO " + args[0] + " FAILED " + ex);
            ex.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
