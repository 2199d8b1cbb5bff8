package io.disruptorx.bench.node;

import org.HdrHistogram.Histogram;

/**
 * A venue driven at a fixed offered rate by {@link ExchangeCoreLatencyBench}. Only parent-loaded types appear
 * here, because the exchange-core implementation lives in its own class loader.
 */
public interface PacedVenue extends AutoCloseable
{
    /**
     * Sends command {@code index} of {@link OfferedFlow}; called on the producer thread only.
     *
     * @param index         command index, from 0.
     * @param intendedNanos when it was meant to be sent ({@link System#nanoTime()} scale).
     */
    void send(long index, long intendedNanos);

    /**
     * @param intendedNanos commands meant to be sent at or after this time are recorded; earlier ones are warm-up.
     */
    void measureFrom(long intendedNanos);

    /**
     * @return commands whose result has come back.
     */
    long reports();

    /**
     * @return when the last result came back.
     */
    long lastReportNanos();

    /**
     * @return commands the venue refused.
     */
    long refused();

    /**
     * @return intended send to result latencies (nanoseconds) of the measured commands; read it once
     * {@link #reports()} has reached every command sent.
     */
    Histogram histogram();

    /** Stops the venue. */
    @Override
    void close();
}
