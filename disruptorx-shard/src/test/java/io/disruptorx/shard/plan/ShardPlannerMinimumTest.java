package io.disruptorx.shard.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The planner's move count against a brute-force minimum: seeded random small instances (2-4 shards, 3-10
 * instruments with Zipf-like loads, random owners and targets), each solved by trying every assignment of every
 * instrument to every shard; the lower bound never above that minimum, and every plan built from one of its
 * candidates valid, with exactly the candidate's bound of moves when nothing needs a repair; and the cases greedy
 * alone gets wrong, the budget's fallback and infeasible goals.
 */
class ShardPlannerMinimumTest
{
    static LongStream seeds()
    {
        return LongStream.rangeClosed(1, 400);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldProposeExactlyTheBruteForceMinimumOfMoves(final long seed)
    {
        final Instance at = Instance.random(seed);
        final ShardPlan plan = ShardPlanner.plan(at.loads, at.owners.clone(), at.shards, at.target);

        assertThat(plan.goal()).isEqualTo(at.goal());
        final int fewest = bruteForceFewest(at.loads, at.owners, at.shards, at.goal());
        final String instance = at + ", " + plan;
        if (fewest < 0)
        {
            assertThat(plan.proof()).as(instance).isEqualTo(ShardPlan.Proof.INFEASIBLE);
            assertThat(plan.reached()).as(instance).isFalse();
            assertThat(plan.reason()).as(instance).isNotEmpty();
            return;
        }
        assertThat(plan.proof()).as(instance).isEqualTo(ShardPlan.Proof.EXACT);
        assertThat(plan.reached()).as(instance).isTrue();
        assertThat(plan.moves()).as(instance).hasSize(fewest);
        assertThat(plan.lowerBound()).as(instance).isEqualTo(fewest);
        final long[] after = apply(plan, at.loads, at.owners.clone(), at.shards);
        for (final long load : after)
        {
            assertThat(load).as(instance).isLessThanOrEqualTo(at.goal());
        }
        assertThat(plan.ratioAfter()).as(instance).isCloseTo(max(after) / at.mean(),
            offset(1e-9));
        assertThat(ShardPlanner.plan(at.loads, at.owners.clone(), at.shards, at.target)).as("deterministic")
            .isEqualTo(plan);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldNeverBoundAboveTheBruteForceMinimumAndBuildValidPlansFromItsCandidates(final long seed)
    {
        final Instance at = Instance.random(seed);
        final int fewest = bruteForceFewest(at.loads, at.owners, at.shards, at.goal());
        final ShardInstruments held = new ShardInstruments(at.loads, at.owners, at.shards);
        final MoveLowerBound bound = new MoveLowerBound(held, at.goal(), ShardPlanner.BOUND_BUDGET);

        if (fewest >= 0)
        {
            assertThat(bound.value()).as(at.toString()).isLessThanOrEqualTo(fewest);
        }
        for (final MoveLowerBound.Candidate candidate : bound.candidates())
        {
            assertThat(candidate.bound()).as(at + ", " + candidate).isGreaterThanOrEqualTo(bound.value());
            final List<ShardPlan.Move> moves = ShedAndPack.build(held, at.goal(), candidate, false);
            final List<ShardPlan.Move> repaired = ShedAndPack.build(held, at.goal(), candidate, true);
            if (moves != null)
            {
                final String instance = at + ", " + candidate + ", " + moves;
                assertThat(fewest).as(instance).isNotNegative().isLessThanOrEqualTo(moves.size());
                assertThat(moves).as(instance).hasSize((int)candidate.bound());
                assertThat(repaired).as("nothing to repair: " + instance).isEqualTo(moves);
            }
            if (repaired != null)
            {
                final String instance = at + ", " + candidate + ", repaired " + repaired;
                assertThat(fewest).as(instance).isNotNegative().isLessThanOrEqualTo(repaired.size());
                assertThat(repaired.size()).as(instance).isGreaterThanOrEqualTo((int)candidate.bound());
                final ShardPlan plan = new ShardPlan(repaired, 0, 0, 0, true, at.goal(), ShardPlan.Proof.GREEDY,
                    0, "");
                assertThat(max(apply(plan, at.loads, at.owners.clone(), at.shards))).as(instance)
                    .isLessThanOrEqualTo(at.goal());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldStayHonestWhenTheBudgetIsTooSmall(final long seed)
    {
        final Instance at = Instance.random(seed);
        final int fewest = bruteForceFewest(at.loads, at.owners, at.shards, at.goal());
        for (final long budget : new long[] {0, 3, 30})
        {
            final ShardPlan plan = ShardPlanner.plan(at.loads, at.owners.clone(), at.shards, at.target, budget);
            final String instance = at + ", budget " + budget + ", " + plan;
            final long[] after = apply(plan, at.loads, at.owners.clone(), at.shards);
            assertThat(plan.reached()).as(instance).isEqualTo(max(after) <= at.goal());
            switch (plan.proof())
            {
                case EXACT ->
                {
                    assertThat(plan.moves()).as(instance).hasSize(fewest);
                    assertThat(plan.reached()).as(instance).isTrue();
                }
                case GREEDY ->
                {
                    assertThat(plan.reason()).as(instance).contains("budget of " + budget + " steps");
                    if (fewest >= 0)
                    {
                        assertThat(plan.lowerBound()).as(instance).isLessThanOrEqualTo(fewest);
                    }
                    if (plan.reached())
                    {
                        assertThat(plan.moves().size()).as(instance).isGreaterThanOrEqualTo(fewest);
                    }
                }
                case INFEASIBLE -> assertThat(fewest).as(instance).isEqualTo(-1);
                default -> throw new AssertionError(plan.proof());
            }
        }
    }

    @Test
    void shouldFindAChainThatGreedyMisses()
    {
        final long[] loads = {0, 6, 6, 5, 5};
        final int[] owners = {0, 0, 0, 1, 2};
        final ShardPlan plan = ShardPlanner.plan(loads, owners, 3, 1.3);

        assertThat(plan.goal()).isEqualTo(10);
        assertThat(plan.proof()).isEqualTo(ShardPlan.Proof.EXACT);
        assertThat(plan.reached()).isTrue();
        assertThat(plan.moves()).as("greedy alone finds no 6 that fits beside a 5 under 10; the lower bound's " +
            "candidate (a 6 to shard 1, which sheds its 5) packs: shard 1's 5 goes to shard 2 first, then the 6 " +
            "takes its place on shard 1")
            .containsExactly(new ShardPlan.Move(3, 1, 2, 5), new ShardPlan.Move(1, 0, 1, 6));
        assertThat(ShardPlanner.plan(loads, owners, 3, 1.3, 0)).as("no exact search needed: the bound is met")
            .isEqualTo(plan);
        assertThat(bruteForceFewest(loads, owners, 3, 10)).isEqualTo(2);
    }

    @Test
    void shouldNotCountAnInstrumentNoShardHasRoomForAsShedding()
    {
        // goal 66 (1.1 x the 60); shard 0 is 30 over; the 60 would cover that alone, but a receiver must first
        // shed 34 of its 40 (five 8s): four 9s are cheaper
        final long[] loads = {0, 60, 9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8};
        final int[] owners = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
        final ShardPlan plan = ShardPlanner.plan(loads, owners, 3, 1.1);

        assertThat(plan.goal()).isEqualTo(66);
        assertThat(new MoveLowerBound(new ShardInstruments(loads, owners, 3), 66, ShardPlanner.BOUND_BUDGET).value())
            .as("the 60 to a shard that sheds five 8s is 6 moves; without it four 9s").isEqualTo(4);
        assertThat(bruteForceFewest(loads, owners, 3, 66)).isEqualTo(4);
        assertThat(plan.proof()).isEqualTo(ShardPlan.Proof.EXACT);
        assertThat(plan.lowerBound()).isEqualTo(4);
        assertThat(plan.moves()).hasSize(4).allSatisfy(move -> assertThat(move.load()).isEqualTo(9));
    }

    @Test
    void shouldMoveTheHeaviestInstrumentWhenMakingRoomForItCostsLess()
    {
        // goal 66; shard 0 is 24 over: eight 3s, or the 60 to shard 1 after its 20 and 10 leave (3 moves)
        final long[] loads = {0, 60, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 20, 10, 20, 10};
        final int[] owners = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2};
        final ShardPlan plan = ShardPlanner.plan(loads, owners, 3, 1.1);

        assertThat(plan.goal()).isEqualTo(66);
        assertThat(ShardPlanner.plan(loads, owners, 3, 1.1, 0).moves()).as("the best plan with no search")
            .isEqualTo(plan.moves());
        assertThat(bruteForceFewest(loads, owners, 3, 66)).isEqualTo(3);
        assertThat(plan.proof()).isEqualTo(ShardPlan.Proof.EXACT);
        assertThat(plan.moves()).as("a swap (one shard is above the goal in between, whichever goes first); " +
            "the 20 and 10 go where the room is least, the lower shard on a tie")
            .containsExactly(new ShardPlan.Move(1, 0, 1, 60), new ShardPlan.Move(12, 1, 0, 20),
                new ShardPlan.Move(13, 1, 0, 10));
        assertThat(max(apply(plan, loads, owners.clone(), 3))).isLessThanOrEqualTo(66);
    }

    @Test
    void shouldRepairACandidateWhoseShedInstrumentFitsNowhere()
    {
        // goal 17: shard 0 (12, 9) is 4 over, shard 3 (7, 3, 11, 5) 9 over, shard 1 empty, shard 2 holds an 11
        final long[] loads = {0, 12, 7, 3, 9, 11, 11, 5};
        final int[] owners = {0, 0, 3, 3, 0, 3, 2, 3};
        final ShardInstruments held = new ShardInstruments(loads, owners, 4);
        final MoveLowerBound bound = new MoveLowerBound(held, 17, ShardPlanner.BOUND_BUDGET);
        final long[] greedyLoad = {21, 0, 11, 26};

        assertThat(ShardPlanner.greedy(loads, owners, greedyLoad, 17)).as("greedy alone").isNotEmpty();
        assertThat(max(greedyLoad)).as("greedy alone stops above the goal").isGreaterThan(17);
        assertThat(bound.value()).isEqualTo(2);
        assertThat(bound.candidates()).as("the 12 to shard 1 first; shard 3 would shed its 11, which fits nowhere")
            .first().isEqualTo(new MoveLowerBound.Candidate(0, 0, 1, 2));
        assertThat(bound.candidates()).allSatisfy(candidate ->
            assertThat(ShedAndPack.build(held, 17, candidate, false)).as(candidate.toString()).isNull());
        assertThat(ShedAndPack.build(held, 17, bound.candidates().get(0), true))
            .as("the 11 stays; shard 3 sheds its 7 (to shard 0, least room) and its 3 (to shard 1) instead")
            .containsExactly(new ShardPlan.Move(1, 0, 1, 12), new ShardPlan.Move(2, 3, 0, 7),
                new ShardPlan.Move(3, 3, 1, 3));

        final ShardPlan unproven = ShardPlanner.plan(loads, owners, 4, 1.12, 0);
        assertThat(unproven.reached()).isTrue();
        assertThat(unproven.moves()).hasSize(3);
        assertThat(unproven.proof()).isEqualTo(ShardPlan.Proof.GREEDY);
        assertThat(unproven.lowerBound()).isEqualTo(2);
        final ShardPlan plan = ShardPlanner.plan(loads, owners, 4, 1.12);
        assertThat(plan.proof()).as("the search rules 2 moves out").isEqualTo(ShardPlan.Proof.EXACT);
        assertThat(plan.moves()).hasSize(3);
        assertThat(bruteForceFewest(loads, owners, 4, 17)).isEqualTo(3);
    }

    @Test
    void shouldFallBackToGreedyWithTheLowerBoundWhenTheBudgetRunsOut()
    {
        final long[] loads = {0, 6, 6, 5, 5, 1, 1, 1, 1};
        final int[] owners = {0, 0, 0, 1, 2, 1, 1, 2, 2};
        final ShardPlan exact = ShardPlanner.plan(loads, owners, 3, 1.1);
        final ShardPlan greedy = ShardPlanner.plan(loads, owners, 3, 1.1, 0);
        final int fewest = bruteForceFewest(loads, owners, 3, exact.goal());

        assertThat(exact.proof()).isEqualTo(ShardPlan.Proof.EXACT);
        assertThat(exact.moves()).hasSize(fewest);
        assertThat(greedy.proof()).as(greedy.toString()).isEqualTo(ShardPlan.Proof.GREEDY);
        assertThat(greedy.reason()).contains("budget of 0 steps");
        assertThat(greedy.lowerBound()).as("a 6 leaves shard 0, and no shard has room for a 6 unless it sheds too")
            .isEqualTo(2).isLessThanOrEqualTo(fewest);
        if (greedy.reached())
        {
            assertThat(greedy.moves().size()).isGreaterThanOrEqualTo(fewest);
        }
    }

    @Test
    void shouldSayInfeasibleWhenTooManyInstrumentsAreAboveHalfTheGoal()
    {
        final ShardPlan plan = ShardPlanner.plan(new long[] {0, 10, 10, 10}, new int[] {0, 0, 0, 1}, 2, 1.0);

        assertThat(plan.goal()).isEqualTo(15);
        assertThat(plan.proof()).isEqualTo(ShardPlan.Proof.INFEASIBLE);
        assertThat(plan.reached()).isFalse();
        assertThat(plan.reason()).isEqualTo("3 instruments each carry more than half the goal of 15, no shard can " +
            "hold two of them, and there are 2 shards");
    }

    @Test
    void shouldSayInfeasibleAfterAnExhaustiveSearch()
    {
        final long[] loads = {0, 4, 4, 4, 3, 3};
        final int[] owners = {0, 0, 0, 0, 0, 1};
        final ShardPlan plan = ShardPlanner.plan(loads, owners, 2, 1.0);

        assertThat(plan.goal()).as("no subset of 4, 4, 4, 3, 3 sums to 9").isEqualTo(9);
        assertThat(bruteForceFewest(loads, owners, 2, 9)).isEqualTo(-1);
        assertThat(plan.proof()).isEqualTo(ShardPlan.Proof.INFEASIBLE);
        assertThat(plan.reason()).isEqualTo("no assignment of the 5 instruments to the 2 shards keeps every shard " +
            "at or under the goal of 9 (exhaustive search)");
        assertThat(plan.moves()).as("greedy's moves still lower the most loaded shard").isNotEmpty();
        assertThat(plan.ratioAfter()).isLessThan(plan.ratioBefore());
    }

    /**
     * A random small instance: 2-4 shards, 3-10 instruments with loads 100 / rank^s (s in [0.3, 1.5], ranks drawn
     * with repeats), two thirds of them on one crowded shard, a target in [1.00, 1.59].
     */
    private record Instance(long seed, long[] loads, int[] owners, int shards, double target)
    {
        static Instance random(final long seed)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int shards = 2 + random.nextInt(3);
            final int instruments = 3 + random.nextInt(8);
            final double exponent = 0.3 + random.nextDouble() * 1.2;
            final long[] loads = new long[instruments + 1];
            final int[] owners = new int[instruments + 1];
            final int crowded = random.nextInt(shards);
            for (int id = 1; id <= instruments; id++)
            {
                final int rank = 1 + random.nextInt(instruments);
                loads[id] = Math.max(1, Math.round(100 / Math.pow(rank, exponent)));
                owners[id] = random.nextInt(3) == 0 ? random.nextInt(shards) : crowded;
            }
            return new Instance(seed, loads, owners, shards, 1 + random.nextInt(60) / 100.0);
        }

        double mean()
        {
            long total = 0;
            for (final long load : loads)
            {
                total += load;
            }
            return (double)total / shards;
        }

        long goal()
        {
            long heaviest = 0;
            for (final long load : loads)
            {
                heaviest = Math.max(heaviest, load);
            }
            return (long)Math.ceil(target * Math.max(mean(), heaviest) - 1e-6);
        }

        @Override
        public String toString()
        {
            return String.format(Locale.ROOT, "seed %d: loads %s, owners %s, %d shards, target %.2f, " +
                "goal %d", seed, Arrays.toString(loads), Arrays.toString(owners), shards, target,
                goal());
        }
    }

    /**
     * Every assignment of every instrument to every shard, abandoning one as soon as a shard is above the goal.
     *
     * @return the fewest instruments off their shard over the assignments that keep every shard at or under the
     * goal, or -1 when none does.
     */
    private static int bruteForceFewest(final long[] loads, final int[] owners, final int shards, final long goal)
    {
        final List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < loads.length; id++)
        {
            if (loads[id] > 0)
            {
                ids.add(id);
            }
        }
        final int[] fewest = {Integer.MAX_VALUE};
        assign(ids, 0, new long[shards], loads, owners, goal, 0, fewest);
        return fewest[0] == Integer.MAX_VALUE ? -1 : fewest[0];
    }

    private static void assign(final List<Integer> ids, final int at, final long[] shardLoad, final long[] loads,
        final int[] owners, final long goal, final int moved, final int[] fewest)
    {
        if (moved >= fewest[0])
        {
            return;
        }
        if (at == ids.size())
        {
            fewest[0] = moved;
            return;
        }
        final int id = ids.get(at);
        for (int s = 0; s < shardLoad.length; s++)
        {
            if (shardLoad[s] + loads[id] <= goal)
            {
                shardLoad[s] += loads[id];
                assign(ids, at + 1, shardLoad, loads, owners, goal, moved + (owners[id] == s ? 0 : 1), fewest);
                shardLoad[s] -= loads[id];
            }
        }
    }

    private static long[] apply(final ShardPlan plan, final long[] loads, final int[] owners, final int shards)
    {
        final Set<Integer> movedOnce = new HashSet<>();
        for (final ShardPlan.Move move : plan.moves())
        {
            assertThat(movedOnce.add(move.instrumentId())).as("moved once: " + move).isTrue();
            assertThat(owners[move.instrumentId()]).as(move.toString()).isEqualTo(move.from());
            assertThat(move.to()).as(move.toString()).isNotEqualTo(move.from()).isBetween(0, shards - 1);
            assertThat(move.load()).isEqualTo(loads[move.instrumentId()]);
            owners[move.instrumentId()] = move.to();
        }
        final long[] shardLoad = new long[shards];
        for (int id = 0; id < loads.length; id++)
        {
            shardLoad[owners[id]] += loads[id];
        }
        return shardLoad;
    }

    private static long max(final long[] values)
    {
        long best = 0;
        for (final long value : values)
        {
            best = Math.max(best, value);
        }
        return best;
    }
}
