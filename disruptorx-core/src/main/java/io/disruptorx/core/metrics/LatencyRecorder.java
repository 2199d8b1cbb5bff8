package io.disruptorx.core.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntervalHistogramProvider;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.HdrHistogram.ValueRecorder;

/**
 * Records latencies without allocation or locks (HdrHistogram's {@link Recorder}), and gives the reader both
 * interval and cumulative views.
 * <p>
 * Two flavours: {@link #LatencyRecorder()} for any number of writer threads, and {@link #singleWriter()} for a
 * recorder owned by one thread (a ring handler), which skips the atomic increments on the histogram and the sum and
 * costs roughly half as much per value.
 * <p>
 * Values above {@code highestTrackableValue} are clamped to it rather than thrown away, so a pathological outlier
 * still shows as the maximum. The sum is a running total; intervals are differences, so no reset races a writer.
 */
public final class LatencyRecorder
{
    private static final long DEFAULT_HIGHEST = 60_000_000_000L;
    private static final int DEFAULT_DIGITS = 3;
    private static final VarHandle SINGLE_WRITER_SUM;

    static
    {
        try
        {
            SINGLE_WRITER_SUM = MethodHandles.lookup().findVarHandle(LatencyRecorder.class, "singleWriterSum",
                long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final ValueRecorder writer;
    private final IntervalHistogramProvider<Histogram> reader;
    private final boolean single;
    private final long highestTrackableValue;
    private final LongAdder sharedSum;
    private final Histogram cumulative;
    @SuppressWarnings("unused")
    private long singleWriterSum;
    private Histogram interval;
    private long cumulativeSum;

    /**
     * A multi-writer recorder tracking 1 ns to 60 s with 3 significant digits.
     */
    public LatencyRecorder()
    {
        this(DEFAULT_HIGHEST, DEFAULT_DIGITS, false);
    }

    /**
     * @param highestTrackableValue largest value kept exactly; larger values are clamped.
     * @param significantDigits     precision, 0 to 5.
     * @param singleWriter          true when only one thread ever calls {@link #record(long)}.
     */
    public LatencyRecorder(final long highestTrackableValue, final int significantDigits, final boolean singleWriter)
    {
        this.highestTrackableValue = highestTrackableValue;
        this.single = singleWriter;
        if (singleWriter)
        {
            final SingleWriterRecorder recorder = new SingleWriterRecorder(highestTrackableValue, significantDigits);
            this.writer = recorder;
            this.reader = recorder;
            this.sharedSum = null;
        }
        else
        {
            final Recorder recorder = new Recorder(highestTrackableValue, significantDigits);
            this.writer = recorder;
            this.reader = recorder;
            this.sharedSum = new LongAdder();
        }
        this.cumulative = new Histogram(highestTrackableValue, significantDigits);
    }

    /**
     * @return a recorder for exactly one writer thread, 1 ns to 60 s, 3 significant digits.
     */
    public static LatencyRecorder singleWriter()
    {
        return new LatencyRecorder(DEFAULT_HIGHEST, DEFAULT_DIGITS, true);
    }

    /**
     * Records one value; wait-free and allocation-free.
     *
     * @param value the latency, negative values count as zero.
     */
    public void record(final long value)
    {
        final long clamped = value < 0 ? 0 : Math.min(value, highestTrackableValue);
        writer.recordValue(clamped);
        if (single)
        {
            SINGLE_WRITER_SUM.setRelease(this, (long) SINGLE_WRITER_SUM.getOpaque(this) + clamped);
        }
        else
        {
            sharedSum.add(clamped);
        }
    }

    private long totalSum()
    {
        return single ? (long) SINGLE_WRITER_SUM.getAcquire(this) : sharedSum.sum();
    }

    /**
     * Takes the values recorded since the previous call, folds them into the cumulative view, and returns the
     * interval's percentiles. Meant for one reader (the scraper or reporter); calls are serialised.
     * <p>
     * The interval sum is read just after the histogram swap, so under concurrent recording it may include a few
     * values whose counts land in the next interval; totals are exact once recording pauses.
     *
     * @return percentiles of the interval.
     */
    public synchronized LatencySnapshot intervalSnapshot()
    {
        interval = reader.getIntervalHistogram(interval);
        final long total = totalSum();
        final long intervalSum = total - cumulativeSum;
        cumulative.add(interval);
        cumulativeSum = total;
        return snapshotOf(interval, intervalSum);
    }

    /**
     * Drains pending values into the cumulative view and returns percentiles since creation.
     *
     * @return percentiles since creation.
     */
    public synchronized LatencySnapshot cumulativeSnapshot()
    {
        intervalSnapshot();
        return snapshotOf(cumulative, cumulativeSum);
    }

    /**
     * Percentiles since creation over several recorders, e.g. one per partition of a step.
     *
     * @param recorders recorders with the same range and precision.
     * @return the merged snapshot.
     */
    public static LatencySnapshot merged(final Collection<LatencyRecorder> recorders)
    {
        Histogram merged = null;
        long sum = 0;
        for (final LatencyRecorder recorder : recorders)
        {
            synchronized (recorder)
            {
                recorder.intervalSnapshot();
                if (merged == null)
                {
                    merged = new Histogram(recorder.highestTrackableValue, DEFAULT_DIGITS);
                }
                merged.add(recorder.cumulative);
                sum += recorder.cumulativeSum;
            }
        }
        return merged == null ? new LatencySnapshot(0, 0, 0, 0, 0, 0, 0) : snapshotOf(merged, sum);
    }

    private static LatencySnapshot snapshotOf(final Histogram histogram, final long sum)
    {
        return new LatencySnapshot(
            histogram.getTotalCount(),
            sum,
            histogram.getValueAtPercentile(50.0),
            histogram.getValueAtPercentile(90.0),
            histogram.getValueAtPercentile(99.0),
            histogram.getValueAtPercentile(99.9),
            histogram.getMaxValue());
    }
}
