package io.disruptorx.engine.book;

import io.disruptorx.engine.Side;

/**
 * An order as the book sees it: id, side, price and open quantity, linked into its price level's FIFO while it
 * rests. Pooled and reused: the object is a handle on its line in the {@link OrderPool}, where those fields live,
 * and it only works once its pool has made it. A host that needs more per order (the engine: account, time in
 * force...) extends it and gives the {@link OrderPool} a factory for its subclass.
 */
public class BookOrder
{
    OrderPool pool;
    int handle;

    /**
     * @return the order id, unique among the live orders of an {@link OrderIndex}.
     */
    public final long orderId()
    {
        return pool.orderId(handle);
    }

    /**
     * @return the side.
     */
    public final Side side()
    {
        return pool.side(handle);
    }

    /**
     * @return the limit price.
     */
    public final long price()
    {
        return pool.price(handle);
    }

    /**
     * @return the quantity still open.
     */
    public final long openQuantity()
    {
        return pool.quantity(handle);
    }

    /**
     * @return the next order of the same price level in time priority, or {@code null}.
     */
    public final BookOrder next()
    {
        final int next = pool.next(handle);
        return next == OrderPool.NONE ? null : pool.order(next);
    }

    /**
     * Sets what matching needs on an order taken from the pool, before it is matched or rested.
     *
     * @param orderId  id, unique among live orders.
     * @param side     side.
     * @param price    positive limit price.
     * @param quantity positive open quantity.
     * @throws IllegalStateException if the order is in a book or an index.
     */
    public final void init(final long orderId, final Side side, final long price, final long quantity)
    {
        if (pool.level(handle) != OrderPool.NONE || pool.indexed(handle))
        {
            throw new IllegalStateException("order " + orderId() + " is live");
        }
        pool.set(handle, orderId, side, price, quantity);
    }

    /**
     * Changes price and open quantity of an order that is not resting (detached to be moved); it keeps its id.
     *
     * @param price    new limit price.
     * @param quantity new open quantity.
     * @throws IllegalStateException if the order rests in a book.
     */
    public final void reprice(final long price, final long quantity)
    {
        if (pool.level(handle) != OrderPool.NONE)
        {
            throw new IllegalStateException("order " + orderId() + " rests: detach it first");
        }
        pool.set(handle, orderId(), side(), price, quantity);
    }

    /**
     * Resets the order for reuse; a subclass clears its own fields too and calls this.
     */
    protected void clear()
    {
        pool.clearRecord(handle);
    }
}
