package io.disruptorx.gateway.core;

import java.util.ArrayDeque;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * The live orders of tracked accounts by venue order id, from a pool: an order enters on OrderAccepted and
 * leaves when it is filled or cancelled. Growth allocates (pool and map), steady state does not.
 * <p>
 * The venue numbers its orders in rising sequence, so the table is direct-mapped by the order id's low bits (the
 * ids in a long array beside the orders, so a miss reads no order), with a map for an order whose slot is still
 * held by an older live one: consecutive orders take consecutive slots instead of hashed probes in a map. An id is
 * in the table or in the map, never in both.
 */
final class OrderTable
{
    /** Largest direct-mapped table: 65,536 slots (768 KiB with compressed references). */
    static final int MAX_SLOTS = 65_536;

    private final long[] ids;
    private final OrderState[] slots;
    private final int mask;
    private final Long2ObjectHashMap<OrderState> overflow = new Long2ObjectHashMap<>();
    private final ArrayDeque<OrderState> pool;
    private int inSlots;

    OrderTable(final int initialCapacity)
    {
        final int size = Math.max(16, Integer.highestOneBit(Math.min(MAX_SLOTS, Math.max(2, initialCapacity)) - 1)
            << 1);
        ids = new long[size];
        slots = new OrderState[size];
        mask = size - 1;
        pool = new ArrayDeque<>(initialCapacity);
        for (int i = 0; i < initialCapacity; i++)
        {
            pool.push(new OrderState());
        }
    }

    OrderState get(final long orderId)
    {
        final int slot = (int)orderId & mask;
        if (holds(slot, orderId))
        {
            return slots[slot];
        }
        return overflow.isEmpty() ? null : overflow.get(orderId);
    }

    /**
     * @return the order's state, reset but for its id; one already live with the same id is replaced.
     */
    OrderState add(final long orderId)
    {
        final OrderState order = pool.isEmpty() ? new OrderState() : pool.pop();
        order.orderId = orderId;
        final int slot = (int)orderId & mask;
        if (holds(slot, orderId))
        {
            slots[slot] = order;
        }
        else if (slots[slot] == null && (overflow.isEmpty() || !overflow.containsKey(orderId)))
        {
            ids[slot] = orderId;
            slots[slot] = order;
            inSlots++;
        }
        else
        {
            overflow.put(orderId, order);
        }
        return order;
    }

    void remove(final OrderState order)
    {
        final long orderId = order.orderId;
        final int slot = (int)orderId & mask;
        if (holds(slot, orderId))
        {
            slots[slot] = null;
            inSlots--;
        }
        else if (!overflow.isEmpty())
        {
            overflow.remove(orderId);
        }
        if (order.owner != null)
        {
            order.owner.disown(order);
        }
        order.reset();
        pool.push(order);
    }

    private boolean holds(final int slot, final long orderId)
    {
        return ids[slot] == orderId && slots[slot] != null;
    }

    int size()
    {
        return inSlots + overflow.size();
    }
}
