package io.disruptorx.bench.node;

/**
 * One order-entry client as {@link LoadDriver} sees it: it sends order {@code index} of the current run, counts
 * the answers its protocol delivers, and records acknowledgement time minus intended send time for the orders
 * from the measured one on.
 */
public interface OrderLoad
{
    /**
     * Begins a run: order ids continue after the previous run's, counters restart.
     *
     * @param warmupOrders orders sent before the measured ones, or {@link Long#MAX_VALUE} when the measured
     *                     window is set later by {@link #measureFrom(long)}.
     */
    void start(long warmupOrders);

    /**
     * @param index         order index within the run, from 0.
     * @param intendedNanos when it was meant to be sent ({@link System#nanoTime()} scale).
     */
    void send(long index, long intendedNanos);

    /**
     * Pushes out what {@link #send(long, long)} buffered; called after each burst of sends.
     */
    void flush();

    /**
     * Lets answers arrive; called once per pass of the driver's loop.
     */
    void poll();

    /**
     * Called instead of sending when a saturated run's window is full.
     */
    void windowFull();

    /**
     * @param index the first measured order index of a saturated run.
     */
    void measureFrom(long index);

    /**
     * @return orders of this run acknowledged or refused so far.
     */
    long answered();

    /**
     * @return when the latest answer arrived.
     */
    long lastAnswerNanos();

    /**
     * Waits for every order sent to be answered and makes the next run's ids follow them.
     *
     * @param sent orders sent in this run.
     */
    void finish(long sent);
}
