package io.disruptorx.shard.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStoreAccess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deterministic simulation of docs/scaling.md: the hash ring with 10, 100 and 1,000 shards, 100,000 instruments
 * and Zipf-skewed load (a seeded permutation decides which instrument has which rank). For each size it measures
 * the balance (most loaded shard over the mean) before and after a {@link ShardPlanner} plan (its number of moves
 * proven the fewest: it meets the lower bound at every size simulated), the fraction of
 * instruments that move when a shard is added or removed, and the routing table's size and the cost of a new
 * version, and prints one row per size (the figures in docs/scaling.md come from these rows). Times are printed,
 * never asserted.
 */
class ScalingSimulationTest
{
    private static final long TOP_LOAD = 1_000_000_000L;
    private static final double TARGET = 1.1;

    @ParameterizedTest(name = "{0} shards, {1} instruments, zipf {2}")
    @CsvSource({"10, 100000, 1.0", "100, 100000, 1.0", "1000, 100000, 1.0", "100, 100000, 0.8"})
    void shouldBalanceWithinTheHeaviestInstrumentAndMoveAboutOneInN(
        final int shards, final int instruments, final double zipf)
    {
        simulate(shards, instruments, zipf);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0} shards, {1} instruments, zipf {2}")
    @CsvSource({"1000, 1000000, 1.0", "1000, 1000000, 0.8", "1000, 100000, 0.6", "10, 100000, 0.8"})
    void shouldHoldAtLargerSizes(final int shards, final int instruments, final double zipf)
    {
        simulate(shards, instruments, zipf);
    }

    private static void simulate(final int shards, final int instruments, final double zipf)
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < shards; i++)
        {
            names.add("shard-" + i);
        }
        long start = System.nanoTime();
        final RoutingTable table = RoutingTable.initial(names, instruments + 1);
        final double buildMs = (System.nanoTime() - start) / 1e6;

        final long[] loads = zipfLoads(instruments, zipf, new SplittableRandom(shards * 31L + instruments));
        final int[] owners = new int[instruments + 1];
        final int[] counts = new int[shards];
        for (int id = 1; id <= instruments; id++)
        {
            owners[id] = table.shardOf(id);
            counts[owners[id]]++;
        }
        final double countRatio = max(counts) / ((double)instruments / shards);

        start = System.nanoTime();
        final ShardPlan plan = ShardPlanner.plan(loads, owners.clone(), shards, TARGET);
        final double planMs = (System.nanoTime() - start) / 1e6;
        assertThat(plan.ratioAfter()).isLessThanOrEqualTo(plan.goalRatio() + 1e-9);
        assertThat(plan.reached()).isTrue();
        assertThat(plan.proof()).isNotEqualTo(ShardPlan.Proof.INFEASIBLE);
        assertThat(plan.lowerBound()).isBetween(0, plan.moves().size());
        assertThat(plan.proof()).as("every size simulated has a plan with as many moves as the lower bound: %s",
            plan.reason()).isEqualTo(ShardPlan.Proof.EXACT);
        final int[] afterPlan = owners.clone();
        final long[] afterLoad = new long[shards];
        for (final ShardPlan.Move move : plan.moves())
        {
            assertThat(afterPlan[move.instrumentId()]).as(move.toString()).isEqualTo(move.from());
            afterPlan[move.instrumentId()] = move.to();
        }
        for (int id = 1; id <= instruments; id++)
        {
            afterLoad[afterPlan[id]] += loads[id];
        }
        for (final long load : afterLoad)
        {
            assertThat(load).isLessThanOrEqualTo(plan.goal());
        }
        final String proof = plan.proof() == ShardPlan.Proof.EXACT ? "fewest" : "at least " + plan.lowerBound();

        final TreeMap<Integer, String> overrides = new TreeMap<>();
        for (final ShardPlan.Move move : plan.moves())
        {
            overrides.put(move.instrumentId(), names.get(move.to()));
        }
        start = System.nanoTime();
        final RoutingTable planned = RoutingTable.of(2, names, table.virtualNodes(), instruments + 1, overrides);
        final double updateMs = (System.nanoTime() - start) / 1e6;
        for (final ShardPlan.Move move : plan.moves())
        {
            assertThat(planned.shardOf(move.instrumentId())).isEqualTo(move.to());
        }

        final RoutingTable added = table.withShardAdded("shard-new");
        final int newShard = added.shardIndex("shard-new");
        int movedByAdd = 0;
        int movedByRemove = 0;
        final RoutingTable removed = table.withShardRemoved("shard-0");
        for (int id = 1; id <= instruments; id++)
        {
            if (added.shardOf(id) != owners[id])
            {
                movedByAdd++;
                assertThat(added.shardOf(id)).isEqualTo(newShard);
            }
            final String before = names.get(owners[id]);
            if (!removed.shardName(removed.shardOf(id)).equals(before))
            {
                movedByRemove++;
                assertThat(before).isEqualTo("shard-0");
            }
        }
        final double addFraction = (double)movedByAdd / instruments;
        final double removeFraction = (double)movedByRemove / instruments;
        assertThat(addFraction).isBetween(0.4 / (shards + 1), 1.6 / (shards + 1));
        assertThat(removeFraction).isBetween(0.4 / shards, 1.6 / shards);

        final long total = sum(loads);
        final double topShare = (double)TOP_LOAD / total;
        final int fileBytes = RoutingTableStoreAccess.format(planned).length();
        System.out.println(String.format(Locale.ROOT,
            "| %,d | %,d | %.1f | %.3f | %.2f | %.2f | %.2f | %.2f%% | %,d | %s | %.4f (1/n+1 = %.4f) " +
            "| %.4f (1/n = %.4f) | %,d | %,d | %.1f | %.1f | %.1f |",
            shards, instruments, zipf, countRatio, plan.ratioBefore(), plan.ratioAfter(), plan.goalRatio(),
            topShare * 100, plan.moves().size(), proof, addFraction, 1.0 / (shards + 1), removeFraction, 1.0 / shards,
            planned.memoryBytes(), fileBytes, buildMs, updateMs, planMs));
    }

    private static long[] zipfLoads(final int instruments, final double exponent, final SplittableRandom random)
    {
        final int[] rankOf = new int[instruments + 1];
        for (int id = 1; id <= instruments; id++)
        {
            rankOf[id] = id;
        }
        for (int i = instruments; i > 1; i--)
        {
            final int j = 1 + random.nextInt(i);
            final int swap = rankOf[i];
            rankOf[i] = rankOf[j];
            rankOf[j] = swap;
        }
        final long[] loads = new long[instruments + 1];
        for (int id = 1; id <= instruments; id++)
        {
            loads[id] = Math.max(1, Math.round(TOP_LOAD / Math.pow(rankOf[id], exponent)));
        }
        return loads;
    }

    private static int max(final int[] values)
    {
        int best = 0;
        for (final int value : values)
        {
            best = Math.max(best, value);
        }
        return best;
    }

    private static long sum(final long[] values)
    {
        long total = 0;
        for (final long value : values)
        {
            total += value;
        }
        return total;
    }
}
