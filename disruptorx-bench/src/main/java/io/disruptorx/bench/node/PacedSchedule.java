package io.disruptorx.bench.node;

/**
 * When each command of a fixed-rate load is meant to be sent: command {@code i} at
 * {@code start + floor(i * 1e9 / rate)} nanoseconds, computed from the index so that rounding never drifts.
 *
 * <p>Latency is measured from this intended time, not from the moment the producer actually got the command
 * out: when the system (or the producer) stalls, the commands that should have been sent during the stall
 * are charged for the wait. That is the coordinated-omission correction; no
 * {@code recordValueWithExpectedInterval} back-filling is needed on top of it.
 */
public final class PacedSchedule
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Keeps {@code index * 1e9} and {@code elapsed * rate} inside a long. */
    private static final long MAX_RATE = 100_000_000L;

    private final long startNanos;
    private final long ratePerSecond;

    /**
     * @param startNanos    intended send time of command 0 ({@link System#nanoTime()} scale).
     * @param ratePerSecond offered commands per second, 1 to 100,000,000.
     */
    public PacedSchedule(final long startNanos, final long ratePerSecond)
    {
        if (ratePerSecond < 1 || ratePerSecond > MAX_RATE)
        {
            throw new IllegalArgumentException("rate must be in [1, " + MAX_RATE + "], was " + ratePerSecond);
        }
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
    }

    /**
     * @return offered commands per second.
     */
    public long ratePerSecond()
    {
        return ratePerSecond;
    }

    /**
     * @return intended send time of command 0.
     */
    public long startNanos()
    {
        return startNanos;
    }

    /**
     * @param index command index, from 0.
     * @return when that command is meant to be sent.
     */
    public long intendedNanos(final long index)
    {
        return startNanos + index * NANOS_PER_SECOND / ratePerSecond;
    }

    /**
     * @param nowNanos a time on the same clock.
     * @return how many commands are due by then: every index below it has an intended time at or before
     * {@code nowNanos}, and the index equal to it has one after.
     */
    public long dueBy(final long nowNanos)
    {
        if (nowNanos < startNanos)
        {
            return 0;
        }
        // intended(i) <= now  <=>  i * 1e9 / rate < now - start + 1  <=>  i < (now - start + 1) * rate / 1e9
        final long scaled = (nowNanos - startNanos + 1) * ratePerSecond;
        return (scaled + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /**
     * @param seconds a duration.
     * @return how many commands the schedule offers in it.
     */
    public long commandsIn(final double seconds)
    {
        return Math.round(seconds * ratePerSecond);
    }
}
