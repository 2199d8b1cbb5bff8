package io.disruptorx.shard.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the plan a {@link MoveLowerBound.Candidate} describes, the way its bound counts it: the candidate's
 * instrument (load w) goes to the receiver; every shard left above the goal (the receiver with that instrument
 * counted) sheds the fewest of its instruments of load at most w that cover its excess, choosing among sets of that
 * size the lighter instruments (so that they pack more easily); then the shed instruments, heaviest first (ties by
 * id), each go to the shard with the least room that still holds it, never back to their own (best fit decreasing,
 * ties to the lower shard id). When one fits nowhere, either there is no plan from this candidate, or (repair) it
 * stays and its shard sheds lighter instruments that fit instead. Without a repair the plan has exactly the
 * candidate's bound of moves.
 */
final class ShedAndPack
{
    private ShedAndPack()
    {
    }

    /**
     * @param repair what to do with a shed instrument that fits nowhere: false to give up; true to keep it on its
     *               shard and shed instead, one at a time, its shard's instruments (of load at most w) that fit
     *               somewhere, the lightest that alone covers what is left, else the heaviest (each put at once
     *               where the room is least), which costs moves beyond the candidate's bound.
     * @return the moves (not yet in apply order), or null when the shed instruments do not pack.
     */
    static List<ShardPlan.Move> build(final ShardInstruments instruments, final long goal,
        final MoveLowerBound.Candidate candidate, final boolean repair)
    {
        final int shards = instruments.shards();
        final int owner = candidate.owner();
        final long w = instruments.load(owner, candidate.index());
        final boolean[][] shed = new boolean[shards][];
        final long[] room = new long[shards];
        for (int s = 0; s < shards; s++)
        {
            shed[s] = new boolean[instruments.size(s)];
            room[s] = goal - instruments.shardLoad(s);
        }
        shed[owner][candidate.index()] = true;
        room[owner] += w;
        room[candidate.receiver()] -= w;
        final List<int[]> leaving = new ArrayList<>();
        for (int s = 0; s < shards; s++)
        {
            if (room[s] < 0)
            {
                final int start = instruments.firstAtMost(s, w);
                if (!shedLightest(instruments, s, start, -room[s], shed[s], leaving))
                {
                    return null;
                }
                room[s] = goal - instruments.shardLoad(s) + shedLoad(instruments, s, shed[s]) -
                    (s == candidate.receiver() ? w : 0);
            }
        }
        leaving.sort((a, b) ->
        {
            final long loadA = instruments.load(a[0], a[1]);
            final long loadB = instruments.load(b[0], b[1]);
            return loadA != loadB ? Long.compare(loadB, loadA) :
                Integer.compare(instruments.id(a[0], a[1]), instruments.id(b[0], b[1]));
        });
        final List<ShardPlan.Move> moves = new ArrayList<>(leaving.size() + 1);
        moves.add(new ShardPlan.Move(instruments.id(owner, candidate.index()), owner, candidate.receiver(), w));
        for (final int[] item : leaving)
        {
            final long load = instruments.load(item[0], item[1]);
            int to = -1;
            for (int s = 0; s < shards; s++)
            {
                if (s != item[0] && room[s] >= load && (to < 0 || room[s] < room[to]))
                {
                    to = s;
                }
            }
            if (to < 0)
            {
                if (!repair)
                {
                    return null;
                }
                shed[item[0]][item[1]] = false;
                room[item[0]] -= load;
                if (!shedFitting(instruments, item[0], instruments.firstAtMost(item[0], w), shed[item[0]], room,
                    moves))
                {
                    return null;
                }
                continue;
            }
            room[to] -= load;
            moves.add(new ShardPlan.Move(instruments.id(item[0], item[1]), item[0], to, load));
        }
        return moves;
    }

    /**
     * Sheds the shard's instruments from index {@code start} on, not yet shed, until it is at or under the goal:
     * each time the lightest that alone covers what is left, else the heaviest, among those with a load no more than
     * the most room another shard has; each goes where the room is least.
     *
     * @return false when none fits anywhere before the shard is under the goal.
     */
    private static boolean shedFitting(final ShardInstruments instruments, final int shard, final int start,
        final boolean[] shed, final long[] room, final List<ShardPlan.Move> moves)
    {
        while (room[shard] < 0)
        {
            long most = Long.MIN_VALUE;
            for (int s = 0; s < room.length; s++)
            {
                most = s != shard ? Math.max(most, room[s]) : most;
            }
            int pick = -1;
            for (int i = start; i < shed.length; i++)
            {
                final long load = instruments.load(shard, i);
                if (!shed[i] && load <= most && (pick < 0 || load >= -room[shard]))
                {
                    pick = i;
                }
            }
            if (pick < 0)
            {
                return false;
            }
            final long load = instruments.load(shard, pick);
            int to = -1;
            for (int s = 0; s < room.length; s++)
            {
                if (s != shard && room[s] >= load && (to < 0 || room[s] < room[to]))
                {
                    to = s;
                }
            }
            shed[pick] = true;
            room[shard] += load;
            room[to] -= load;
            moves.add(new ShardPlan.Move(instruments.id(shard, pick), shard, to, load));
        }
        return true;
    }

    /**
     * Marks as shed, among the shard's instruments from index {@code start} on not yet shed, the fewest that carry
     * {@code need}, each pick the lightest that, with the heaviest of the rest, still covers what is left.
     *
     * @return false when even all of them carry less.
     */
    private static boolean shedLightest(final ShardInstruments instruments, final int shard, final int start,
        final long need, final boolean[] shed, final List<int[]> leaving)
    {
        final List<Integer> free = new ArrayList<>();
        for (int i = start; i < shed.length; i++)
        {
            if (!shed[i])
            {
                free.add(i);
            }
        }
        long left = need;
        while (left > 0)
        {
            long sum = 0;
            int picks = 0;
            while (picks < free.size() && sum < left)
            {
                sum += instruments.load(shard, free.get(picks));
                picks++;
            }
            if (sum < left)
            {
                return false;
            }
            final long heavier = sum - instruments.load(shard, free.get(picks - 1));
            int low = picks - 1;
            int high = free.size() - 1;
            while (low < high)
            {
                final int mid = (low + high + 1) >>> 1;
                if (heavier + instruments.load(shard, free.get(mid)) >= left)
                {
                    low = mid;
                }
                else
                {
                    high = mid - 1;
                }
            }
            final int index = free.remove(low);
            shed[index] = true;
            leaving.add(new int[] {shard, index});
            left -= instruments.load(shard, index);
        }
        return true;
    }

    private static long shedLoad(final ShardInstruments instruments, final int shard, final boolean[] shed)
    {
        long load = 0;
        for (int i = 0; i < shed.length; i++)
        {
            load += shed[i] ? instruments.load(shard, i) : 0;
        }
        return load;
    }
}
