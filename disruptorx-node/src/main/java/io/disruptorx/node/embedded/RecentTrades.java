package io.disruptorx.node.embedded;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.Side;
import io.disruptorx.marketdata.TradeRing;

/**
 * The most recent trades, kept by the output thread in a {@link TradeRing} (no allocation per trade) and read
 * by any thread (dashboards, {@code /api/trades}) with a sequence lock: a reader retries if the writer moved
 * past the slots it copied.
 */
public final class RecentTrades
{
    private final TradeRing ring;

    /**
     * One trade.
     *
     * @param tradeId      trade id.
     * @param timestamp    command timestamp, epoch nanoseconds.
     * @param instrumentId instrument.
     * @param price        price.
     * @param quantity     quantity.
     * @param takerSide    aggressor side.
     */
    public record Trade(long tradeId, long timestamp, int instrumentId, long price, long quantity, Side takerSide)
    {
    }

    /**
     * @param capacity slots, a power of two; {@code capacity - 1} trades can be read.
     */
    public RecentTrades(final int capacity)
    {
        ring = new TradeRing(capacity);
    }

    void add(
        final long tradeId,
        final long timestamp,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side takerSide)
    {
        ring.add(tradeId, timestamp, instrumentId, price, quantity, (byte)takerSide.code());
    }

    /**
     * @return trades recorded since start.
     */
    public long count()
    {
        return ring.position();
    }

    /**
     * @param max most trades to return.
     * @return up to {@code max} of the newest trades (at most capacity - 1: the writer may be overwriting the
     * oldest slot), newest first.
     */
    public List<Trade> newest(final int max)
    {
        final TradeRing.Copy copy = new TradeRing.Copy(Math.min(max, ring.capacity() - 1));
        ring.copyNewest(0, TradeRing.ANY_INSTRUMENT, copy);
        final List<Trade> trades = new ArrayList<>(copy.count());
        for (int k = 0; k < copy.count(); k++)
        {
            trades.add(new Trade(copy.tradeId(k), copy.timestamp(k), copy.instrumentId(k), copy.price(k),
                copy.quantity(k), Side.fromCode(copy.aggressorSide(k))));
        }
        return trades;
    }
}
