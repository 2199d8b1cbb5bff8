package io.disruptorx.shard.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Proposes instrument moves that bring every shard under a target load with the fewest moves, proven where it can
 * be. The goal is {@code targetRatio * max(mean shard load, heaviest instrument's load)}: no move can split an
 * instrument, so a shard can never carry less than its heaviest instrument; when one instrument outweighs the mean,
 * the floor is that instrument and the target ratio is applied to it, instead of moving every other instrument off
 * its shard.
 *
 * <ol>
 * <li>A greedy plan: while the most loaded shard is above the goal, move from it to the least loaded shard the
 * lightest instrument that alone brings it down to the goal, or else the heaviest that still fits under the goal on
 * the receiver; ties go to the lower shard and instrument id.</li>
 * <li>A lower bound on the moves of any plan ({@link MoveLowerBound}): for each load w tried as the heaviest moved,
 * every overloaded shard sheds its excess with its heaviest instruments of load at most w, and the shard that
 * receives an instrument of load w sheds what it must to make room for it; the least such count over w.</li>
 * <li>While the best plan so far has more moves than the bound, the bound's cheapest candidates are built
 * ({@link ShedAndPack}: shed as counted, then pack best fit decreasing; a shed instrument that fits nowhere stays,
 * and its shard sheds lighter ones that fit instead); a candidate that packs with no such repair has exactly its
 * bound of moves.</li>
 * <li>A plan with as many moves as the lower bound is the fewest. Else an exact search ({@link MinimumMoves}) tries
 * k = lower bound, lower bound + 1, ... moves, below the best plan's count (or up to every instrument when no plan
 * reached the goal): the first k with a plan is the fewest; each k exhausted raises the lower bound. The search is
 * bounded by a budget of steps; when it runs out the plan is the best one found with the lower bound reached so far
 * ({@link ShardPlan.Proof#GREEDY}). When every k is exhausted without a plan, or the bound is infinite, the goal
 * cannot be reached ({@link ShardPlan.Proof#INFEASIBLE}); more instruments above half the goal than there are
 * shards prove that without a search.</li>
 * </ol>
 *
 * <p>Deterministic (no hash-ordered iteration, no randomness; ties by instrument and shard id; budgets count steps,
 * not time). Planning runs outside the engines (on rates read from the shards' metrics), so it may allocate.
 */
public final class ShardPlanner
{
    /**
     * Search steps (choices of an instrument to move or of a shard to put it on) a plan may spend on the exact
     * search: about 40 ms at most on 100 shards.
     */
    public static final long DEFAULT_BUDGET = 100_000;

    /**
     * Shard evaluations the lower bound's scan may spend (one per shard for each load it tries as the heaviest
     * moved); when they run out the bound is weaker, never wrong.
     */
    static final long BOUND_BUDGET = 2_000_000;

    /**
     * Lower bound candidates {@link ShedAndPack} tries to build a plan from.
     */
    static final int SHED_TRIES = 16;

    private static final int ID_BITS = 24;
    private static final long ID_MASK = (1L << ID_BITS) - 1;

    private ShardPlanner()
    {
    }

    /**
     * Plans with {@link #DEFAULT_BUDGET}.
     *
     * @param loads       load of each instrument, indexed by instrument id (at most 2^24 instruments, each load
     *                    below 2^39).
     * @param owners      shard of each instrument, indexed by instrument id.
     * @param shards      number of shards.
     * @param targetRatio wanted most loaded shard over the mean, at least 1.
     * @return the moves, the balance before and after them and whether their number is proven the fewest.
     */
    public static ShardPlan plan(final long[] loads, final int[] owners, final int shards, final double targetRatio)
    {
        return plan(loads, owners, shards, targetRatio, DEFAULT_BUDGET);
    }

    /**
     * @param loads       load of each instrument, indexed by instrument id (at most 2^24 instruments, each load
     *                    below 2^39).
     * @param owners      shard of each instrument, indexed by instrument id.
     * @param shards      number of shards.
     * @param targetRatio wanted most loaded shard over the mean, at least 1.
     * @param budget      most steps of the exact search; 0 for none (the greedy and shed-and-pack plans with the
     *                    lower bound only).
     * @return the moves, the balance before and after them and whether their number is proven the fewest.
     */
    public static ShardPlan plan(final long[] loads, final int[] owners, final int shards, final double targetRatio,
        final long budget)
    {
        if (loads.length != owners.length || loads.length > 1 << ID_BITS)
        {
            throw new IllegalArgumentException("loads and owners must have the same length, at most 2^24");
        }
        if (targetRatio < 1)
        {
            throw new IllegalArgumentException("targetRatio must be >= 1: " + targetRatio);
        }
        if (budget < 0)
        {
            throw new IllegalArgumentException("budget must be >= 0: " + budget);
        }
        final long[] shardLoad = new long[shards];
        long total = 0;
        long heaviest = 0;
        int instruments = 0;
        for (int id = 0; id < loads.length; id++)
        {
            if (loads[id] > 0)
            {
                if (owners[id] < 0 || owners[id] >= shards)
                {
                    throw new IllegalArgumentException("instrument " + id + " on shard " + owners[id] + " of " +
                        shards);
                }
                shardLoad[owners[id]] += loads[id];
                total += loads[id];
                heaviest = Math.max(heaviest, loads[id]);
                instruments++;
            }
        }
        final double mean = (double)total / shards;
        // the small subtraction keeps 1.1 * 100 (110.00000000000001 in doubles) at 110
        final long goal = (long)Math.ceil(targetRatio * Math.max(mean, heaviest) - 1e-6);
        final double goalRatio = goal / Math.max(mean, 1e-9);
        final double before = ratio(shardLoad, mean);

        if (shardLoad[argMax(shardLoad)] <= goal)
        {
            return new ShardPlan(List.of(), before, before, goalRatio, true, goal, ShardPlan.Proof.EXACT, 0, "");
        }
        final long[] greedyLoad = shardLoad.clone();
        final List<ShardPlan.Move> greedy = greedy(loads, owners, greedyLoad, goal);
        final boolean greedyReached = greedyLoad[argMax(greedyLoad)] <= goal;
        if (!greedyReached)
        {
            final String tooHeavy = tooManyHeavy(loads, shards, goal);
            if (tooHeavy != null)
            {
                return new ShardPlan(greedy, before, ratio(greedyLoad, mean), goalRatio, false, goal,
                    ShardPlan.Proof.INFEASIBLE, instruments + 1, tooHeavy);
            }
        }
        final ShardInstruments held = new ShardInstruments(loads, owners, shards);
        final MoveLowerBound bound = new MoveLowerBound(held, goal, BOUND_BUDGET);
        if (bound.value() >= ShardInstruments.NONE)
        {
            return new ShardPlan(greedy, before, ratio(greedyLoad, mean), goalRatio, false, goal,
                ShardPlan.Proof.INFEASIBLE, instruments + 1, String.format(Locale.ROOT, "no plan keeps every " +
                "shard at or under the goal of %d: whatever the heaviest load moved, a shard above the goal cannot " +
                "shed its excess with instruments no heavier (lower bound)", goal));
        }
        final int lowerBound = (int)bound.value();
        List<ShardPlan.Move> best = greedyReached ? greedy : null;
        if (best == null || best.size() > lowerBound)
        {
            final List<ShardPlan.Move> shed = shedAndPack(held, goal, bound, best == null ? Integer.MAX_VALUE :
                best.size());
            best = shed != null ? inApplyOrder(shed, shardLoad, goal) : best;
        }
        final boolean reached = best != null;
        final List<ShardPlan.Move> moves = reached ? best : greedy;
        final double after = reached ? ratio(after(shardLoad, moves), mean) : ratio(greedyLoad, mean);
        if (reached && moves.size() <= lowerBound)
        {
            return new ShardPlan(moves, before, after, goalRatio, true, goal, ShardPlan.Proof.EXACT, moves.size(), "");
        }
        final MinimumMoves search = new MinimumMoves(held, goal, budget);
        final int most = reached ? moves.size() - 1 : instruments;
        for (int k = lowerBound; k <= most; k++)
        {
            final MinimumMoves.Outcome outcome = search.search(k);
            if (outcome == MinimumMoves.Outcome.FOUND)
            {
                final List<ShardPlan.Move> fewest = inApplyOrder(search.moves(), shardLoad, goal);
                return new ShardPlan(fewest, before, ratio(after(shardLoad, fewest), mean), goalRatio, true, goal,
                    ShardPlan.Proof.EXACT, fewest.size(), "");
            }
            if (outcome == MinimumMoves.Outcome.BUDGET)
            {
                final String ruledOut = k == lowerBound ? "the lower bound rules out fewer than " + k + ", " :
                    "fewer than " + k + " are ruled out, ";
                final String reason = String.format(Locale.ROOT, "%sthe exact search spent its budget of %,d " +
                    "steps on %d moves%s", ruledOut, budget, k,
                    reached ? "" : "; whether any plan reaches the goal is not known");
                return new ShardPlan(moves, before, after, goalRatio, reached, goal, ShardPlan.Proof.GREEDY, k,
                    reason);
            }
        }
        if (reached)
        {
            return new ShardPlan(moves, before, after, goalRatio, true, goal, ShardPlan.Proof.EXACT, moves.size(),
                "");
        }
        return new ShardPlan(greedy, before, after, goalRatio, false, goal, ShardPlan.Proof.INFEASIBLE,
            instruments + 1, String.format(Locale.ROOT, "no assignment of the %d instruments to the %d shards keeps " +
            "every shard at or under the goal of %d (exhaustive search)", instruments, shards, goal));
    }

    /**
     * The plan with the fewest moves, below {@code fewerThan}, that {@link ShedAndPack} builds (with repairs) from the
     * lower bound's candidates, tried in the order of their bounds: at most {@link #SHED_TRIES} of them, and none
     * whose bound is not below the best plan's moves (a plan built with no repair has exactly its candidate's bound,
     * so the search for a better one ends there).
     *
     * @return the moves, or null when none is built.
     */
    private static List<ShardPlan.Move> shedAndPack(final ShardInstruments held, final long goal,
        final MoveLowerBound bound, final int fewerThan)
    {
        List<ShardPlan.Move> best = null;
        int most = fewerThan;
        int tries = 0;
        for (final MoveLowerBound.Candidate candidate : bound.candidates())
        {
            if (tries++ == SHED_TRIES || candidate.bound() >= most)
            {
                break;
            }
            final List<ShardPlan.Move> moves = ShedAndPack.build(held, goal, candidate, true);
            if (moves != null && moves.size() < most)
            {
                best = moves;
                most = moves.size();
            }
        }
        return best;
    }

    static long key(final long load, final int id)
    {
        return load << ID_BITS | id;
    }

    static long loadOf(final long key)
    {
        return key >>> ID_BITS;
    }

    static int idOf(final long key)
    {
        return (int)(key & ID_MASK);
    }

    static List<ShardPlan.Move> greedy(final long[] loads, final int[] owners, final long[] shardLoad,
        final long goal)
    {
        final int shards = shardLoad.length;
        final List<TreeSet<Long>> held = new ArrayList<>(shards);
        for (int s = 0; s < shards; s++)
        {
            held.add(new TreeSet<>());
        }
        for (int id = 0; id < loads.length; id++)
        {
            if (loads[id] > 0)
            {
                held.get(owners[id]).add(key(loads[id], id));
            }
        }
        final List<ShardPlan.Move> moves = new ArrayList<>();
        while (true)
        {
            final int donor = argMax(shardLoad);
            if (shardLoad[donor] <= goal)
            {
                return moves;
            }
            final int receiver = argMin(shardLoad);
            final long excess = shardLoad[donor] - goal;
            final long room = goal - shardLoad[receiver];
            final TreeSet<Long> candidates = held.get(donor);
            Long pick = candidates.ceiling(key(excess, 0));
            if (pick == null || loadOf(pick) > room)
            {
                pick = candidates.floor(key(room, (int)ID_MASK));
            }
            if (pick == null || receiver == donor)
            {
                return moves;
            }
            final long load = loadOf(pick);
            candidates.remove(pick);
            held.get(receiver).add(pick);
            shardLoad[donor] -= load;
            shardLoad[receiver] += load;
            moves.add(new ShardPlan.Move(idOf(pick), donor, receiver, load));
        }
    }

    private static long[] after(final long[] shardLoad, final List<ShardPlan.Move> moves)
    {
        final long[] after = shardLoad.clone();
        for (final ShardPlan.Move move : moves)
        {
            after[move.from()] -= move.load();
            after[move.to()] += move.load();
        }
        return after;
    }

    private static String tooManyHeavy(final long[] loads, final int shards, final long goal)
    {
        int heavy = 0;
        for (final long load : loads)
        {
            heavy += load > 0 && 2 * load > goal ? 1 : 0;
        }
        if (heavy <= shards)
        {
            return null;
        }
        return String.format(Locale.ROOT, "%d instruments each carry more than half the goal of %d, no shard can " +
            "hold two of them, and there are %d shards", heavy, goal, shards);
    }

    /**
     * Orders moves so that a shard's instruments leave before others arrive where that keeps the receiver at or
     * under the goal: each step takes the first move (heaviest first, then by id) whose receiver has room.
     */
    private static List<ShardPlan.Move> inApplyOrder(final List<ShardPlan.Move> moves, final long[] shardLoad,
        final long goal)
    {
        final List<ShardPlan.Move> pending = new ArrayList<>(moves);
        pending.sort((a, b) -> a.load() != b.load() ? Long.compare(b.load(), a.load()) :
            Integer.compare(a.instrumentId(), b.instrumentId()));
        final long[] load = shardLoad.clone();
        final List<ShardPlan.Move> ordered = new ArrayList<>(moves.size());
        while (!pending.isEmpty())
        {
            int next = 0;
            for (int i = 0; i < pending.size(); i++)
            {
                final ShardPlan.Move move = pending.get(i);
                if (load[move.to()] + move.load() <= goal)
                {
                    next = i;
                    break;
                }
            }
            final ShardPlan.Move move = pending.remove(next);
            load[move.from()] -= move.load();
            load[move.to()] += move.load();
            ordered.add(move);
        }
        return ordered;
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
