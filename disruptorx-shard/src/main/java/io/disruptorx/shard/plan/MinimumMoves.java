package io.disruptorx.shard.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact search of {@link ShardPlanner}: is there a set of at most k instrument moves after which every shard
 * carries at most the goal? Deterministic, bounded by a budget of search steps.
 *
 * <p>A plan is a set of instruments taken off their shards and an assignment of those to other shards. The search
 * first chooses the set, shard by shard (overloaded shards first, by id; then the others, by id): from an overloaded
 * shard enough instruments to bring it to the goal, heaviest first, and from any shard optional further ones that
 * only make room; equal loads on one shard are interchangeable, so of those only the first ones (by id) are taken.
 * It prunes a branch when the moves left cannot cover the excess of the shards still to visit (each overloaded
 * shard needs at least as many moves as its heaviest instruments take to cover its excess). Then it packs the chosen
 * instruments, heaviest first, into the room the shards have left, never back to their own shard, trying shards in
 * id order. Both levels are exhaustive, so "no set of at most k moves" is a proof when the budget lasts.
 */
final class MinimumMoves
{
    /**
     * Outcome of one search for k.
     */
    enum Outcome
    {
        FOUND,
        NONE,
        BUDGET
    }

    private final long goal;
    private final long[] shardLoad;
    private final int[] order;
    private final int[][] items;
    private final long[][] itemLoads;
    private final long[][] prefix;
    private final int[] needFrom;
    private final long budget;

    private final int[] chosen;
    private final int[] chosenShard;
    private final long[] room;
    private final int[] packOrder;
    private final int[] packedTo;
    private int chosenCount;
    private long steps;
    private boolean spent;

    MinimumMoves(final ShardInstruments instruments, final long goal, final long budget)
    {
        this.goal = goal;
        this.budget = budget;
        final int shards = instruments.shards();
        shardLoad = new long[shards];
        items = new int[shards][];
        itemLoads = new long[shards][];
        prefix = new long[shards][];
        for (int s = 0; s < shards; s++)
        {
            shardLoad[s] = instruments.shardLoad(s);
            final int n = instruments.size(s);
            items[s] = new int[n];
            itemLoads[s] = new long[n];
            prefix[s] = new long[n + 1];
            for (int i = 0; i < n; i++)
            {
                items[s][i] = instruments.id(s, i);
                itemLoads[s][i] = instruments.load(s, i);
                prefix[s][i + 1] = prefix[s][i] + itemLoads[s][i];
            }
        }
        final int total = instruments.count();
        order = new int[shards];
        int at = 0;
        for (int s = 0; s < shards; s++)
        {
            if (shardLoad[s] > goal)
            {
                order[at++] = s;
            }
        }
        for (int s = 0; s < shards; s++)
        {
            if (shardLoad[s] <= goal)
            {
                order[at++] = s;
            }
        }
        needFrom = new int[shards + 1];
        for (int p = shards - 1; p >= 0; p--)
        {
            needFrom[p] = needFrom[p + 1] + fewestToShed(order[p]);
        }
        chosen = new int[total];
        chosenShard = new int[total];
        room = new long[shards];
        packOrder = new int[total];
        packedTo = new int[total];
    }

    /**
     * @param k most moves.
     * @return whether a plan of at most k moves exists ({@link #moves()} then holds it), none does, or the budget
     * ran out.
     */
    Outcome search(final int k)
    {
        chosenCount = 0;
        if (selectShard(0, k))
        {
            return Outcome.FOUND;
        }
        return spent ? Outcome.BUDGET : Outcome.NONE;
    }

    /**
     * @return the moves of the plan the last {@link #search(int)} found, heaviest first.
     */
    List<ShardPlan.Move> moves()
    {
        final List<ShardPlan.Move> moves = new ArrayList<>(chosenCount);
        for (int p = 0; p < chosenCount; p++)
        {
            final int c = packOrder[p];
            final int s = chosenShard[c];
            moves.add(new ShardPlan.Move(items[s][chosen[c]], s, packedTo[p], itemLoads[s][chosen[c]]));
        }
        return moves;
    }

