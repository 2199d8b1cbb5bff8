package io.disruptorx.gateway.json;

import java.util.Arrays;

import io.disruptorx.marketdata.book.PriceLevels;

/**
 * One side of a book by price level, best first (bids descending, asks ascending): parallel arrays of price and
 * total quantity, grown when more levels rest than ever before, so steady state allocates nothing. One thread.
 */
final class LevelSide
{
    private final boolean bids;
    private long[] prices = new long[16];
    private long[] quantities = new long[16];
    private int size;

    LevelSide(final boolean bids)
    {
        this.bids = bids;
    }

    int size()
    {
        return size;
    }

    long price(final int level)
    {
        return prices[level];
    }

    long quantity(final int level)
    {
        return quantities[level];
    }

    /**
     * @return the best price, 0 when the side is empty.
     */
    long priceOrZero()
    {
        return size == 0 ? 0 : prices[0];
    }

    /**
     * @return the quantity at the best price, 0 when the side is empty.
     */
    long quantityOrZero()
    {
        return size == 0 ? 0 : quantities[0];
    }

    /**
     * @return whether {@code price} ranks before {@code other} on this side.
     */
    boolean better(final long price, final long other)
    {
        return bids ? price > other : price < other;
    }

    /**
     * @param price a price.
     * @return its quantity, 0 when no level is there.
     */
    long quantityAt(final long price)
    {
        final int at = find(price);
        return at >= 0 ? quantities[at] : 0;
    }

    /**
     * Sets a level's total quantity; 0 removes the level.
     */
    void set(final long price, final long quantity)
    {
        final int at = find(price);
        if (at >= 0)
        {
            if (quantity == 0)
            {
                System.arraycopy(prices, at + 1, prices, at, size - at - 1);
                System.arraycopy(quantities, at + 1, quantities, at, size - at - 1);
                size--;
            }
            else
            {
                quantities[at] = quantity;
            }
            return;
        }
        if (quantity == 0)
        {
            return;
        }
        final int insert = -at - 1;
        if (size == prices.length)
        {
            prices = Arrays.copyOf(prices, size * 2);
            quantities = Arrays.copyOf(quantities, size * 2);
        }
        System.arraycopy(prices, insert, prices, insert + 1, size - insert);
        System.arraycopy(quantities, insert, quantities, insert + 1, size - insert);
        prices[insert] = price;
        quantities[insert] = quantity;
        size++;
    }

    /**
     * Drops the levels from {@code from} on.
     */
    void truncate(final int from)
    {
        size = from;
    }

    /**
     * Appends a level behind the worst one; the caller keeps the order.
     */
    void append(final long price, final long quantity)
    {
        if (size == prices.length)
        {
            prices = Arrays.copyOf(prices, size * 2);
            quantities = Arrays.copyOf(quantities, size * 2);
        }
        prices[size] = price;
        quantities[size] = quantity;
        size++;
    }

    void clear()
    {
        size = 0;
    }

    /**
     * @return the level's index, or {@code -(insertion point) - 1}.
     */
    private int find(final long price)
    {
        return PriceLevels.find(prices, size, bids, price);
    }
}
