package io.disruptorx.engine.book;

/**
 * All resting orders at one price on one side, in arrival order: an intrusive doubly-linked FIFO.
 */
public final class PriceLevel
{
    long price;
    BookOrder head;
    BookOrder tail;
    int orderCount;
    long totalQuantity;
    PriceLevel nextFree;

    /**
     * @return the level's price.
     */
    public long price()
    {
        return price;
    }

    /**
     * @return the oldest order; walk on with {@link BookOrder#next()}.
     */
    public BookOrder head()
    {
        return head;
    }

    /**
     * @return orders resting at this price.
     */
    public int orderCount()
    {
        return orderCount;
    }

    /**
     * @return the sum of their open quantities.
     */
    public long totalQuantity()
    {
        return totalQuantity;
    }

    void append(final BookOrder order)
    {
        order.level = this;
        order.next = null;
        order.previous = tail;
        if (tail == null)
        {
            head = order;
        }
        else
        {
            tail.next = order;
        }
        tail = order;
        orderCount++;
        totalQuantity += order.openQuantity;
    }

    void remove(final BookOrder order)
    {
        final BookOrder previous = order.previous;
        final BookOrder next = order.next;
        if (previous == null)
        {
            head = next;
        }
        else
        {
            previous.next = next;
        }
        if (next == null)
        {
            tail = previous;
        }
        else
        {
            next.previous = previous;
        }
        order.previous = null;
        order.next = null;
        order.level = null;
        orderCount--;
        totalQuantity -= order.openQuantity;
    }

    boolean isEmpty()
    {
        return head == null;
    }
}
