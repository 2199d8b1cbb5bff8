package io.disruptorx.marketdata.book;

import java.util.Arrays;

/**
 * One side of an instrument's book by price level, best level first (bids descending, asks ascending).
 * Parallel primitive arrays; inserting or removing a level shifts the levels behind it. Each level also
 * holds the first and last order slot of its time-priority list, which {@link MarketBook} links.
 */
public final class BookSide
{
    private final boolean bids;
    private long[] prices = new long[16];
    private long[] quantities = new long[16];
    private int[] orderCounts = new int[16];
    private int[] heads = new int[16];
    private int[] tails = new int[16];
    private int size;

    BookSide(final boolean bids)
    {
        this.bids = bids;
    }

    /**
     * @return number of price levels.
     */
    public int levels()
    {
        return size;
    }

    /**
     * @param level 0 is the best.
     * @return its price.
     */
    public long price(final int level)
    {
        return prices[level];
    }

    /**
     * @param level 0 is the best.
     * @return total open quantity at that level.
     */
    public long quantity(final int level)
    {
        return quantities[level];
    }

    /**
     * @param level 0 is the best.
     * @return number of orders at that level.
     */
    public int orderCount(final int level)
    {
        return orderCounts[level];
    }

    /**
     * @return best price, 0 when the side is empty.
     */
    public long bestPrice()
    {
        return size == 0 ? 0 : prices[0];
    }

    /**
     * @return quantity at the best price, 0 when the side is empty.
     */
    public long bestQuantity()
    {
        return size == 0 ? 0 : quantities[0];
    }

    /**
     * @param level 0 is the best.
     * @return the order slot first in time priority at that level (see {@link MarketBook#nextSlot}).
     */
    public int firstSlot(final int level)
    {
        return heads[level];
    }

    int find(final long price)
    {
        return PriceLevels.find(prices, size, bids, price);
    }

    int insert(final int at, final long price)
    {
        if (size == prices.length)
        {
            final int capacity = size * 2;
            prices = Arrays.copyOf(prices, capacity);
            quantities = Arrays.copyOf(quantities, capacity);
            orderCounts = Arrays.copyOf(orderCounts, capacity);
            heads = Arrays.copyOf(heads, capacity);
            tails = Arrays.copyOf(tails, capacity);
        }
        final int moved = size - at;
        if (moved > 0)
        {
            System.arraycopy(prices, at, prices, at + 1, moved);
            System.arraycopy(quantities, at, quantities, at + 1, moved);
            System.arraycopy(orderCounts, at, orderCounts, at + 1, moved);
            System.arraycopy(heads, at, heads, at + 1, moved);
            System.arraycopy(tails, at, tails, at + 1, moved);
        }
        prices[at] = price;
        quantities[at] = 0;
        orderCounts[at] = 0;
        heads[at] = -1;
        tails[at] = -1;
        size++;
        return at;
    }

    void remove(final int at)
    {
        final int moved = size - at - 1;
        if (moved > 0)
        {
            System.arraycopy(prices, at + 1, prices, at, moved);
            System.arraycopy(quantities, at + 1, quantities, at, moved);
            System.arraycopy(orderCounts, at + 1, orderCounts, at, moved);
            System.arraycopy(heads, at + 1, heads, at, moved);
            System.arraycopy(tails, at + 1, tails, at, moved);
        }
        size--;
    }

    void addQuantity(final int level, final long delta)
    {
        quantities[level] += delta;
    }

    void addOrderCount(final int level, final int delta)
    {
        orderCounts[level] += delta;
    }

    int head(final int level)
    {
        return heads[level];
    }

    int tail(final int level)
    {
        return tails[level];
    }

    void head(final int level, final int slot)
    {
        heads[level] = slot;
    }

    void tail(final int level, final int slot)
    {
        tails[level] = slot;
    }

    void clear()
    {
        size = 0;
    }
}
