package io.disruptorx.core.metrics;

import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the reader's views are computed: every percentile equal to HdrHistogram's own {@code getValueAtPercentile};
 * the window's snapshot computed once per window and returned as is until the next close (what was recorded
 * meanwhile counted at the close); the window and the interval as differences from their checkpoints.
 */
class LatencyRecorderReadTest
{
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1_000, 65_537})
    void shouldComputeEveryPercentileAsHdrHistogramDoes(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        final int values = 1 + random.nextInt(20_000);
        long sum = 0;
        for (int i = 0; i < values; i++)
        {
            final long value = random.nextInt(10) == 0 ? random.nextLong(1, 50_000_000L) : random.nextLong(1, 200_000);
            histogram.recordValue(value);
            sum += value;
        }
        final LatencySnapshot snapshot = LatencyRecorder.snapshot(histogram, sum);
        assertThat(snapshot).isEqualTo(new LatencySnapshot(histogram.getTotalCount(), sum,
            histogram.getValueAtPercentile(50.0), histogram.getValueAtPercentile(90.0),
            histogram.getValueAtPercentile(99.0), histogram.getValueAtPercentile(99.9), histogram.getMaxValue()));
    }

    @Test
    void shouldGiveZerosForNoValues()
    {
        assertThat(LatencyRecorder.snapshot(new Histogram(1_000_000, 3), 0))
            .isEqualTo(new LatencySnapshot(0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void shouldComputeTheWindowOnceAndReturnItUntilTheNextClose()
    {
        final LatencyRecorder recorder = LatencyRecorder.singleWriter();
        final long window = 1_000_000_000L;
        final long start = System.nanoTime() + 10 * window;
        recorder.record(1_000);
        recorder.record(2_000);
        final LatencySnapshot first = recorder.windowSnapshot(start, window);
        assertThat(first.count()).isEqualTo(2);
        recorder.record(3_000_000);
        final LatencySnapshot same = recorder.windowSnapshot(start + window / 2, window);
        assertThat(same).isSameAs(first);
        final LatencySnapshot next = recorder.windowSnapshot(start + window, window);
        assertThat(next.count()).isEqualTo(1);
        assertThat(next.sum()).isEqualTo(3_000_000);
        assertThat(next.max()).isBetween(3_000_000L, 3_003_000L);
        assertThat(recorder.windowSnapshot(start + 2 * window, window).count()).isZero();
    }

    @Test
    void shouldKeepTheIntervalAndTheWindowApart()
    {
        final LatencyRecorder recorder = new LatencyRecorder();
        final long window = 1_000_000_000L;
        final long start = System.nanoTime() + 10 * window;
        for (int i = 1; i <= 100; i++)
        {
            recorder.record(i * 1_000L);
        }
        final LatencySnapshot interval = recorder.intervalSnapshot();
        assertThat(interval.count()).isEqualTo(100);
        assertThat(interval.sum()).isEqualTo(5_050_000);
        assertThat(interval.p50()).isBetween(50_000L, 50_050L);
        for (int i = 0; i < 10; i++)
        {
            recorder.record(7_000);
        }
        assertThat(recorder.windowSnapshot(start, window).count()).isEqualTo(110);
        final LatencySnapshot second = recorder.intervalSnapshot();
        assertThat(second.count()).isEqualTo(10);
        assertThat(second.sum()).isEqualTo(70_000);
        assertThat(second.p50()).isBetween(7_000L, 7_007L);
        assertThat(second.max()).isBetween(7_000L, 7_007L);
        assertThat(recorder.cumulativeSnapshot().count()).isEqualTo(110);
        assertThat(recorder.intervalSnapshot().count()).isZero();
    }
}
