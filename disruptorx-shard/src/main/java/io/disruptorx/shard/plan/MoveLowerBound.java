package io.disruptorx.shard.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A lower bound on the moves of any plan that brings every shard to at most the goal, and, for each load it tried
 * as the heaviest moved one, the receiver it found cheapest (the plans {@link ShedAndPack} builds start from these).
 *
 * <p>The argument. Take any plan that reaches the goal G, with at least one move. Let w be the heaviest load it
 * moves, i one instrument of load w it moves, o its shard and t the shard it goes to. Every instrument that leaves a
 * shard s has a load of at most w, and the loads leaving s must cover its excess {@code E(s) = load(s) - G} plus
 * everything that arrives there: at least {@code E(s)}, and at least {@code E(t) + w} on t. No m instruments carry
 * more than the m heaviest, so s loses at least {@code f(s, w, x)}: the fewest of its heaviest instruments of load
 * at most w that carry x ({@link ShardInstruments#fewest}). Summed over the shards (each move leaves exactly one
 * shard), the plan has at least
 * <pre>
 *   LB(w) = base(w) + min over o, t != o of [ f(t, w, E(t) + w) - f(t, w, E(t)) ] + [ 1 if f(o, w, E(o)) = 0 ]
 *   base(w) = sum over s of f(s, w, E(s))
 * </pre>
 * moves (o ranging over the shards holding an instrument of load w: i leaves o even when o is not overloaded). The
 * bound is the least LB(w) over the loads w there are (or 0 when no shard is above the goal). The middle term is
 * what the old bound missed: an instrument heavier than every shard's room can only move when its receiver also
 * sheds load. The loads are tried heaviest first; base(w) only grows as w falls (fewer instruments to shed with), so
 * the scan stops once base(w) reaches the least LB found, or when a step budget runs out: every lighter w then has
 * LB(w) at least base of the next load, which the bound takes instead. When every LB(w) is infinite (an overloaded
 * shard cannot shed its excess with instruments that light) no plan reaches the goal.
 */
final class MoveLowerBound
{
    /**
     * A load tried as the heaviest moved: an instrument of that load on its shard and the receiver with the cheapest
     * extra sheds, and the bound LB(w) for that choice.
     *
     * @param owner    shard of the instrument.
     * @param index    its index among the owner's instruments, heaviest first.
     * @param receiver where it goes.
     * @param bound    the fewest moves any plan with these choices needs.
     */
    record Candidate(int owner, int index, int receiver, long bound)
    {
    }

    private static final int RECEIVERS = 2;

    private final long value;
    private final List<Candidate> candidates = new ArrayList<>();

    /**
     * @param instruments the shards' instruments.
     * @param goal        most load any shard may carry after the moves.
     * @param budget      most shard evaluations the scan may spend (each load tried costs one per shard).
     */
    MoveLowerBound(final ShardInstruments instruments, final long goal, final long budget)
    {
        final int shards = instruments.shards();
        final long[] excess = new long[shards];
        final int[] from = new int[shards];
        final long[] fewest = new long[shards];
        final long[] extra = new long[shards];
        long base = 0;
        for (int s = 0; s < shards; s++)
        {
            excess[s] = instruments.shardLoad(s) - goal;
            fewest[s] = instruments.fewest(s, 0, excess[s]);
            base = Math.min(ShardInstruments.NONE, base + fewest[s]);
        }
        if (base == 0)
        {
            value = 0;
            return;
        }
        long best = ShardInstruments.NONE;
        long spent = 0;
        while (base < best && base < ShardInstruments.NONE)
        {
            final long w = heaviestLeft(instruments, from);
            if (w < 0)
            {
                base = ShardInstruments.NONE;
                break;
            }
            spent += shards;
            if (spent > budget)
            {
                break;
            }
            int first = -1;
            int second = -1;
            for (int t = 0; t < shards; t++)
            {
                final long room = excess[t] + w <= 0 ? 0 : instruments.fewest(t, from[t], excess[t] + w);
                extra[t] = room >= ShardInstruments.NONE ? ShardInstruments.NONE : room - fewest[t];
                if (first < 0 || extra[t] < extra[first])
                {
                    second = first;
                    first = t;
                }
                else if (second < 0 || extra[t] < extra[second])
                {
                    second = t;
                }
            }
            for (int o = 0; o < shards; o++)
            {
                if (from[o] < instruments.size(o) && instruments.load(o, from[o]) == w)
                {
                    final long leave = fewest[o] == 0 ? 1 : 0;
                    for (int r = 0; r < RECEIVERS; r++)
                    {
                        final int t = r == 0 ? (first != o ? first : second) : (first != o ? second : -1);
                        if (t >= 0 && t != o && extra[t] < ShardInstruments.NONE)
                        {
                            final long bound = base + extra[t] + leave;
                            candidates.add(new Candidate(o, from[o], t, bound));
                            best = Math.min(best, bound);
                        }
                    }
                }
            }
            for (int o = 0; o < shards; o++)
            {
                final int start = from[o];
                while (from[o] < instruments.size(o) && instruments.load(o, from[o]) == w)
                {
                    from[o]++;
                }
                if (from[o] != start)
                {
                    fewest[o] = instruments.fewest(o, from[o], excess[o]);
                }
            }
            base = recount(fewest);
        }
        value = Math.min(best, base);
        candidates.sort((a, b) -> Long.compare(a.bound(), b.bound()));
    }

    /**
     * @return the fewest moves any plan that reaches the goal needs; {@link ShardInstruments#NONE} or more when no
     * plan does.
     */
    long value()
    {
        return value;
    }

    /**
     * @return the loads tried as the heaviest moved, with their receivers, least bound first (stable).
     */
    List<Candidate> candidates()
    {
        return candidates;
    }

    private static long recount(final long[] fewest)
    {
        long sum = 0;
        for (final long f : fewest)
        {
            sum = Math.min(ShardInstruments.NONE, sum + f);
        }
        return sum;
    }

    private static long heaviestLeft(final ShardInstruments instruments, final int[] from)
    {
        long heaviest = -1;
        for (int s = 0; s < from.length; s++)
        {
            if (from[s] < instruments.size(s))
            {
                heaviest = Math.max(heaviest, instruments.load(s, from[s]));
            }
        }
        return heaviest;
    }
}
