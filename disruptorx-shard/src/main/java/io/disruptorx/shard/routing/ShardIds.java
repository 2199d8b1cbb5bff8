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
 *
 * <p>An order keeps its global id when its instrument moves to another shard: the target engine holds it under the
 * local id {@code MOVED | global} ({@link #movedLocal}), which {@link #global} turns back into the same global id,
 * whatever shard answers. Global ids of moved orders must stay below {@code MOVED} (2^52: local ids below 2^42).
 */
public final class ShardIds
{
    /** Bits of a global id that name the shard. */
    public static final int SHARD_BITS = 10;

    /**
     * Marks a target shard's local id of a moved order: the rest of the id is the order's global id. The same bit as
     * the engine's {@code InstrumentMoves.MOVED_MARK}: a mass cancel of restored orders only (a re-send of
     * {@code LateReplies}) cancels the orders whose id carries it.
     */
    public static final long MOVED = 1L << 52;

    private static final long SHARD_MASK = (1L << SHARD_BITS) - 1;

    private ShardIds()
    {
    }

    /**
     * @param shard   index, below {@link RoutingTable#MAX_SHARDS}.
     * @param localId the shard's own id, at least 0 and below 2^53.
     * @return the global id; 0 stays 0 ("none"); a moved order's id is the global id it had before its move.
     */
    public static long global(final int shard, final long localId)
    {
        if (localId == 0)
        {
            return 0;
        }
        return (localId & MOVED) != 0 ? localId & ~MOVED : localId << SHARD_BITS | shard;
    }

    /**
     * @param globalId an order's global id, below {@link #MOVED}.
     * @return the local id the order has on a shard it moved to.
     */
    public static long movedLocal(final long globalId)
    {
        return globalId | MOVED;
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
