package io.disruptorx.engine.book;

import java.util.function.Supplier;

/**
 * Preallocated orders, shared by the books that use them. It grows in chunks up to a hard capacity; only growth
 * allocates. The factory makes the host's order class, once per order, never on the hot path.
 */
public final class OrderPool
{
    private final int capacity;
    private final int chunk;
    private final Supplier<? extends BookOrder> factory;
    private BookOrder[] free;
    private int freeCount;
    private int created;

    /**
     * @param initial  orders created now, and per growth step.
     * @param capacity most orders ever in use at once.
     * @param factory  makes one order (for example {@code BookOrder::new}, or a subclass's constructor).
     */
    public OrderPool(final int initial, final int capacity, final Supplier<? extends BookOrder> factory)
    {
        this.capacity = capacity;
        this.chunk = Math.max(1, initial);
        this.factory = factory;
        this.free = new BookOrder[this.chunk];
        grow();
    }

    /**
     * @return a cleared order, or {@code null} when {@code capacity} orders are in use.
     */
    public BookOrder take()
    {
        if (freeCount == 0 && !grow())
        {
            return null;
        }
        final BookOrder order = free[--freeCount];
        free[freeCount] = null;
        return order;
    }

    /**
     * @return orders taken and not yet given back.
     */
    public int inUse()
    {
        return created - freeCount;
    }

    void release(final BookOrder order)
    {
        order.clear();
        free[freeCount++] = order;
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
            final BookOrder[] grown = new BookOrder[created + add];
            System.arraycopy(free, 0, grown, 0, freeCount);
            free = grown;
        }
        for (int i = 0; i < add; i++)
        {
            free[freeCount++] = factory.get();
        }
        created += add;
        return true;
    }
}
