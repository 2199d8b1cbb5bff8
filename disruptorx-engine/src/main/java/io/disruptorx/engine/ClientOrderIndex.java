package io.disruptorx.engine;

/**
 * Resting orders by account and client order id: the engine refuses a new order whose client order id a live order
 * of the same account already has, and cancels and replaces may name an order this way. Client order id 0 means
 * none and is never indexed.
 *
 * <p>Open addressing with linear probing over two arrays: a 32-bit fingerprint of the keys per slot (the high half
 * of their 64-bit hash, never 0, which marks a free slot) and the order. A probe reads the fingerprints and touches
 * an order only when its fingerprint matches, so the usual question, a new order's id that no live order has, reads
 * one small array and no order at all. The fingerprint also gives an entry's home slot, so removal shifts the probe
 * chain back (no tombstones) without reading orders. It grows keeping at most half its slots used; only growth
 * allocates. It is only ever probed, never walked for output, so hash order cannot reach an event; it holds nothing
 * a snapshot needs, as a restore rebuilds it from the resting orders.
 */
final class ClientOrderIndex
{
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long MIX = 0xBF58476D1CE4E5B9L;
    private static final int MIN_CAPACITY = 16;
    private static final int FREE = 0;

    private int[] fingerprints;
    private Order[] orders;
    private int mask;
    private int homeShift;
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
        final int[] fingerprints = this.fingerprints;
        final int mask = this.mask;
        final int fingerprint = fingerprint(accountId, clientOrderId);
        Order found = null;
        int candidate;
        for (int i = home(fingerprint); (candidate = fingerprints[i]) != FREE; i = (i + 1) & mask)
        {
            if (candidate == fingerprint)
            {
                final Order order = orders[i];
                if (order.clientOrderId == clientOrderId && order.account.id == accountId &&
                    (found == null || order.orderId() < found.orderId()))
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
        insert(fingerprint(order.account.id, order.clientOrderId), order);
        order.clientIndexed = true;
        size++;
    }

    /**
     * @param order an order indexed here.
     */
    void remove(final Order order)
    {
        final int[] fingerprints = this.fingerprints;
        final Order[] orders = this.orders;
        final int mask = this.mask;
        int hole = home(fingerprint(order.account.id, order.clientOrderId));
        while (orders[hole] != order)
        {
            hole = (hole + 1) & mask;
        }
        int i = hole;
        int fingerprint;
        while ((fingerprint = fingerprints[i = (i + 1) & mask]) != FREE)
        {
            // the entry at i may fill the hole unless its home lies cyclically in (hole, i]
            if (((i - home(fingerprint)) & mask) >= ((i - hole) & mask))
            {
                fingerprints[hole] = fingerprint;
                orders[hole] = orders[i];
                hole = i;
            }
        }
        fingerprints[hole] = FREE;
        orders[hole] = null;
        order.clientIndexed = false;
        size--;
    }

    private static int fingerprint(final long accountId, final long clientOrderId)
    {
        final int fingerprint = (int)(((accountId * GOLDEN + clientOrderId) * MIX) >>> 32);
        // 1 shares 0's home slot, so mapping 0 to it keeps every entry's home where its hash puts it
        return fingerprint == FREE ? 1 : fingerprint;
    }

    private int home(final int fingerprint)
    {
        return fingerprint >>> homeShift;
    }

    private void insert(final int fingerprint, final Order order)
    {
        int i = home(fingerprint);
        while (fingerprints[i] != FREE)
        {
            i = (i + 1) & mask;
        }
        fingerprints[i] = fingerprint;
        orders[i] = order;
    }

    private void rehash(final int capacity)
    {
        final int[] oldFingerprints = fingerprints;
        final Order[] oldOrders = orders;
        allocate(capacity);
        for (int i = 0; i < oldOrders.length; i++)
        {
            if (oldFingerprints[i] != FREE)
            {
                insert(oldFingerprints[i], oldOrders[i]);
            }
        }
    }

    private void allocate(final int capacity)
    {
        fingerprints = new int[capacity];
        orders = new Order[capacity];
        mask = capacity - 1;
        homeShift = 32 - Integer.numberOfTrailingZeros(capacity);
    }
}
