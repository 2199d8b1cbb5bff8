package io.disruptorx.engine.book;

import io.disruptorx.engine.Side;

/**
 * One side of a book: price levels in an array sorted so that the best level is last, which makes the common
 * operations (take the best, add near the best, remove the best) cheap. A {@code long[]} of keys is kept in step
 * with the levels, so a search never loads a level: the key is the price for bids and the negated price for asks,
 * so "better" is always "larger".
 */
public final class BookSide
{
    private static final int BLOCK = 8;
    private static final int SCAN_LIMIT = 256;

    private final Side side;
    private final boolean bids;
    private final LevelPool levelPool;
    private PriceLevel[] levels;
    private long[] keys;
    private int size;

    BookSide(final Side side, final LevelPool levelPool, final int initialLevels)
    {
        this.side = side;
        this.bids = side == Side.BUY;
        this.levelPool = levelPool;
        this.levels = new PriceLevel[initialLevels];
        this.keys = new long[initialLevels];
    }

    /**
     * @return the side of the orders resting here.
     */
    public Side side()
    {
        return side;
    }

    /**
     * @return number of price levels.
     */
    public int levelCount()
    {
        return size;
    }

    /**
     * Levels are stored worst first: iterating from {@code levelCount() - 1} down to 0 goes from the best level
     * to the worst, and stays valid when the visited level is removed.
     *
     * @param index array index.
     * @return the level.
     */
    public PriceLevel levelAt(final int index)
    {
        return levels[index];
    }

    /**
     * @return the best level, or {@code null} when the side is empty.
     */
    public PriceLevel best()
    {
        return size == 0 ? null : levels[size - 1];
    }

    /**
     * @return the best level's price, read from the keys alone, or 0 when the side is empty.
     */
    public long bestPrice()
    {
        final int size = this.size;
        if (size == 0)
        {
            return 0;
        }
        final long key = keys[size - 1];
        return bids ? key : -key;
    }

    /**
     * @param levelPrice price of a level of this side.
     * @param price      limit of an incoming order of the other side.
     * @return whether that incoming order may trade at {@code levelPrice}.
     */
    public boolean crosses(final long levelPrice, final long price)
    {
        return bids ? levelPrice >= price : levelPrice <= price;
    }

    /**
     * @param price limit of an incoming order of the other side.
     * @return whether it may trade with the best level; read from the keys alone, so no level is loaded (with many
     * books, most of a command's time is cache misses, and most orders do not trade).
     */
    public boolean bestCrosses(final long price)
    {
        final int size = this.size;
        if (size == 0)
        {
            return false;
        }
        final long key = keys[size - 1];
        return bids ? key >= price : -key <= price;
    }

    void add(final BookOrder order)
    {
        final long price = order.price;
        final long key = bids ? price : -price;
        final int index = find(key);
        final PriceLevel level;
        if (index < size && keys[index] == key)
        {
            level = levels[index];
        }
        else
        {
            level = levelPool.take(price);
            insertLevel(index, key, level);
        }
        level.append(order);
    }

    void remove(final BookOrder order)
    {
        final PriceLevel level = order.level;
        level.remove(order);
        if (level.isEmpty())
        {
            removeLevel(level);
        }
    }

    void reduce(final BookOrder order, final long quantity)
    {
        order.openQuantity -= quantity;
        order.level.totalQuantity -= quantity;
    }

    private void removeLevel(final PriceLevel level)
    {
        final int last = size - 1;
        final long key = bids ? level.price : -level.price;
        final int index = keys[last] == key ? last : find(key);
        System.arraycopy(levels, index + 1, levels, index, last - index);
        System.arraycopy(keys, index + 1, keys, index, last - index);
        levels[last] = null;
        size = last;
        levelPool.release(level);
    }

    private void insertLevel(final int index, final long key, final PriceLevel level)
    {
        if (size == levels.length)
        {
            final PriceLevel[] grownLevels = new PriceLevel[levels.length * 2];
            final long[] grownKeys = new long[levels.length * 2];
            System.arraycopy(levels, 0, grownLevels, 0, size);
            System.arraycopy(keys, 0, grownKeys, 0, size);
            levels = grownLevels;
            keys = grownKeys;
        }
        System.arraycopy(levels, index, levels, index + 1, size - index);
        System.arraycopy(keys, index, keys, index + 1, size - index);
        levels[index] = level;
        keys[index] = key;
        size++;
    }

    /**
     * @return the first index whose key is at least {@code key} ({@code size} when none). The best level is checked
     * first (most removes and many adds land there). Then a pass over the last key of every block of
     * {@value #BLOCK} keys counts the blocks wholly below {@code key}: those loads do not depend on each other, so
     * their cache misses overlap, where each probe of a binary search waits for the one before (with many books
     * the side's keys are rarely in cache). The answer lies in the next block, searched without data-dependent
     * branches, as where an order lands is unpredictable. A side deeper than {@value #SCAN_LIMIT} levels is searched
     * by bisection over all its keys instead, so a book stacked with levels costs a logarithmic search, never a
     * scan that grows with its depth.
     */
    private int find(final long key)
    {
        final long[] keys = this.keys;
        final int size = this.size;
        if (size == 0 || keys[size - 1] < key)
        {
            return size;
        }
        int base = 0;
        int n = size;
        if (size <= SCAN_LIMIT)
        {
            int below = 0;
            for (int last = BLOCK - 1; last < size; last += BLOCK)
            {
                below += keys[last] < key ? 1 : 0;
            }
            base = below * BLOCK;
            n = Math.min(BLOCK, size - base);
        }
        while (n > 1)
        {
            final int half = n >>> 1;
            base = keys[base + half - 1] < key ? base + half : base;
            n -= half;
        }
        return base;
    }
}
