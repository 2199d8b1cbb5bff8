package io.disruptorx.engine.book;

/**
 * Live orders by id, shared by the books that use it (the engine keeps one for all its instruments, as its order
 * ids are global). Open addressing with linear probing over one array of orders: the id is read from the order
 * itself, so a hit touches one slot and the order it needs anyway, and there is no key array to miss in. Removal
 * shifts the probe chain back (no tombstones). It grows, keeping at most half its slots used; only growth
 * allocates.
 */
public final class OrderIndex
{
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int MIN_CAPACITY = 16;

    private BookOrder[] slots;
    private int mask;
    private int shift;
    private int size;

    /**
     * @param expectedOrders live orders to hold before the first growth.
     */
    public OrderIndex(final int expectedOrders)
    {
        allocate(Integer.highestOneBit(Math.max(MIN_CAPACITY, expectedOrders) * 2 - 1) << 1);
    }

    /**
     * @param orderId an order id.
     * @return the live order with that id, or {@code null}.
     */
    public BookOrder get(final long orderId)
    {
        final BookOrder[] slots = this.slots;
        final int mask = this.mask;
        int i = slot(orderId);
        BookOrder order;
        while ((order = slots[i]) != null)
        {
            if (order.orderId == orderId)
            {
                return order;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /**
     * @return live orders held.
     */
    public int size()
    {
        return size;
    }

    void put(final BookOrder order)
    {
        if (2 * (size + 1) > slots.length)
        {
            rehash(slots.length * 2);
        }
        insert(slots, order);
        order.indexed = true;
        size++;
    }

    void remove(final BookOrder order)
    {
        final BookOrder[] slots = this.slots;
        final int mask = this.mask;
        int hole = slot(order.orderId);
        while (slots[hole] != order)
        {
            hole = (hole + 1) & mask;
        }
        slots[hole] = null;
        int i = hole;
        while (true)
        {
            i = (i + 1) & mask;
            final BookOrder candidate = slots[i];
            if (candidate == null)
            {
                break;
            }
            final int home = slot(candidate.orderId);
            // the candidate may fill the hole unless its home lies cyclically in (hole, i]
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                slots[hole] = candidate;
                slots[i] = null;
                hole = i;
            }
        }
        order.indexed = false;
        size--;
    }

    private int slot(final long orderId)
    {
        return (int)((orderId * GOLDEN) >>> shift);
    }

    private void insert(final BookOrder[] slots, final BookOrder order)
    {
        int i = slot(order.orderId);
        while (slots[i] != null)
        {
            i = (i + 1) & mask;
        }
        slots[i] = order;
    }

    private void rehash(final int capacity)
    {
        final BookOrder[] old = slots;
        allocate(capacity);
        for (final BookOrder order : old)
        {
            if (order != null)
            {
                insert(slots, order);
            }
        }
    }

    private void allocate(final int capacity)
    {
        slots = new BookOrder[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }
}
