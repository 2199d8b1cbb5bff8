package io.disruptorx.bench.gateway;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.shard.move.MoveStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx bench shard}'s legs do what their figures claim (the figures themselves are not asserted): the scale
 * leg's orders are answered over every shard, and the move leg's transfers all complete and each move carries its
 * {@value ShardMoveLeg#RESTING} resting orders with none refused ({@link ShardMoveLeg} throws otherwise).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShardBenchLegsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAnswerOrdersOverTwoShards()
    {
        assertThat(ShardScaleLeg.balanced(2).shardOf(1)).isNotEqualTo(ShardScaleLeg.balanced(2).shardOf(2));
        assertThat(ShardScaleLeg.run(2, dir.resolve("scale"), ForcePolicy.NEVER, 0.2, 0.5)).isPositive();
    }

    @Test
    void shouldCompleteTransfersAndMoveEveryRestingOrder()
    {
        final ShardMoveLeg.Result result = ShardMoveLeg.run(dir.resolve("moves"), ForcePolicy.NEVER);

        for (final long[] steps : result.stepNanos())
        {
            System.out.println("ShardBenchLegsTest: steps ended at (ms) " + Arrays.stream(steps)
                .mapToObj(nanos -> nanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f", nanos / 1e6)).toList() +
                " " + List.of(MoveStats.STEPS));
        }
        assertThat(result.transferP50Nanos()).isPositive();
        assertThat(result.haltNanos()).hasSize(ShardMoveLeg.MOVES);
        assertThat(Arrays.stream(result.haltNanos()).min().orElseThrow()).isPositive();
        assertThat(result.singleGatewayHaltNanos()).hasSize(ShardMoveLeg.MOVES);
        assertThat(Arrays.stream(result.singleGatewayHaltNanos()).min().orElseThrow()).isPositive();
    }
}
