package io.disruptorx.bench.node;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.ThreadingMode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeLatencyBenchTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void shouldRecordOneLatencyPerMeasuredCommandAtALowRate(final ThreadingMode mode)
    {
        // 2,000/s leaves 500 us between sends: the producer parks rather than spins
        final NodeLatencyBench.Run run = NodeLatencyBench.run(dir, mode, ForcePolicy.NEVER, 0, 2_000, 0.5, 1.5);

        assertThat(run.mode()).isEqualTo(mode);
        assertThat(run.latency().count()).isEqualTo(3_000);
        assertThat(run.latency().p50()).isPositive();
        assertThat(run.latency().max()).isGreaterThanOrEqualTo(run.latency().p999());
        assertThat(run.sustained()).isTrue();
        // every order is funded and inside the band; only cancels of IOCs or of orders they filled are refused
        assertThat(run.rejectedOrders()).isZero();
        assertThat(run.rejectedCancels()).isLessThan(500);
    }
}
