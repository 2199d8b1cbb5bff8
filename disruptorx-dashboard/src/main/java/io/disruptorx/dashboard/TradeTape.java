package io.disruptorx.dashboard;

import io.disruptorx.marketdata.TradeRing;

/**
 * The newest trades of every instrument, in the order the feed delivered them. One thread writes (the market data
 * subscriber's) into a {@link TradeRing}; readers copy the trades after a position they remember and check, after
 * copying, that the writer has not overwritten what they copied (a sequence lock per ring lap).
 */
public final class TradeTape
{
    private final TradeRing ring;

    /**
     * @param capacity slots, a power of two.
     */
    public TradeTape(final int capacity)
    {
        ring = new TradeRing(capacity);
    }

    void add(final long tradeId, final long timestamp, final int instrumentId, final long price, final long quantity,
        final int aggressorSide)
    {
        ring.add(tradeId, timestamp, instrumentId, price, quantity, (byte)aggressorSide);
    }

    /**
     * @return trades written since start: the position after the newest.
     */
    public long position()
    {
        return ring.position();
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
        final TradeRing.Copy copy = new TradeRing.Copy(max);
        final long end = ring.copyNewest(from, instrumentId, copy);
        for (int k = copy.count() - 1; k >= 0; k--)
        {
            visitor.trade(copy.tradeId(k), copy.timestamp(k), instrumentId, copy.price(k), copy.quantity(k),
                copy.aggressorSide(k));
        }
        return end;
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
