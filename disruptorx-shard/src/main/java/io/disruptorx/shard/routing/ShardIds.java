package io.disruptorx.shard.routing;

/**
 * Ids that are unique over all shards. Each shard numbers its orders and trades from 1 on its own, so the same
 * local id exists on every shard; the sharded venue hands out {@code local << SHARD_BITS | shard} instead, and
 * a command that names an order by such a global id goes to the shard in its low bits.
 *
 * <pre>
 *  63                                   10 9          0
 * +---------------------------------------+------------+
 * |        the shard's own id (54 bits)    |   shard    |
 * +---------------------------------------+------------+
 * </pre>
 */
public final class ShardIds
{
    /** Bits of a global id that name the shard. */
    public static final int SHARD_BITS = 10;

    private static final long SHARD_MASK = (1L << SHARD_BITS) - 1;

    private ShardIds()
    {
    }

    /**
     * @param shard   index, below {@link RoutingTable#MAX_SHARDS}.
     * @param localId the shard's own id, at least 0 and below 2^53.
     * @return the global id; 0 stays 0 ("none").
     */
    public static long global(final int shard, final long localId)
    {
        return localId == 0 ? 0 : localId << SHARD_BITS | shard;
    }

    /**
     * @param globalId a global id.
     * @return the shard in its low bits.
     */
    public static int shardOf(final long globalId)
    {
        return (int)(globalId & SHARD_MASK);
    }

    /**
     * @param globalId a global id.
     * @return the shard's own id.
     */
    public static long localOf(final long globalId)
    {
        return globalId >>> SHARD_BITS;
    }
}
