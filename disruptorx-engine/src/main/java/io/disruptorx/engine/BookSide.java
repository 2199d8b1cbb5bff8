package io.disruptorx.engine;

/**
 * One side of a book: price levels in an array sorted so that the best level is last, which makes the
 * common operations (take the best, add near the best, remove the best) cheap. Levels are found by binary
 * search on a key that is the price for bids and the negated price for asks, so "better" is always "larger".
 */
final class BookSide
{
    private final Side side;
    private final LevelPool levelPool;
    private PriceLevel[] levels;
    private int size;

    BookSide(final Side side, final LevelPool levelPool, final int initialLevels)
    {
        this.side = side;
        this.levelPool = levelPool;
        this.levels = new PriceLevel[initialLevels];
    }

    Side side()
    {
        return side;
    }

    int levelCount()
    {
        return size;
    }

    /**
     * Levels are stored worst first: iterating from {@code levelCount() - 1} down to 0 goes from the best
     * level to the worst, and stays valid when the visited level is removed.
     *
     * @param index array index.
     * @return the level.
     */
    PriceLevel levelAt(final int index)
    {
        return levels[index];
    }

    PriceLevel best()
    {
        return size == 0 ? null : levels[size - 1];
    }

    /**
     * @param price a price.
     * @return whether an incoming order of the other side limited at {@code price} may trade with
     * a resting order of this side at {@code levelPrice}.
     */
    boolean crosses(final long levelPrice, final long price)
    {
        return side == Side.SELL ? levelPrice <= price : levelPrice >= price;
    }

    /**
     * @param a a price.
     * @param b another price.
     * @return whether {@code a} is a better price than {@code b} on this side.
     */
    boolean isBetter(final long a, final long b)
    {
        return side == Side.BUY ? a > b : a < b;
    }

    void add(final Order order)
    {
        final long price = order.price;
        final long key = key(price);
        final int index = search(key);
        final PriceLevel level;
        if (index >= 0)
        {
            level = levels[index];
        }
        else
        {
            final int insertAt = -index - 1;
            level = levelPool.take(price);
            insertLevel(insertAt, level);
        }
        level.append(order);
    }

    void remove(final Order order)
    {
        final PriceLevel level = order.level;
        level.remove(order);
        if (level.isEmpty())
        {
            removeLevel(level);
        }
    }

    void reduce(final Order order, final long quantity)
    {
        order.openQuantity -= quantity;
        order.level.totalQuantity -= quantity;
    }

    private void removeLevel(final PriceLevel level)
    {
        final int last = size - 1;
        final int index = levels[last] == level ? last : search(key(level.price));
        System.arraycopy(levels, index + 1, levels, index, last - index);
        levels[last] = null;
        size = last;
        levelPool.release(level);
    }

    private void insertLevel(final int index, final PriceLevel level)
    {
        if (size == levels.length)
        {
            final PriceLevel[] grown = new PriceLevel[levels.length * 2];
            System.arraycopy(levels, 0, grown, 0, size);
            levels = grown;
        }
        System.arraycopy(levels, index, levels, index + 1, size - index);
        levels[index] = level;
        size++;
    }

    private long key(final long price)
    {
        return side == Side.BUY ? price : -price;
    }

    private int search(final long key)
    {
        final PriceLevel[] levels = this.levels;
        int low = 0;
        int high = size - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long midKey = key(levels[mid].price);
            if (midKey < key)
            {
                low = mid + 1;
            }
            else if (midKey > key)
            {
                high = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return -(low + 1);
    }
}
