package io.disruptorx.bench.engine;

/**
 * One system under test that replays an {@link OrderFlow}: our engine, exchange-core or parity-match.
 *
 * <p>Only JDK and parent-loaded types cross this interface, because the exchange-core runner lives in its own
 * class loader.
 */
public interface FlowRunner extends AutoCloseable
{
    /** @return short name used in results. */
    String name();

    /** @return the configuration the runner uses, one line. */
    String describe();

    /**
     * Gets ready for the next {@link #runCycle()} outside the timed region (parity-match needs fresh books: its
     * order map keeps filled orders forever, so order ids cannot be reused in the same book).
     */
    default void prepareCycle()
    {
    }

    /**
     * Replays the flow once, from empty books back to empty books, and checks that the cycle produced exactly the
     * trades and volume of the reference replay.
     *
     * @return commands processed.
     * @throws IllegalStateException if the cycle's trades, volume or rejections differ from the reference.
     */
    long runCycle();

    /**
     * Checks the state after the last cycle (balances conserved and no funds left on hold, where the system has
     * balances). It may leave the runner unusable.
     *
     * @return {@code null} when consistent, or what is wrong.
     */
    String verifyFinalState();

    /** Stops the runner and its threads. */
    @Override
    void close();
}
