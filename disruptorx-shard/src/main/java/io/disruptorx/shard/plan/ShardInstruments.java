package io.disruptorx.shard.plan;

import java.util.Arrays;

/**
 * The instruments of each shard, heaviest first (equal loads by ascending id), with prefix sums of their loads: what
 * the lower bound ({@link MoveLowerBound}), the shed-and-pack plans ({@link ShedAndPack}) and the exact search
 * ({@link MinimumMoves}) of {@link ShardPlanner} read. Instruments with no load are left out.
 */
final class ShardInstruments
{
    /**
     * More moves than any plan can have: the fewest moves of a shard that cannot shed enough.
     */
    static final int NONE = Integer.MAX_VALUE / 4;

    private final long[] shardLoad;
    private final int[][] ids;
    private final long[][] loads;
    private final long[][] prefix;
    private final int count;

    ShardInstruments(final long[] loads, final int[] owners, final int shards)
    {
        shardLoad = new long[shards];
        final int[] counts = new int[shards];
        int total = 0;
        for (int id = 0; id < loads.length; id++)
        {
            if (loads[id] > 0)
            {
                shardLoad[owners[id]] += loads[id];
                counts[owners[id]]++;
                total++;
            }
        }
        count = total;
        final long[][] keyed = new long[shards][];
        for (int s = 0; s < shards; s++)
        {
            keyed[s] = new long[counts[s]];
            counts[s] = 0;
        }
        for (int id = 0; id < loads.length; id++)
        {
            if (loads[id] > 0)
            {
                keyed[owners[id]][counts[owners[id]]++] = ShardPlanner.key(loads[id], id);
            }
        }
        ids = new int[shards][];
        this.loads = new long[shards][];
        prefix = new long[shards][];
        for (int s = 0; s < shards; s++)
        {
            final long[] keys = keyed[s];
            Arrays.sort(keys);
            final int n = keys.length;
            ids[s] = new int[n];
            this.loads[s] = new long[n];
            prefix[s] = new long[n + 1];
            // the keys sort by ascending load then ascending id: take the runs of equal loads from the end, each
            // run in ascending id order
            int out = 0;
            int end = n;
            while (end > 0)
            {
                int start = end - 1;
                while (start > 0 && ShardPlanner.loadOf(keys[start - 1]) == ShardPlanner.loadOf(keys[end - 1]))
                {
                    start--;
                }
                for (int i = start; i < end; i++)
                {
                    ids[s][out] = ShardPlanner.idOf(keys[i]);
                    this.loads[s][out] = ShardPlanner.loadOf(keys[i]);
                    out++;
                }
                end = start;
            }
            for (int i = 0; i < n; i++)
            {
                prefix[s][i + 1] = prefix[s][i] + this.loads[s][i];
            }
        }
    }

    int shards()
    {
        return shardLoad.length;
    }

    /**
     * @return how many instruments carry load.
     */
    int count()
    {
        return count;
    }

    long shardLoad(final int shard)
    {
        return shardLoad[shard];
    }

    /**
     * @return the number of instruments on the shard.
     */
    int size(final int shard)
    {
        return ids[shard].length;
    }

    /**
     * @return the id of the shard's i-th heaviest instrument.
     */
    int id(final int shard, final int i)
    {
        return ids[shard][i];
    }

    /**
     * @return the load of the shard's i-th heaviest instrument.
     */
    long load(final int shard, final int i)
    {
        return loads[shard][i];
    }

    /**
     * @return the sum of the loads of the shard's instruments from index {@code from} (inclusive) to {@code to}.
     */
    long sum(final int shard, final int from, final int to)
    {
        return prefix[shard][to] - prefix[shard][from];
    }

    /**
     * @return the index of the shard's heaviest instrument with a load of at most {@code limit} (its size when none).
     */
    int firstAtMost(final int shard, final long limit)
    {
        final long[] weights = loads[shard];
        int low = 0;
        int high = weights.length;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (weights[mid] <= limit)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low;
    }

    /**
     * The fewest of the shard's instruments from index {@code from} on whose loads add up to {@code need}: no m of
     * them carry more than the m heaviest, so it is the smallest m whose m heaviest do.
     *
     * @return that number; 0 when {@code need <= 0}; {@link #NONE} when all of them together carry less.
     */
    int fewest(final int shard, final int from, final long need)
    {
        if (need <= 0)
        {
            return 0;
        }
        final long[] sums = prefix[shard];
        final int n = sums.length - 1;
        if (sums[n] - sums[from] < need)
        {
            return NONE;
        }
        int low = from + 1;
        int high = n;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (sums[mid] - sums[from] >= need)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low - from;
    }
}
