package io.disruptorx.engine;

/**
 * All resting orders at one price on one side, in arrival order: an intrusive doubly-linked FIFO.
 */
final class PriceLevel
{
    long price;
    Order head;
    Order tail;
    int orderCount;
    long totalQuantity;
    PriceLevel nextFree;

    void append(final Order order)
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

    void remove(final Order order)
    {
        final Order previous = order.previous;
        final Order next = order.next;
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
