package io.disruptorx.shard.move;

import java.util.Arrays;

/**
 * Compares the {id, price, quantity} rows {@code MovingShards.book} gives.
 */
final class MovingShardsOrders
{
    private MovingShardsOrders()
    {
    }

    static int compare(final long[] a, final long[] b)
    {
        return Arrays.compare(a, b);
    }
}
