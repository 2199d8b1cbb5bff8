package io.disruptorx.node.embedded;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.Side;

/**
 * The most recent trades, kept by the output thread in preallocated arrays (no allocation per trade) and read
 * by any thread (dashboards, {@code /api/trades}) with a sequence lock: a reader retries if the writer moved
 * past the slots it copied.
 */
public final class RecentTrades
{
    private final int capacity;
    private final long[] tradeIds;
    private final long[] timestamps;
    private final int[] instrumentIds;
    private final long[] prices;
    private final long[] quantities;
    private final byte[] takerSides;
    private volatile long written;

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
        takerSides = new byte[capacity];
    }

    void add(
        final long tradeId,
        final long timestamp,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side takerSide)
    {
        final long next = written;
        final int slot = (int)(next & (capacity - 1));
        tradeIds[slot] = tradeId;
        timestamps[slot] = timestamp;
        instrumentIds[slot] = instrumentId;
        prices[slot] = price;
        quantities[slot] = quantity;
        takerSides[slot] = (byte)takerSide.code();
        written = next + 1;
    }

    /**
     * @return trades recorded since start.
     */
    public long count()
    {
        return written;
    }

    /**
     * @param max most trades to return.
     * @return up to {@code max} of the newest trades (at most capacity - 1: the writer may be overwriting the
     * oldest slot), newest first.
     */
    public List<Trade> newest(final int max)
    {
        while (true)
        {
            final long end = written;
            final int count = (int)Math.min(Math.min(max, capacity - 1), end);
            final List<Trade> trades = new ArrayList<>(count);
            for (long i = end - 1; i >= end - count; i--)
            {
                final int slot = (int)(i & (capacity - 1));
                trades.add(new Trade(tradeIds[slot], timestamps[slot], instrumentIds[slot], prices[slot],
                    quantities[slot], Side.fromCode(takerSides[slot])));
            }
            VarHandle.loadLoadFence();
            if (written - (end - count) < capacity)
            {
                return trades;
            }
        }
    }
}
