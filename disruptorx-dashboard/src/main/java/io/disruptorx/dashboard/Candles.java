package io.disruptorx.dashboard;

import java.util.Arrays;

/**
 * One-second candles (open, high, low, close, volume) of one instrument's trades over the last {@link #SECONDS}
 * seconds, by the trades' own timestamps (the venue's clock, so every subscriber draws the same candles). Built by
 * the market data subscriber's thread as trades arrive, inside {@link InstrumentView}'s sequence lock, in
 * preallocated arrays; readers get a copy ({@link #copyTo}). A trade older than the slot it would land in is left
 * out (the venue's timestamps do not go back).
 */
public final class Candles
{
    /** Seconds kept. */
    public static final int SECONDS = 120;
    /** {@link #latest()} before any trade. */
    public static final long NONE = Long.MIN_VALUE;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int FIELDS = 5;

    private final long[] seconds = new long[SECONDS];
    private final long[] values = new long[SECONDS * FIELDS];
    private long latest = NONE;

    Candles()
    {
        Arrays.fill(seconds, NONE);
    }

    void add(final long timestampNanos, final long price, final long quantity)
    {
        final long second = Math.floorDiv(timestampNanos, NANOS_PER_SECOND);
        final int slot = (int)Math.floorMod(second, (long)SECONDS);
        final int at = slot * FIELDS;
        if (seconds[slot] == second)
        {
            values[at + 1] = Math.max(values[at + 1], price);
            values[at + 2] = Math.min(values[at + 2], price);
            values[at + 3] = price;
            values[at + 4] += quantity;
        }
        else if (seconds[slot] < second)
        {
            seconds[slot] = second;
            values[at] = price;
            values[at + 1] = price;
            values[at + 2] = price;
            values[at + 3] = price;
            values[at + 4] = quantity;
        }
        latest = Math.max(latest, second);
    }

    void copyTo(final Candles into)
    {
        System.arraycopy(seconds, 0, into.seconds, 0, SECONDS);
        System.arraycopy(values, 0, into.values, 0, values.length);
        into.latest = latest;
    }

    /**
     * @return the newest candle's second (epoch seconds), or {@link #NONE}.
     */
    public long latest()
    {
        return latest;
    }

    /**
     * Visits, oldest first, the candles of the seconds from {@code fromSecond} to {@link #latest()} that had trades.
     *
     * @param fromSecond first second wanted (epoch seconds); older than the window means the whole window.
     * @param visitor    told each candle.
     */
    public void forEachFrom(final long fromSecond, final CandleVisitor visitor)
    {
        if (latest == NONE)
        {
            return;
        }
        for (long second = Math.max(fromSecond, latest - SECONDS + 1); second <= latest; second++)
        {
            final int slot = (int)Math.floorMod(second, (long)SECONDS);
            if (seconds[slot] == second)
            {
                final int at = slot * FIELDS;
                visitor.candle(second, values[at], values[at + 1], values[at + 2], values[at + 3], values[at + 4]);
            }
        }
    }

    /**
     * Told one candle by {@link #forEachFrom}.
     */
    @FunctionalInterface
    public interface CandleVisitor
    {
        /**
         * @param second epoch second.
         * @param open   first trade's price.
         * @param high   highest price.
         * @param low    lowest price.
         * @param close  last trade's price.
         * @param volume quantity traded.
         */
        void candle(long second, long open, long high, long low, long close, long volume);
    }
}