    private int fewestToShed(final int shard)
    {
        final long excess = shardLoad[shard] - goal;
        if (excess <= 0)
        {
            return 0;
        }
        final long[] sums = prefix[shard];
        for (int m = 1; m < sums.length; m++)
        {
            if (sums[m] >= excess)
            {
                return m;
            }
        }
        return sums.length;
    }

    private boolean tick()
    {
        if (++steps > budget)
        {
            spent = true;
        }
        return spent;
    }

    private boolean selectShard(final int position, final int left)
    {
        if (position == order.length)
        {
            return pack();
        }
        final int shard = order[position];
        return selectFrom(position, shard, 0, left, shardLoad[shard] - goal);
    }

    private boolean selectFrom(final int position, final int shard, final int from, final int left, final long over)
    {
        if (tick())
        {
            return false;
        }
        if (over <= 0 && selectShard(position + 1, left))
        {
            return true;
        }
        final int spare = left - needFrom[position + 1];
        if (spent || spare <= 0)
        {
            return false;
        }
        final long[] weights = itemLoads[shard];
        for (int i = from; i < weights.length; i++)
        {
            if (i > from && weights[i] == weights[i - 1])
            {
                continue;
            }
            if (over > 0 && prefix[shard][Math.min(weights.length, i + spare)] - prefix[shard][i] < over)
            {
                return false;
            }
            chosen[chosenCount] = i;
            chosenShard[chosenCount] = shard;
            chosenCount++;
            final boolean found = selectFrom(position, shard, i + 1, left - 1, over - weights[i]);
            if (found)
            {
                return true;
            }
            chosenCount--;
            if (spent)
            {
                return false;
            }
        }
        return false;
    }

    private boolean pack()
    {
        // a packing attempt costs one step per shard and per chosen instrument: with many moves these dominate
        steps += room.length + chosenCount;
        if (steps > budget)
        {
            spent = true;
            return false;
        }
        for (int s = 0; s < room.length; s++)
        {
            room[s] = goal - shardLoad[s];
        }
        for (int c = 0; c < chosenCount; c++)
        {
            room[chosenShard[c]] += itemLoads[chosenShard[c]][chosen[c]];
            packOrder[c] = c;
        }
        for (int i = 1; i < chosenCount; i++)
        {
            final int c = packOrder[i];
            int j = i - 1;
            while (j >= 0 && before(c, packOrder[j]))
            {
                packOrder[j + 1] = packOrder[j];
                j--;
            }
            packOrder[j + 1] = c;
        }
        return packFrom(0);
    }

    private boolean before(final int a, final int b)
    {
        final long loadA = itemLoads[chosenShard[a]][chosen[a]];
        final long loadB = itemLoads[chosenShard[b]][chosen[b]];
        if (loadA != loadB)
        {
            return loadA > loadB;
        }
        return items[chosenShard[a]][chosen[a]] < items[chosenShard[b]][chosen[b]];
    }

    private boolean packFrom(final int p)
    {
        if (p == chosenCount)
        {
            return true;
        }
        if (tick())
        {
            return false;
        }
        final int c = packOrder[p];
        final int home = chosenShard[c];
        final long load = itemLoads[home][chosen[c]];
        int first = 0;
        if (p > 0 && chosenShard[packOrder[p - 1]] == home && itemLoads[home][chosen[packOrder[p - 1]]] == load)
        {
            // interchangeable with the one before: only assignments in shard order
            first = packedTo[p - 1];
        }
        for (int s = first; s < room.length; s++)
        {
            if (s != home && room[s] >= load)
            {
                room[s] -= load;
                packedTo[p] = s;
                if (packFrom(p + 1))
                {
                    return true;
                }
                room[s] += load;
                if (spent)
                {
                    return false;
                }
            }
        }
        return false;
    }
}
