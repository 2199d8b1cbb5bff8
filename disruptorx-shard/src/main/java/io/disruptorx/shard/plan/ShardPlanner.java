package io.disruptorx.shard.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Proposes instrument moves that bring every shard under a target load with few moves. The goal is
 * {@code targetRatio * max(mean shard load, heaviest instrument's load)}: no move can split an instrument, so a
 * shard can never carry less than its heaviest instrument; when one instrument outweighs the mean, the floor is
 * that instrument and the target ratio is applied to it, instead of moving every other instrument off its shard.
 *
 * <p>Greedy and deterministic: while the most loaded shard is above the goal, move from it to the least loaded
 * shard the lightest instrument that alone brings it down to the goal, or else the heaviest that still fits under
 * the goal on the receiver; ties go to the lower shard and instrument id. Planning runs outside the engines (on
 * rates read from the shards' metrics), so it may allocate.
 */
public final class ShardPlanner
{
    private static final int ID_BITS = 24;
    private static final long ID_MASK = (1L << ID_BITS) - 1;

    private ShardPlanner()
    {
    }

    /**
     * @param loads       load of each instrument, indexed by instrument id (at most 2^24 instruments, each load
     *                    below 2^39).
     * @param owners      shard of each instrument, indexed by instrument id.
     * @param shards      number of shards.
     * @param targetRatio wanted most loaded shard over the mean, at least 1.
     * @return the moves and the balance before and after them.
     */
    public static ShardPlan plan(final long[] loads, final int[] owners, final int shards, final double targetRatio)
    {
        if (loads.length != owners.length || loads.length > 1 << ID_BITS)
        {
            throw new IllegalArgumentException("loads and owners must have the same length, at most 2^24");
        }
        if (targetRatio < 1)
        {
            throw new IllegalArgumentException("targetRatio must be >= 1: " + targetRatio);
        }
        final long[] shardLoad = new long[shards];
        final List<TreeSet<Long>> held = new ArrayList<>(shards);
        for (int s = 0; s < shards; s++)
        {
            held.add(new TreeSet<>());
        }
        long total = 0;
        long heaviest = 0;
        for (int id = 0; id < loads.length; id++)
        {
            if (loads[id] > 0)
            {
                shardLoad[owners[id]] += loads[id];
                held.get(owners[id]).add(key(loads[id], id));
                total += loads[id];
                heaviest = Math.max(heaviest, loads[id]);
            }
        }
        final double mean = (double)total / shards;
        // the small subtraction keeps 1.1 * 100 (110.00000000000001 in doubles) at 110
        final long goal = (long)Math.ceil(targetRatio * Math.max(mean, heaviest) - 1e-6);
        final double before = ratio(shardLoad, mean);

        final List<ShardPlan.Move> moves = new ArrayList<>();
        boolean reached = false;
        while (true)
        {
            final int donor = argMax(shardLoad);
            if (shardLoad[donor] <= goal)
            {
                reached = true;
                break;
            }
            final int receiver = argMin(shardLoad);
            final long excess = shardLoad[donor] - goal;
            final long room = goal - shardLoad[receiver];
            final TreeSet<Long> candidates = held.get(donor);
            Long pick = candidates.ceiling(key(excess, 0));
            if (pick == null || pick >>> ID_BITS > room)
            {
                pick = candidates.floor(key(room, (int)ID_MASK));
            }
            if (pick == null || receiver == donor)
            {
                break;
            }
            final long load = pick >>> ID_BITS;
            final int instrument = (int)(pick & ID_MASK);
            candidates.remove(pick);
            held.get(receiver).add(pick);
            shardLoad[donor] -= load;
            shardLoad[receiver] += load;
            moves.add(new ShardPlan.Move(instrument, donor, receiver, load));
        }
        return new ShardPlan(moves, before, ratio(shardLoad, mean), goal / Math.max(mean, 1e-9), reached);
    }

    private static long key(final long load, final int id)
    {
        return load << ID_BITS | id;
    }

    private static double ratio(final long[] shardLoad, final double mean)
    {
        return mean == 0 ? 1 : shardLoad[argMax(shardLoad)] / mean;
    }

    private static int argMax(final long[] values)
    {
        int best = 0;
        for (int i = 1; i < values.length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }

    private static int argMin(final long[] values)
    {
        int best = 0;
        for (int i = 1; i < values.length; i++)
        {
            if (values[i] < values[best])
            {
                best = i;
            }
        }
        return best;
    }
}
