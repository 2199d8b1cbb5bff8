package io.disruptorx.engine.book;

/**
 * Live orders by id, shared by the books that use it (the engine keeps one for all its instruments, as its order
 * ids are global). The {@link OrderPool} places each order in a slot chosen from its id, so this index is the
 * pool's own search ({@link OrderPool#find}): one probe reads the order's line, which holds the id and what the
 * book needs next. An order is in the index while its {@link OrderPool#INDEXED} flag is set, so a pool has one
 * index. It is never iterated.
 */
public final class OrderIndex
{
    private final OrderPool pool;
    private int size;

    /**
     * @param pool           where the indexed orders come from; its only index.
     * @param expectedOrders live orders to hold before the first growth (the pool's {@code initial} sets its size).
     */
    public OrderIndex(final OrderPool pool, final int expectedOrders)
    {
        if (expectedOrders < 0)
        {
            throw new IllegalArgumentException("expectedOrders must not be negative, was " + expectedOrders);
        }
        this.pool = pool;
    }

    /**
     * @param orderId an order id.
     * @return the live order with that id, or {@code null}.
     */
    public BookOrder get(final long orderId)
    {
        final int handle = pool.find(orderId);
        return handle == OrderPool.NONE ? null : pool.order(handle);
    }

    /**
     * @return live orders held.
     */
    public int size()
    {
        return size;
    }

    OrderPool pool()
    {
        return pool;
    }

    /**
     * @return the handle of the live order with that id, or {@link OrderPool#NONE}.
     */
    int find(final long orderId)
    {
        return pool.find(orderId);
    }

    void put(final int handle)
    {
        pool.indexed(handle, true);
        size++;
    }

    void remove(final int handle)
    {
        pool.indexed(handle, false);
        size--;
    }
}
