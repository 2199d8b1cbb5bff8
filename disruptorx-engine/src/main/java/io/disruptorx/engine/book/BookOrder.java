package io.disruptorx.engine.book;

import io.disruptorx.engine.Side;

/**
 * An order as the book sees it: id, side, price and open quantity, linked into its price level's FIFO while it
 * rests. Pooled and reused. A host that needs more per order (the engine: account, time in force...) extends it
 * and gives the {@link OrderPool} a factory for its subclass.
 */
public class BookOrder
{
    long orderId;
    Side side;
    long price;
    long openQuantity;
    boolean indexed;
    PriceLevel level;
    BookOrder previous;
    BookOrder next;

    /**
     * @return the order id, unique among the live orders of an {@link OrderIndex}.
     */
    public final long orderId()
    {
        return orderId;
    }

    /**
     * @return the side.
     */
    public final Side side()
    {
        return side;
    }

    /**
     * @return the limit price.
     */
    public final long price()
    {
        return price;
    }

    /**
     * @return the quantity still open.
     */
    public final long openQuantity()
    {
        return openQuantity;
    }

    /**
     * @return the next order of the same price level in time priority, or {@code null}.
     */
    public final BookOrder next()
    {
        return next;
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
        if (level != null || indexed)
        {
            throw new IllegalStateException("order " + this.orderId + " is live");
        }
        this.orderId = orderId;
        this.side = side;
        this.price = price;
        this.openQuantity = quantity;
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
        if (level != null)
        {
            throw new IllegalStateException("order " + orderId + " rests: detach it first");
        }
        this.price = price;
        this.openQuantity = quantity;
    }

    /**
     * Resets the order for reuse; a subclass clears its own fields too and calls this.
     */
    protected void clear()
    {
        orderId = 0;
        side = null;
        price = 0;
        openQuantity = 0;
        indexed = false;
        level = null;
        previous = null;
        next = null;
    }
}
