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
 * @param goal        the goal as a load: no shard may carry more after the moves.
 * @param proof       what is known about the number of moves.
 * @param lowerBound  the fewest moves any plan that reaches the goal needs, as far as proven: the number of moves
 *                    when {@link Proof#EXACT}; one more than the instruments there are when
 *                    {@link Proof#INFEASIBLE}.
 * @param reason      why the plan is not proven minimal, or why the goal cannot be reached; empty when exact.
 */
public record ShardPlan(List<Move> moves, double ratioBefore, double ratioAfter, double goalRatio, boolean reached,
    long goal, Proof proof, int lowerBound, String reason)
{
    /**
     * Compact constructor: the moves are copied.
     */
    public ShardPlan
    {
        moves = List.copyOf(moves);
    }

    /**
     * What is known about a plan's number of moves.
     */
    public enum Proof
    {
        /**
         * The goal is reached and no plan that reaches it has fewer moves (proven by search).
         */
        EXACT,
        /**
         * Not proven the fewest: the exact search ran out of its budget. The moves are the best plan found (greedy,
         * or built from the lower bound); when it reaches the goal, at least {@link ShardPlan#lowerBound()} moves
         * are needed; when it does not, whether any plan can is not known.
         */
        GREEDY,
        /**
         * No assignment of the instruments to the shards keeps every shard at or under the goal (proven); the moves
         * are the greedy plan's, which bring the most loaded shard down as far as it got.
         */
        INFEASIBLE
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
