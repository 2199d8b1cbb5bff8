package io.disruptorx.bench.node;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpinGapsTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void shouldChargeAGapToEveryInstantInsideItAsTheWaitLeftUntilItsEnd()
    {
        final SpinGaps gaps = new SpinGaps(8);
        gaps.add(10 * MS);

        // 10 ms of 1 s in one gap: 1% of instants wait more than 0, 0.1% more than 9 ms
        assertThat(SpinGaps.waitQuantile(new SpinGaps[]{gaps}, SECOND, 0.99)).isZero();
        assertThat(SpinGaps.waitQuantile(new SpinGaps[]{gaps}, SECOND, 0.999)).isEqualTo(9 * MS);
        assertThat(SpinGaps.waitQuantile(new SpinGaps[]{gaps}, SECOND, 0.9999)).isEqualTo(9_900_000);
    }

    @Test
    void shouldFindTheQuantileBetweenTwoGapLengths()
    {
        final SpinGaps gaps = new SpinGaps(8);
        gaps.add(4 * MS);
        gaps.add(6 * MS);

        // 0.1% of 1 s is 1 ms: only the 6 ms gap has more than 4 ms left in it, and (6 - t) = 1 at t = 5
        assertThat(SpinGaps.waitQuantile(new SpinGaps[]{gaps}, SECOND, 0.999)).isEqualTo(5 * MS);
        assertThat(gaps.totalNanos()).isEqualTo(10 * MS);
        assertThat(gaps.maxNanos()).isEqualTo(6 * MS);
    }

    @Test
    void shouldPoolThreadsAsARandomThreadAtARandomInstant()
    {
        final SpinGaps stalled = new SpinGaps(8);
        stalled.add(10 * MS);
        final SpinGaps quiet = new SpinGaps(8);

        // two threads over 1 s each: the one gap is 0.5% of the thread-time, so the p99.9 wait is 8 ms (10 - 2)
        assertThat(SpinGaps.waitQuantile(new SpinGaps[]{stalled, quiet}, SECOND, 0.999)).isEqualTo(8 * MS);
        assertThat(SpinGaps.waitQuantile(new SpinGaps[]{stalled, quiet}, SECOND, 0.99)).isZero();
    }

    @Test
    void shouldCountGapsBeyondItsCapacityAsDropped()
    {
        final SpinGaps gaps = new SpinGaps(1);
        gaps.add(3 * MS);
        gaps.add(5 * MS);

        assertThat(gaps.count()).isEqualTo(1);
        assertThat(gaps.dropped()).isEqualTo(1);
        assertThat(SpinGaps.waitQuantile(new SpinGaps[]{new SpinGaps(1)}, SECOND, 0.99)).isZero();
    }
}
