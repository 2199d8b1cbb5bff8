package io.disruptorx.bench.node;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PacedScheduleTest
{
    @Test
    void shouldSpaceCommandsByTheRateWithoutDrift()
    {
        final PacedSchedule schedule = new PacedSchedule(1_000, 100_000);

        assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(11_000);
        assertThat(schedule.intendedNanos(100_000)).isEqualTo(1_000_001_000L);
        final PacedSchedule thirds = new PacedSchedule(0, 3);
        assertThat(thirds.intendedNanos(1)).isEqualTo(333_333_333L);
        assertThat(thirds.intendedNanos(3_000_000)).isEqualTo(1_000_000_000_000_000L);
    }

    @Test
    void shouldCountNothingDueBeforeTheStartAndTheFirstCommandAtTheStart()
    {
        final PacedSchedule schedule = new PacedSchedule(5_000, 200_000);

        assertThat(schedule.dueBy(4_999)).isZero();
        assertThat(schedule.dueBy(5_000)).isEqualTo(1);
        assertThat(schedule.dueBy(9_999)).isEqualTo(1);
        assertThat(schedule.dueBy(10_000)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 7_777L, 123_456_789L})
    void shouldAgreeWithIntendedTimesForAnyRateAndTime(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 10_000; i++)
        {
            final long rate = 1 + random.nextLong(1_000_000);
            final long start = random.nextLong(1L << 40);
            final PacedSchedule schedule = new PacedSchedule(start, rate);
            final long now = start + random.nextLong(TimeUnit.SECONDS.toNanos(120));
            final long due = schedule.dueBy(now);
            final String where = "seed " + seed + " rate " + rate + " start " + start + " now " + now;
            assertThat(due).as(where).isPositive();
            assertThat(schedule.intendedNanos(due - 1)).as(where).isLessThanOrEqualTo(now);
            assertThat(schedule.intendedNanos(due)).as(where).isGreaterThan(now);
        }
    }

    @Test
    void shouldChargeAStallToEveryCommandThatWasDueDuringIt()
    {
        // a 1 ms stall at 100k/s: command 0 waits 1 ms, command 99 only 10 us; measuring from the actual send
        // time would have shown all 100 as fast
        final PacedSchedule schedule = new PacedSchedule(0, 100_000);
        final long sentAfterStall = 1_000_000;

        assertThat(schedule.dueBy(sentAfterStall)).isEqualTo(101);
        assertThat(sentAfterStall - schedule.intendedNanos(0)).isEqualTo(1_000_000);
        assertThat(sentAfterStall - schedule.intendedNanos(99)).isEqualTo(10_000);
    }

    @Test
    void shouldRefuseRatesItCannotComputeExactly()
    {
        assertThatThrownBy(() -> new PacedSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacedSchedule(0, 100_000_001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PacedSchedule(0, 250_000).commandsIn(2.5)).isEqualTo(625_000);
    }
}
