package io.disruptorx.shard.plan;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ShardPlannerTest
{
    @Test
    void shouldProposeNothingWhenEveryShardIsUnderTheTarget()
    {
        final ShardPlan plan = ShardPlanner.plan(new long[] {0, 10, 10, 10}, new int[] {0, 0, 1, 2}, 3, 1.1);
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.reached()).isTrue();
        assertThat(plan.ratioBefore()).isEqualTo(1.0);
    }

    @Test
    void shouldMoveTheFewestInstrumentsOffAnOverloadedShard()
    {
        final long[] loads = {0, 10, 10, 10, 10, 1};
        final int[] owners = {0, 0, 0, 0, 0, 1};
        final ShardPlan plan = ShardPlanner.plan(loads, owners, 2, 1.0);

        assertThat(plan.reached()).isTrue();
        assertThat(plan.moves()).hasSize(2);
        assertThat(plan.moves()).allSatisfy(move -> assertThat(move.from()).isZero());
        assertThat(plan.ratioAfter()).isLessThan(plan.ratioBefore());
        assertThat(plan.ratioAfter()).isCloseTo(21.0 / 20.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldNeverTryToSplitAnInstrumentHeavierThanTheTarget()
    {
        final long[] loads = {0, 100, 20, 1, 1, 1};
        final int[] owners = {0, 0, 0, 1, 1, 2};
        final ShardPlan plan = ShardPlanner.plan(loads, owners, 3, 1.1);

        assertThat(plan.goalRatio()).as("the goal is 1.1 x the heaviest instrument, over the mean")
            .isCloseTo(110 / (123 / 3.0), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(plan.reached()).isTrue();
        assertThat(plan.moves()).as("the 20 moves off the heaviest's shard; the 100 stays whole").singleElement()
            .satisfies(move ->
            {
                assertThat(move.instrumentId()).isEqualTo(2);
                assertThat(move.from()).isZero();
            });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldReachTheTargetOnRandomLoadsAndAgreeWithItsOwnMoves(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int instruments = 5_000;
        final int shards = 16;
        final long[] loads = new long[instruments];
        final int[] owners = new int[instruments];
        for (int id = 0; id < instruments; id++)
        {
            loads[id] = 1 + random.nextInt(1_000);
            owners[id] = random.nextInt(4);
        }
        final ShardPlan plan = ShardPlanner.plan(loads, owners, shards, 1.05);
        assertThat(plan.reached()).as("seed %d", seed).isTrue();
        assertThat(plan.moves().size()).as("seed %d: %s", seed, plan.reason()).isGreaterThanOrEqualTo(
            plan.lowerBound());

        final long[] shardLoad = new long[shards];
        for (final ShardPlan.Move move : plan.moves())
        {
            assertThat(owners[move.instrumentId()]).isEqualTo(move.from());
            owners[move.instrumentId()] = move.to();
        }
        long total = 0;
        for (int id = 0; id < instruments; id++)
        {
            shardLoad[owners[id]] += loads[id];
            total += loads[id];
        }
        final double mean = (double)total / shards;
        for (final long load : shardLoad)
        {
            assertThat(load / mean).isLessThanOrEqualTo(plan.goalRatio() + 1e-9);
        }
        assertThat(ShardPlanner.plan(loads, owners, shards, 1.05).moves()).as("a balanced result needs no moves")
            .isEmpty();
    }
}
