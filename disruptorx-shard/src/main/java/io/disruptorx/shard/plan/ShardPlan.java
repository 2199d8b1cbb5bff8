package io.disruptorx.shard.plan;

import java.util.List;

/**
 * What {@link ShardPlanner} proposes.
 *
 * @param moves       instrument moves, in the order to apply them.
 * @param ratioBefore most loaded shard over the mean, before the moves.
 * @param ratioAfter  most loaded shard over the mean, after them.
 * @param goalRatio   the goal over the mean: the target, or the heaviest instrument's load when that is higher.
 * @param reached     whether every shard is at or under the goal after the moves.
 */
public record ShardPlan(List<Move> moves, double ratioBefore, double ratioAfter, double goalRatio, boolean reached)
{
    /**
     * Compact constructor: the moves are copied.
     */
    public ShardPlan
    {
        moves = List.copyOf(moves);
    }

    /**
     * One instrument moved from one shard to another.
     *
     * @param instrumentId instrument.
     * @param from         shard it leaves.
     * @param to           shard it goes to.
     * @param load         its load.
     */
    public record Move(int instrumentId, int from, int to, long load)
    {
    }
}
