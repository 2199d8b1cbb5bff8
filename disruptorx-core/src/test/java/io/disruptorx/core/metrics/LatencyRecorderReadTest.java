package io.disruptorx.core.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the reader's views are computed: every count, percentile, maximum and bucket equal to a plain HdrHistogram
 * {@code Histogram} of the same values (the recorder counts in HdrHistogram's layout, over the recorded range only);
 * the window's snapshot computed once per window and returned as is until the next close (what was recorded
 * meanwhile counted at the close); the window and the interval as differences from their checkpoints.
 */
class LatencyRecorderReadTest
{
    private static final long HIGHEST = 60_000_000_000L;
    private static final long[] BOUNDS = {1_000, 2_500, 5_000, 10_000, 100_000, 1_000_000, 10_000_000, 1_000_000_000,
        10_000_000_000L};

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void shouldLayValuesOutAsHdrHistogramDoes(final int digits)
    {
        final LatencyCounts counts = new LatencyCounts(HIGHEST, digits);
        final Histogram histogram = new Histogram(HIGHEST, digits);
        assertThat(counts.index(HIGHEST)).isEqualTo(counts.length() - 1);
        long expectedLowest = 0;
        int firstWrong = -1;
        for (int i = 0; i < counts.length() && firstWrong < 0; i++)
        {
            final long lowest = counts.lowestValue(i);
            final long highest = counts.highestValue(i);
            final boolean right = lowest == expectedLowest && histogram.lowestEquivalentValue(lowest) == lowest &&
                histogram.highestEquivalentValue(lowest) == highest && counts.index(lowest) == i &&
                counts.index(highest) == i;
            firstWrong = right ? -1 : i;
            expectedLowest = highest + 1;
        }
        assertThat(firstWrong).as("first index laid out unlike HdrHistogram").isEqualTo(-1);
        assertThat(expectedLowest).isGreaterThan(HIGHEST);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1_000, 65_537})
    void shouldReadAsAPlainHdrHistogramOfTheSameValues(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long window = 1_000_000_000L;
        final LatencyRecorder recorder = new LatencyRecorder(HIGHEST, 3, random.nextBoolean());
        final Histogram cumulative = new Histogram(HIGHEST, 3);
        final Histogram interval = new Histogram(HIGHEST, 3);
        final Histogram open = new Histogram(HIGHEST, 3);
        final long[] sums = new long[3];
        long now = System.nanoTime() + 10 * window;
        long windowOpened = 0;
        LatencySnapshot closed = null;
        for (int step = 0; step < 300; step++)
        {
            final int values = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 2_000);
            for (int i = 0; i < values; i++)
            {
                final long value = value(random);
                recorder.record(value);
                final long counted = value < 0 ? 0 : Math.min(value, HIGHEST);
                for (final Histogram histogram : List.of(cumulative, interval, open))
                {
                    histogram.recordValue(counted);
                }
                sums[0] += counted;
                sums[1] += counted;
                sums[2] += counted;
            }
            now += random.nextLong(window / 2);
            switch (random.nextInt(4))
            {
                case 0:
                    assertThat(recorder.intervalSnapshot()).isEqualTo(expected(interval, sums[1]));
                    interval.reset();
                    sums[1] = 0;
                    break;
                case 1:
                    assertThat(recorder.cumulativeSnapshot()).isEqualTo(expected(cumulative, sums[0]));
                    break;
                case 2:
                    final long[] buckets = new long[BOUNDS.length];
                    assertThat(recorder.cumulativeBuckets(BOUNDS, buckets)).containsExactly(
                        cumulative.getTotalCount(), sums[0]);
                    assertThat(buckets).containsExactly(expectedBuckets(cumulative));
                    break;
                default:
                    final boolean young = step < 100;
                    final LatencySnapshot read = recorder.windowSnapshot(now, young ? Long.MAX_VALUE : window);
                    if (!young && (closed == null || now - windowOpened >= window))
                    {
                        closed = expected(open, sums[2]);
                        open.reset();
                        sums[2] = 0;
                        windowOpened = now;
                    }
                    assertThat(read).isEqualTo(closed != null ? closed : expected(cumulative, sums[0]));
                    break;
            }
        }
    }

    @Test
    void shouldMergeRecordersAsOneHdrHistogram()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final Histogram all = new Histogram(HIGHEST, 3);
        long sum = 0;
        final List<LatencyRecorder> recorders = List.of(LatencyRecorder.singleWriter(), new LatencyRecorder(),
            LatencyRecorder.singleWriter());
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < 5_000; i++)
            {
                final long value = Math.max(0, Math.min(HIGHEST, value(random)));
                recorders.get(r).record(value);
                all.recordValue(value);
                sum += value;
            }
        }
        assertThat(LatencyRecorder.merged(recorders)).isEqualTo(expected(all, sum));
        assertThat(LatencyRecorder.merged(List.of())).isEqualTo(new LatencySnapshot(0, 0, 0, 0, 0, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCountEveryValueRecordedWhileReadersDrain(final boolean singleWriter) throws Exception
    {
        final LatencyRecorder recorder = new LatencyRecorder(HIGHEST, 3, singleWriter);
        final Thread[] writers = new Thread[singleWriter ? 1 : 3];
        final int perWriter = 200_000;
        for (int t = 0; t < writers.length; t++)
        {
            final long seed = t;
            writers[t] = new Thread(() ->
            {
                final SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < perWriter; i++)
                {
                    recorder.record(value(random));
                }
            });
            writers[t].start();
        }
        long intervals = 0;
        long reads = 0;
        boolean running = true;
        while (running)
        {
            running = false;
            for (final Thread writer : writers)
            {
                running |= writer.isAlive();
            }
            intervals += recorder.intervalSnapshot().count();
            recorder.windowSnapshot(System.nanoTime(), reads++ % 3 == 0 ? 0 : Long.MAX_VALUE);
        }
        final Histogram all = new Histogram(HIGHEST, 3);
        long sum = 0;
        for (int t = 0; t < writers.length; t++)
        {
            final SplittableRandom random = new SplittableRandom(t);
            for (int i = 0; i < perWriter; i++)
            {
                final long value = Math.max(0, Math.min(HIGHEST, value(random)));
                all.recordValue(value);
                sum += value;
            }
        }
        intervals += recorder.intervalSnapshot().count();
        assertThat(intervals).isEqualTo(all.getTotalCount());
        assertThat(recorder.cumulativeSnapshot()).isEqualTo(expected(all, sum));
    }

    @Test
    void shouldGiveZerosForNoValues()
    {
        final LatencyRecorder recorder = LatencyRecorder.singleWriter();
        final LatencySnapshot zeros = new LatencySnapshot(0, 0, 0, 0, 0, 0, 0);
        assertThat(recorder.cumulativeSnapshot()).isEqualTo(zeros);
        assertThat(recorder.intervalSnapshot()).isEqualTo(zeros);
        assertThat(recorder.windowSnapshot(System.nanoTime(), Long.MAX_VALUE)).isEqualTo(zeros);
        final long[] buckets = new long[BOUNDS.length];
        assertThat(recorder.cumulativeBuckets(BOUNDS, buckets)).containsExactly(0, 0);
        assertThat(buckets).containsOnly(0);
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

    /**
     * Mostly latencies from 1 us to 10 ms; now and then the range's ends (0, 1, negative, the highest trackable value
     * and above it, both clamped) and the edges of HdrHistogram's first buckets.
     */
    private static long value(final SplittableRandom random)
    {
        switch (random.nextInt(40))
        {
            case 0:
                return 0;
            case 1:
                return 1;
            case 2:
                return -random.nextLong(1, 1_000);
            case 3:
                return HIGHEST;
            case 4:
                return HIGHEST + random.nextLong(1, 1_000_000);
            case 5:
                return random.nextBoolean() ? 2_047 : 2_048;
            case 6:
                return random.nextLong(HIGHEST);
            default:
                return (long)Math.pow(10, 3.0 + random.nextDouble() * 4.0);
        }
    }

    private static LatencySnapshot expected(final Histogram histogram, final long sum)
    {
        if (histogram.getTotalCount() == 0)
        {
            return new LatencySnapshot(0, sum, 0, 0, 0, 0, 0);
        }
        return new LatencySnapshot(histogram.getTotalCount(), sum, histogram.getValueAtPercentile(50.0),
            histogram.getValueAtPercentile(90.0), histogram.getValueAtPercentile(99.0),
            histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    private static long[] expectedBuckets(final Histogram histogram)
    {
        final long[] counts = new long[BOUNDS.length];
        Arrays.fill(counts, 0);
        for (final HistogramIterationValue value : histogram.recordedValues())
        {
            final long lowest = histogram.lowestEquivalentValue(value.getValueIteratedTo());
            for (int b = BOUNDS.length - 1; b >= 0 && BOUNDS[b] >= lowest; b--)
            {
                counts[b] += value.getCountAtValueIteratedTo();
            }
        }
        return counts;
    }
}
