package io.disruptorx.dashboard;

import java.lang.invoke.VarHandle;

/**
 * The newest trades of every instrument, in the order the feed delivered them. One thread writes (the market data
 * subscriber's) into preallocated arrays; readers copy the trades after a position they remember and check, after
 * copying, that the writer has not overwritten what they copied (a sequence lock per ring lap).
 */
public final class TradeTape
{
    private final int capacity;
    private final long[] tradeIds;
    private final long[] timestamps;
    private final int[] instrumentIds;
    private final long[] prices;
    private final long[] quantities;
    private final byte[] aggressorSides;
    private volatile long written;

    /**
     * @param capacity slots, a power of two.
     */
    public TradeTape(final int capacity)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two, was " + capacity);
        }
        this.capacity = capacity;
        tradeIds = new long[capacity];
        timestamps = new long[capacity];
        instrumentIds = new int[capacity];
        prices = new long[capacity];
        quantities = new long[capacity];
        aggressorSides = new byte[capacity];
    }

    void add(final long tradeId, final long timestamp, final int instrumentId, final long price, final long quantity,
        final int aggressorSide)
    {
        final long next = written;
        final int slot = (int)(next & (capacity - 1));
        tradeIds[slot] = tradeId;
        timestamps[slot] = timestamp;
        instrumentIds[slot] = instrumentId;
        prices[slot] = price;
        quantities[slot] = quantity;
        aggressorSides[slot] = (byte)aggressorSide;
        written = next + 1;
    }

    /**
     * @return trades written since start: the position after the newest.
     */
    public long position()
    {
        return written;
    }

    /**
     * Visits, oldest first, up to {@code max} of the newest trades of one instrument written at or after
     * {@code from}; trades overwritten before they could be read are skipped.
     *
     * @param from         position of the first trade wanted (a previous call's return value).
     * @param instrumentId the instrument.
     * @param max          most trades to visit.
     * @param visitor      told each trade.
     * @return the position to pass next time.
     */
    public long read(final long from, final int instrumentId, final int max, final TradeVisitor visitor)
    {
        final long[] copy = new long[max * 4];
        final byte[] sides = new byte[max];
        while (true)
        {
            final long end = written;
            final long start = Math.max(Math.max(from, end - (capacity - 1)), 0);
            int found = 0;
            for (long i = end - 1; i >= start && found < max; i--)
            {
                final int slot = (int)(i & (capacity - 1));
                if (instrumentIds[slot] == instrumentId)
                {
                    copy[found * 4] = tradeIds[slot];
                    copy[found * 4 + 1] = timestamps[slot];
                    copy[found * 4 + 2] = prices[slot];
                    copy[found * 4 + 3] = quantities[slot];
                    sides[found] = aggressorSides[slot];
                    found++;
                }
            }
            VarHandle.loadLoadFence();
            if (written - start < capacity)
            {
                for (int k = found - 1; k >= 0; k--)
                {
                    visitor.trade(copy[k * 4], copy[k * 4 + 1], instrumentId, copy[k * 4 + 2], copy[k * 4 + 3],
                        sides[k]);
                }
                return end;
            }
        }
    }

    /**
     * Told one trade by {@link #read}.
     */
    @FunctionalInterface
    public interface TradeVisitor
    {
        /**
         * @param tradeId       trade id.
         * @param timestamp     command timestamp, epoch nanoseconds.
         * @param instrumentId  instrument.
         * @param price         price.
         * @param quantity      quantity.
         * @param aggressorSide 0 buy, 1 sell.
         */
        void trade(long tradeId, long timestamp, int instrumentId, long price, long quantity, int aggressorSide);
    }
}
