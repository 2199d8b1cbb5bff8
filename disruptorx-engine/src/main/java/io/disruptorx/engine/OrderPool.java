package io.disruptorx.engine;

/**
 * Preallocated orders. It grows in chunks up to a hard capacity; only growth allocates.
 */
final class OrderPool
{
    private final int capacity;
    private final int chunk;
    private Order[] free;
    private int freeCount;
    private int created;

    OrderPool(final int initial, final int capacity)
    {
        this.capacity = capacity;
        this.chunk = initial;
        this.free = new Order[initial];
        grow();
    }

    /**
     * @return an order, or {@code null} when {@code capacity} orders are in use.
     */
    Order take()
    {
        if (freeCount == 0 && !grow())
        {
            return null;
        }
        final Order order = free[--freeCount];
        free[freeCount] = null;
        return order;
    }

    void release(final Order order)
    {
        order.clear();
        free[freeCount++] = order;
    }

    int inUse()
    {
        return created - freeCount;
    }

    private boolean grow()
    {
        final int add = Math.min(chunk, capacity - created);
        if (add <= 0)
        {
            return false;
        }
        if (free.length < created + add)
        {
            final Order[] grown = new Order[created + add];
            System.arraycopy(free, 0, grown, 0, freeCount);
            free = grown;
        }
        for (int i = 0; i < add; i++)
        {
            free[freeCount++] = new Order();
        }
        created += add;
        return true;
    }
}
