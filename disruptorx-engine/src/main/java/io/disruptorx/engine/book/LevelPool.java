package io.disruptorx.engine.book;

/**
 * Reuses price levels so that a level appearing and disappearing near the touch allocates nothing.
 */
final class LevelPool
{
    private PriceLevel free;

    PriceLevel take(final long price)
    {
        PriceLevel level = free;
        if (level == null)
        {
            level = new PriceLevel();
        }
        else
        {
            free = level.nextFree;
            level.nextFree = null;
        }
        level.price = price;
        return level;
    }

    void release(final PriceLevel level)
    {
        level.head = null;
        level.tail = null;
        level.orderCount = 0;
        level.totalQuantity = 0;
        level.nextFree = free;
        free = level;
    }
}
