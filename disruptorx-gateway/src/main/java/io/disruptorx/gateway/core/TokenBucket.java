package io.disruptorx.gateway.core;

/**
 * A token bucket of {@code burst} tokens refilled at {@code ratePerSecond}, kept as one timestamp (the generic
 * cell rate algorithm): a message is allowed when the theoretical arrival time, less the burst tolerance, is not
 * in the future. Integer arithmetic on the caller's clock; nothing allocates.
 */
public final class TokenBucket
{
    private static final long SECOND = 1_000_000_000L;

    private final long interval;
    private final long tolerance;
    private long theoreticalArrival;

    /**
     * @param ratePerSecond sustained tokens per second, 1 to 10^9.
     * @param burst         tokens available at once, at least 1.
     */
    public TokenBucket(final long ratePerSecond, final long burst)
    {
        if (ratePerSecond < 1 || ratePerSecond > SECOND || burst < 1)
        {
            throw new IllegalArgumentException("rate must be in [1, 1e9] and burst at least 1, were " +
                ratePerSecond + " and " + burst);
        }
        this.interval = SECOND / ratePerSecond;
        this.tolerance = Math.multiplyExact(interval, burst - 1);
        this.theoreticalArrival = Long.MIN_VALUE / 2;
    }

    /**
     * @param nowNanos the caller's monotonic time.
     * @return whether a token was taken.
     */
    public boolean tryTake(final long nowNanos)
    {
        final long arrival = Math.max(theoreticalArrival, nowNanos);
        if (arrival - tolerance > nowNanos)
        {
            return false;
        }
        theoreticalArrival = arrival + interval;
        return true;
    }
}
