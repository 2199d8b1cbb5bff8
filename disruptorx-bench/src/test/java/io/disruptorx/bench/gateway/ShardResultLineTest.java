package io.disruptorx.bench.gateway;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The line {@code dx bench shard} ends with, without running the bench: issue 12's keys in its order, then
 * {@code move_halt_single_gateway_ms}, each a whole number (orders/s, microseconds of the transfer's p50, milliseconds
 * of each mode's median move halt), nothing else on the line.
 */
class ShardResultLineTest
{
    /** The keys issue 12 fixed, in its order. */
    private static final Pattern ISSUE_FORMAT = Pattern.compile(
        "RESULT shard ops_1=\\d+ ops_2=\\d+ ops_4=\\d+ transfer_p50_us=\\d+ move_halt_ms=\\d+");
    /** Those, then the key added at the end (documented in docs/scaling.md). */
    private static final Pattern FORMAT = Pattern.compile(ISSUE_FORMAT.pattern() + " move_halt_single_gateway_ms=\\d+");

    @Test
    void shouldWriteIssue12sKeysInOrderThenTheSingleGatewayHalt()
    {
        final ShardMoveLeg.Result moves = new ShardMoveLeg.Result(1_806_400, 9_000_000,
            new long[]{31_000_000, 27_600_000, 45_000_000}, new long[]{29_400_000, 66_000_000, 25_000_000},
            new long[0][]);

        final String line = ShardQuickBench.resultLine(new double[]{901_440.6, 1_306_448.2, 1_163_884.5}, moves);

        assertThat(line).isEqualTo("RESULT shard ops_1=901441 ops_2=1306448 ops_4=1163885 transfer_p50_us=1806 " +
            "move_halt_ms=31 move_halt_single_gateway_ms=29");
        assertThat(FORMAT.matcher(line).matches()).isTrue();
        assertThat(ISSUE_FORMAT.matcher(line).lookingAt()).isTrue();
        assertThat(ShardQuickBench.RESULT_KEYS).containsExactly("ops_1", "ops_2", "ops_4", "transfer_p50_us",
            "move_halt_ms", "move_halt_single_gateway_ms");
        assertThat(line.split(" ")).hasSize(2 + ShardQuickBench.RESULT_KEYS.size());
    }

    @Test
    void shouldRoundToWholeUnitsAndTakeEachModesMedianHalt()
    {
        final ShardMoveLeg.Result moves = new ShardMoveLeg.Result(2_500, 3_000,
            new long[]{500_000, 1_499_999, 2_500_000}, new long[]{7_000_000, 1_000_000, 500_000}, new long[0][]);

        final String line = ShardQuickBench.resultLine(new double[]{0.4, 0.5, 12.49}, moves);

        assertThat(line).isEqualTo("RESULT shard ops_1=0 ops_2=1 ops_4=12 transfer_p50_us=3 move_halt_ms=1 " +
            "move_halt_single_gateway_ms=1");
        assertThat(FORMAT.matcher(line).matches()).isTrue();
    }

    @Test
    void shouldRefuseOpsThatAreNotOnePerShardCount()
    {
        final ShardMoveLeg.Result moves = new ShardMoveLeg.Result(1, 1, new long[]{1}, new long[]{1}, new long[0][]);

        assertThatThrownBy(() -> ShardQuickBench.resultLine(new double[]{1, 2}, moves))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 2, 4], got 2");
    }
}
