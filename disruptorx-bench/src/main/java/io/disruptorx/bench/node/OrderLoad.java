package io.disruptorx.bench.node;

/**
 * One order-entry client as {@link LoadDriver} sees it: it sends order {@code index} of the current run, counts
 * the answers its protocol delivers, and records acknowledgement time minus intended send time for the orders
 * from the measured one on.
 */
public interface OrderLoad
{
    /**
     * Begins a run: counters and latencies restart.
     *
     * @param firstId       client order id of the run's order 0; order {@code index} has id {@code firstId + index}.
     * @param measureFromId the first id whose latency counts, or {@link Long#MAX_VALUE} until
     *                      {@link #measureFrom(long)} says.
     */
    void start(long firstId, long measureFromId);

    /**
     * @param index         order index within the run, from 0.
     * @param id            its client order id.
     * @param intendedNanos when it was meant to be sent ({@link System#nanoTime()} scale).
     */
    void send(long index, long id, long intendedNanos);

    /**
     * Pushes out what {@link #send(long, long, long)} buffered; called after each burst of sends. Nothing to do
     * for a client that sends each order at once.
     */
    default void flush()
    {
    }

    /**
     * Lets answers arrive; called once per pass of the driver's loop. Nothing to do for a client whose answers
     * arrive on a thread of their own.
     */
    default void poll()
    {
    }

    /**
     * Called instead of sending when a saturated run's window is full: by default, lets the threads that answer
     * run.
     */
    default void windowFull()
    {
        Thread.yield();
    }

    /**
     * @param id the first measured client order id of a saturated run.
     */
    void measureFrom(long id);

    /**
     * @return orders of this run acknowledged or refused so far.
     */
    long answered();

    /**
     * @return when the latest answer arrived.
     */
    long lastAnswerNanos();

    /**
     * Waits for every order sent to be answered.
     *
     * @param sent orders sent in this run.
     * @throws IllegalStateException when they are not answered in time.
     */
    void drain(long sent);
}
