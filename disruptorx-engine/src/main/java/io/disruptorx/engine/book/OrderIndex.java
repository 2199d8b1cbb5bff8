package io.disruptorx.engine.book;

/**
 * Live orders by id, shared by the books that use it (the engine keeps one for all its instruments, as its order
 * ids are global): an open-addressing map from id to the order's handle in its {@link OrderPool}. Each slot is two
 * adjacent longs, the id and the handle plus one (0 marks a free slot), so a probe reads one cache line and never
 * an order, and a miss (the check that a new id is free) touches no order at all. Linear probing; removal shifts
 * the probe chain back (no tombstones). It grows, keeping at most half its slots used; only growth allocates. It
 * is never iterated.
 */
public final class OrderIndex
{
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int MIN_CAPACITY = 16;

    private final OrderPool pool;
    private long[] table;
    private int mask;
    private int shift;
    private int size;

    /**
     * @param pool           where the indexed orders come from.
     * @param expectedOrders live orders to hold before the first growth.
     */
    public OrderIndex(final OrderPool pool, final int expectedOrders)
    {
        this.pool = pool;
        allocate(Integer.highestOneBit(Math.max(MIN_CAPACITY, expectedOrders) * 2 - 1) << 1);
    }

    /**
     * @param orderId an order id.
     * @return the live order with that id, or {@code null}.
     */
    public BookOrder get(final long orderId)
    {
        final int handle = find(orderId);
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
        final long[] table = this.table;
        final int mask = this.mask;
        int i = slot(orderId);
        while (true)
        {
            final long value = table[2 * i + 1];
            if (value == 0)
            {
                return OrderPool.NONE;
            }
            if (table[2 * i] == orderId)
            {
                return (int)value - 1;
            }
            i = (i + 1) & mask;
        }
    }

    void put(final int handle)
    {
        if (2 * (size + 1) > mask + 1)
        {
            rehash((mask + 1) * 2);
        }
        insert(table, pool.orderId(handle), handle);
        pool.indexed(handle, true);
        size++;
    }

    void remove(final int handle)
    {
        final long[] table = this.table;
        final int mask = this.mask;
        final long orderId = pool.orderId(handle);
        int hole = slot(orderId);
        while (table[2 * hole + 1] != handle + 1)
        {
            hole = (hole + 1) & mask;
        }
        table[2 * hole] = 0;
        table[2 * hole + 1] = 0;
        int i = hole;
        while (true)
        {
            i = (i + 1) & mask;
            final long value = table[2 * i + 1];
            if (value == 0)
            {
                break;
            }
            final long candidate = table[2 * i];
            final int home = slot(candidate);
            // the candidate may fill the hole unless its home lies cyclically in (hole, i]
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                table[2 * hole] = candidate;
                table[2 * hole + 1] = value;
                table[2 * i] = 0;
                table[2 * i + 1] = 0;
                hole = i;
            }
        }
        pool.indexed(handle, false);
        size--;
    }

    private int slot(final long orderId)
    {
        return (int)((orderId * GOLDEN) >>> shift);
    }

    private void insert(final long[] table, final long orderId, final int handle)
    {
        int i = slot(orderId);
        while (table[2 * i + 1] != 0)
        {
            i = (i + 1) & mask;
        }
        table[2 * i] = orderId;
        table[2 * i + 1] = handle + 1L;
    }

    private void rehash(final int capacity)
    {
        final long[] old = table;
        allocate(capacity);
        for (int i = 0; i < old.length; i += 2)
        {
            if (old[i + 1] != 0)
            {
                insert(table, old[i], (int)old[i + 1] - 1);
            }
        }
    }

    private void allocate(final int capacity)
    {
        table = new long[2 * capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }
}
