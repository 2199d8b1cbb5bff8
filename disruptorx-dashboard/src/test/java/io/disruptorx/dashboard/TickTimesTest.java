package io.disruptorx.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TickTimesTest
{
    @Test
    void shouldCountEachStepInItsOwnBucketsAndDescribeTheDifferenceOfTwoSnapshots()
    {
        final TickTimes times = new TickTimes();
        times.tick(900_000);
        final long[] before = times.snapshot();
        times.tick(300_000);
        times.read(1_500_000);
        times.build(40_000);
        times.build(120_000);
        times.write(210_000);

        final String described = TickTimes.describe(before, times.snapshot());

        assertThat(described).isEqualTo("ticks cpu us: n=1 mean=300 max=300 [<=25 0, <=50 0, <=100 0, <=200 0, " +
            "<=400 1, <=800 0, <=1600 0, <=3200 0, >3200 0]; metrics reads n=1 mean=1500 max=1500 [<=25 0, <=50 0, " +
            "<=100 0, <=200 0, <=400 0, <=800 0, <=1600 1, <=3200 0, >3200 0]; builds n=2 mean=80 max=120 [<=25 0, " +
            "<=50 1, <=100 0, <=200 1, <=400 0, <=800 0, <=1600 0, <=3200 0, >3200 0]; writes n=1 mean=210 max=210 " +
            "[<=25 0, <=50 0, <=100 0, <=200 0, <=400 1, <=800 0, <=1600 0, <=3200 0, >3200 0]");
    }
}
