package io.disruptorx.bench.node;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HiccupMeterTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void shouldChargeAHiccupToEveryWakeUpItSwallowedLikeTheLatencyLegs()
    {
        final HiccupMeter meter = new HiccupMeter();
        for (int i = 0; i < 96; i++)
        {
            meter.wokeUp(i * MS, (i + 1) * MS);
        }
        // asked for 1 ms, woke after 5 ms: 4 ms late, and the wake-ups due 3, 2 and 1 ms before it were late too
        meter.wokeUp(96 * MS, 101 * MS);

        final LatencySummary summary = meter.summary();
        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isZero();
        assertThat(summary.p99()).isBetween(3 * MS - MS / 100, 3 * MS + MS / 100);
        assertThat(summary.max()).isBetween(4 * MS - MS / 100, 4 * MS + MS / 100);
        assertThat(meter.log().count()).isEqualTo(1);
        assertThat(meter.log().start(0)).isEqualTo(97 * MS);
        assertThat(meter.log().length(0)).isEqualTo(4 * MS);
    }

    @Test
    void shouldLogStallsFromTheThresholdAndMeasureTheirOverlapWithAnInterval()
    {
        final StallLog log = new StallLog(2 * MS);
        log.add(0, MS);
        log.add(10 * MS, 3 * MS);
        log.add(20 * MS, 5 * MS);

        assertThat(log.count()).isEqualTo(2);
        assertThat(log.totalNanos()).isEqualTo(8 * MS);
        assertThat(log.maxNanos()).isEqualTo(5 * MS);
        assertThat(log.overlap(12 * MS, 22 * MS)).isEqualTo(3 * MS);
        assertThat(log.overlap(0, 10 * MS)).isZero();
        assertThat(log.takeLongest()).isEqualTo(1);
        assertThat(log.takeLongest()).isZero();
        assertThat(log.takeLongest()).isEqualTo(-1);
    }
}
