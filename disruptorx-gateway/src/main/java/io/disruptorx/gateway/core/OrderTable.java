package io.disruptorx.gateway.core;

import java.util.ArrayDeque;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * The live orders of tracked accounts by venue order id, from a pool: an order enters on OrderAccepted and
 * leaves when it is filled or cancelled. Growth allocates (pool and map), steady state does not.
 */
final class OrderTable
{
    private final Long2ObjectHashMap<OrderState> byId;
    private final ArrayDeque<OrderState> pool;

    OrderTable(final int initialCapacity)
    {
        byId = new Long2ObjectHashMap<>(initialCapacity * 2, 0.65f);
        pool = new ArrayDeque<>(initialCapacity);
        for (int i = 0; i < initialCapacity; i++)
        {
            pool.push(new OrderState());
        }
    }

    OrderState get(final long orderId)
    {
        return byId.get(orderId);
    }

    OrderState add(final long orderId)
    {
        final OrderState order = pool.isEmpty() ? new OrderState() : pool.pop();
        order.orderId = orderId;
        byId.put(orderId, order);
        return order;
    }

    void remove(final OrderState order)
    {
        byId.remove(order.orderId);
        if (order.owner != null)
        {
            order.owner.disown(order);
        }
        order.reset();
        pool.push(order);
    }

    int size()
    {
        return byId.size();
    }
}
