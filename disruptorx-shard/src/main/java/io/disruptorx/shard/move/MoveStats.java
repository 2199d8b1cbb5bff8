package io.disruptorx.shard.move;

/**
 * What a {@link ShardMover}'s moves did: counts, and how long the last move held its instrument (from the halt until
 * the held commands were released).
 */
public final class MoveStats
{
    private long moves;
    private long rolledBack;
    private long ordersMoved;
    private long ordersNotRestored;
    private long lastHaltNanos;

    void done(final int orders, final int notRestored, final long haltNanos)
    {
        moves++;
        ordersMoved += orders - notRestored;
        ordersNotRestored += notRestored;
        lastHaltNanos = haltNanos;
    }

    void rolledBack(final long haltNanos)
    {
        rolledBack++;
        lastHaltNanos = haltNanos;
    }

    /**
     * @return moves completed.
     */
    public long moves()
    {
        return moves;
    }

    /**
     * @return moves rolled back.
     */
    public long rolledBack()
    {
        return rolledBack;
    }

    /**
     * @return orders that rest on their new shard.
     */
    public long ordersMoved()
    {
        return ordersMoved;
    }

    /**
     * @return orders the target refused: their holds went back to their accounts at the source.
     */
    public long ordersNotRestored()
    {
        return ordersNotRestored;
    }

    /**
     * @return nanoseconds the last move held its instrument.
     */
    public long lastHaltNanos()
    {
        return lastHaltNanos;
    }
}
