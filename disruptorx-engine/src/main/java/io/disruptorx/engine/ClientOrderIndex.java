package io.disruptorx.engine;

/**
 * Resting orders by account and client order id: the engine refuses a new order whose client order id a live order
 * of the same account already has, and cancels and replaces may name an order this way. Client order id 0 means
 * none and is never indexed.
 *
 * <p>Open addressing with linear probing. The two keys of a slot sit side by side in one {@code long[]}, so a probe
 * reads one cache line and touches an order only when both keys match. Removal shifts the probe chain back (no
 * tombstones). It grows keeping at most half its slots used; only growth allocates. It is only ever probed, never
 * walked for output, so hash order cannot reach an event; it holds nothing a snapshot needs, as a restore rebuilds
 * it from the resting orders.
 */
final class ClientOrderIndex
{
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long MIX = 0xBF58476D1CE4E5B9L;
    private static final int MIN_CAPACITY = 16;
    private static final long EMPTY = 0;

    /** Per slot: account id at {@code 2 * slot}, client order id at {@code 2 * slot + 1} ({@link #EMPTY}: free). */
    private long[] keys;
    private Order[] orders;
    private int mask;
    private int shift;
    private int size;

    /**
     * @param expectedOrders live orders to hold before the first growth.
     */
    ClientOrderIndex(final int expectedOrders)
    {
        allocate(Integer.highestOneBit(Math.max(MIN_CAPACITY, expectedOrders) * 2 - 1) << 1);
    }

    /**
     * @param accountId     the owner.
     * @param clientOrderId a client order id other than 0.
     * @return the live order of that account with that client order id, or {@code null}. Should several share it
     * (a snapshot from an engine before this rule), the one with the lowest order id.
     */
    Order get(final long accountId, final long clientOrderId)
    {
        final long[] keys = this.keys;
        final int mask = this.mask;
        Order found = null;
        for (int i = slot(accountId, clientOrderId); keys[2 * i + 1] != EMPTY; i = (i + 1) & mask)
        {
            if (keys[2 * i + 1] == clientOrderId && keys[2 * i] == accountId)
            {
                final Order order = orders[i];
                if (found == null || order.orderId() < found.orderId())
                {
                    found = order;
                }
            }
        }
        return found;
    }

    /**
     * @return orders held.
     */
    int size()
    {
        return size;
    }

    /**
     * @param order a resting order with a client order id other than 0, not indexed here yet.
     */
    void put(final Order order)
    {
        if (2 * (size + 1) > orders.length)
        {
            rehash(orders.length * 2);
        }
        insert(order.account.id, order.clientOrderId, order);
        order.clientIndexed = true;
        size++;
    }

    /**
     * @param order an order indexed here.
     */
    void remove(final Order order)
    {
        final long[] keys = this.keys;
        final Order[] orders = this.orders;
        final int mask = this.mask;
        int hole = slot(order.account.id, order.clientOrderId);
        while (orders[hole] != order)
        {
            hole = (hole + 1) & mask;
        }
        int i = hole;
        while (true)
        {
            i = (i + 1) & mask;
            final long clientOrderId = keys[2 * i + 1];
            if (clientOrderId == EMPTY)
            {
                break;
            }
            final int home = slot(keys[2 * i], clientOrderId);
            // the entry at i may fill the hole unless its home lies cyclically in (hole, i]
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                keys[2 * hole] = keys[2 * i];
                keys[2 * hole + 1] = clientOrderId;
                orders[hole] = orders[i];
                hole = i;
            }
        }
        keys[2 * hole] = EMPTY;
        keys[2 * hole + 1] = EMPTY;
        orders[hole] = null;
        order.clientIndexed = false;
        size--;
    }

    private int slot(final long accountId, final long clientOrderId)
    {
        return (int)(((accountId * GOLDEN + clientOrderId) * MIX) >>> shift);
    }

    private void insert(final long accountId, final long clientOrderId, final Order order)
    {
        int i = slot(accountId, clientOrderId);
        while (keys[2 * i + 1] != EMPTY)
        {
            i = (i + 1) & mask;
        }
        keys[2 * i] = accountId;
        keys[2 * i + 1] = clientOrderId;
        orders[i] = order;
    }

    private void rehash(final int capacity)
    {
        final long[] oldKeys = keys;
        final Order[] oldOrders = orders;
        allocate(capacity);
        for (int i = 0; i < oldOrders.length; i++)
        {
            if (oldOrders[i] != null)
            {
                insert(oldKeys[2 * i], oldKeys[2 * i + 1], oldOrders[i]);
            }
        }
    }

    private void allocate(final int capacity)
    {
        keys = new long[2 * capacity];
        orders = new Order[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }
}
