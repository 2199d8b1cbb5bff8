package io.disruptorx.bench.node;

import java.util.concurrent.TimeUnit;

/**
 * What a load made of several {@link OrderLoad}s driven as one (a bench's legs, a client's sessions) sums or waits
 * for over its parts.
 */
public final class OrderLoads
{
    /** How long {@link #drain} waits for the last answers. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);

    private OrderLoads()
    {
    }

    /**
     * @param parts the loads.
     * @return their orders of the current run answered so far, together.
     */
    public static long answered(final OrderLoad[] parts)
    {
        long answered = 0;
        for (final OrderLoad part : parts)
        {
            answered += part.answered();
        }
        return answered;
    }

    /**
     * @param parts the loads.
     * @return when the latest answer of any of them arrived.
     */
    public static long lastAnswerNanos(final OrderLoad[] parts)
    {
        long last = Long.MIN_VALUE;
        for (final OrderLoad part : parts)
        {
            last = Math.max(last, part.lastAnswerNanos());
        }
        return last;
    }

    /**
     * Runs {@code pass} until the whole load has answered every order sent, for up to 30 seconds.
     *
     * @param whole the load made of the parts, whose {@link OrderLoad#answered()} is counted.
     * @param sent  orders sent in this run.
     * @param pass  one pass of the wait: the whole load's poll, and whatever else it does between polls.
     * @param parts how the parts are named in the error, after the counts (empty for none).
     * @throws IllegalStateException when they are not answered in time.
     */
    public static void drain(final OrderLoad whole, final long sent, final Runnable pass, final String parts)
    {
        final long deadline = System.nanoTime() + DRAIN_NANOS;
        while (whole.answered() < sent)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("only " + whole.answered() + " of " + sent +
                    " orders were acknowledged" + parts);
            }
            pass.run();
        }
    }
}
