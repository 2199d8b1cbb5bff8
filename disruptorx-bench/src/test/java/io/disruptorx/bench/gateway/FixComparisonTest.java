package io.disruptorx.bench.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The FIX comparison's figures and RESULT keys: {@code fix_qfj_ratio} is the median of the per-round ratios (not the
 * ratio of the medians, nor of one round), {@code fix_ops} and {@code qfj_ops} the legs' medians, each leg's
 * {@code *_p99_us} at its own rate and the {@code *_p99_same_rate_us} at the rate both were paced at; the rounds
 * alternate which leg runs first; {@code --quick}'s comparison stays as long as the legs run one after the other
 * were.
 */
class FixComparisonTest
{
    private static final long MS = 1_000_000;

    @Test
    void shouldReportTheMedianOfThePerRoundRatiosAndTheMediansOfEachLeg()
    {
        // round 2's anchor pass was slow (the machine, not the anchor): its ratio 10 is one of four, not the figure
        final FixComparison comparison = new FixComparison(new double[]{120_000, 100_000, 90_000, 160_000},
            new double[]{40_000, 10_000, 45_000, 40_000}, 50_000, 10_000, 10_000, new long[]{2 * MS, 4 * MS},
            new long[]{3 * MS, 6 * MS}, 7 * MS, 5 * MS, true);

        assertThat(comparison.ratios()).containsExactly(3.0, 10.0, 2.0, 4.0);
        assertThat(comparison.ratio()).isEqualTo(3.5);
        assertThat(comparison.fixOps()).isEqualTo(110_000);
        assertThat(comparison.qfjOps()).isEqualTo(40_000);

        final Map<String, Object> values = comparison.values();

        assertThat(values).containsEntry("fix_ops", 110_000L).containsEntry("qfj_ops", 40_000L)
            .containsEntry("fix_qfj_ratio", "3.50").containsEntry("fix_qfj_same_rate", 10_000L)
            .containsEntry("fix_p99_us", 7_000L).containsEntry("qfj_p99_us", 5_000L)
            .containsEntry("fix_p99_same_rate_us", 3_000L).containsEntry("qfj_p99_same_rate_us", 4_500L);
        assertThat(GatewayPlan.RESULT_KEYS).containsAll(values.keySet());
    }

    @Test
    void shouldWriteTheFixKeysAndNaForEveryOtherWithFixOnly()
    {
        final FixComparison comparison = new FixComparison(new double[]{100_000}, new double[]{20_000}, 50_000,
            10_000, 10_000, new long[]{MS}, new long[]{2 * MS}, 3 * MS, 2 * MS, true);

        final String line = GatewayPlan.resultLine(GatewayResult.onlyValues(comparison.values()));

        assertThat(line).startsWith("RESULT gateway binary_ops=na binary_p50_us=na binary_p99_us=na fix_ops=100000 " +
            "fix_p99_us=3000 qfj_ops=20000 qfj_p99_us=2000 json_ops=na json_p99_us=na binary_tls_ops=na ")
            .endsWith(" fix_qfj_ratio=5.00 fix_qfj_same_rate=10000 fix_p99_same_rate_us=1000 " +
                "qfj_p99_same_rate_us=2000");
        assertThat(line.split(" ")).hasSize(2 + GatewayPlan.RESULT_KEYS.size());
    }

    @Test
    void shouldAlternateWhichLegRunsFirst()
    {
        for (int round = 0; round < 6; round++)
        {
            assertThat(FixRounds.order(round)).containsExactly(round % 2 == 0 ?
                new int[]{FixRounds.OURS, FixRounds.ANCHOR} : new int[]{FixRounds.ANCHOR, FixRounds.OURS});
        }
    }

    @Test
    void shouldRunAsLongInTheQuickPlanAsTheTwoLegsOneAfterTheOther()
    {
        // before the rounds, --quick ran each leg for 4 s + 2.5 s + 2.5 s, and ours 2.5 s more at 10,000/s: 21.5 s,
        // and the node closed and the anchor started between the legs; now every warm-up pass counted
        assertThat(FixRounds.Plan.quick().seconds()).isLessThanOrEqualTo(22);
        assertThat(FixRounds.Plan.quick().withMaxWarmups(8).seconds()).isGreaterThan(FixRounds.Plan.quick().seconds());
        assertThat(FixRounds.Plan.quick().withMaxWarmups(1).maxWarmups())
            .isEqualTo(FixRounds.Plan.quick().minWarmups());
        assertThat(FixRounds.Plan.quick().rounds()).isEqualTo(4);
        assertThat(FixRounds.Plan.full().rounds()).isGreaterThan(FixRounds.Plan.quick().rounds());
        assertThat(FixRounds.Plan.full().pacedMeasure()).isGreaterThan(FixRounds.Plan.quick().pacedMeasure());
        assertThat(FixRounds.Plan.quick().withRounds(8).rounds()).isEqualTo(8);
        assertThatThrownBy(() -> FixRounds.Plan.quick().withRounds(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("--fix-rounds");
    }
}
