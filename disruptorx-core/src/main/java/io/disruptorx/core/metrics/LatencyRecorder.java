package io.disruptorx.core.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.WriterReaderPhaser;

/**
 * Records latencies without allocation or locks, and gives the reader three views: cumulative since creation (for
 * Prometheus histogram buckets and the sum), the last completed window (for current quantiles), and the interval
 * since the previous {@link #intervalSnapshot()} (for a status line). Readers never disturb each other: every read
 * first drains what the writers recorded into the cumulative view and the open window; the interval is the
 * difference between the cumulative view and a checkpoint taken when it opened.
 * <p>
 * The values are counted in HdrHistogram's layout ({@link LatencyCounts}: the same percentiles, to the last digit,
 * as an HdrHistogram {@code Histogram} of the same range and precision), in two {@link LatencyPhase}s that the
 * writers and the reader swap as HdrHistogram's {@code Recorder} swaps its histograms (with its
 * {@link WriterReaderPhaser}: a writer never waits, the reader waits for writers still in the phase it takes). A
 * read costs what was recorded, not the array's 27,648 counts: a phase marks each index it counts (a bit per index),
 * so the drain moves only those indexes into the two views and clears only them (nothing when nothing was recorded);
 * the views keep a total per 64 indexes, so percentiles walk 432 block totals and then the few blocks where a
 * percentile or the maximum falls. The window's percentiles are computed once, when the window closes, and every read
 * until the next close returns that same snapshot without draining anything (what the writers record meanwhile is
 * drained at the close, into the same window). Until the first window closes a read returns the percentiles since
 * creation, recomputed only when something was recorded since the last read.
 * <p>
 * Two flavours: {@link #LatencyRecorder()} for any number of writer threads, and {@link #singleWriter()} for a
 * recorder owned by one thread (a ring handler), which skips the atomic increments on the counts and the sum.
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

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private final boolean single;
    private final long highestTrackableValue;
    private final int significantDigits;
    private final LongAdder sharedSum;
    private final LatencyCounts cumulative;
    private final LatencyCounts window;
    private volatile LatencyPhase active;
    private LatencyPhase drained;
    private LatencyCounts intervalStart;
    private long windowStartNanos;
    private LatencySnapshot lastWindow;
    private LatencySnapshot sinceCreation;
    @SuppressWarnings("unused")
    private long singleWriterSum;
    private long drainedSum;

    /**
     * A multi-writer recorder tracking 1 ns to 60 s with 3 significant digits.
     */
    public LatencyRecorder()
    {
        this(DEFAULT_HIGHEST, DEFAULT_DIGITS, false);
    }

    /**
     * @param highestTrackableValue largest value kept exactly (at least 2); larger values are clamped.
     * @param significantDigits     precision, 0 to 5.
     * @param singleWriter          true when only one thread ever calls {@link #record(long)}.
     */
    public LatencyRecorder(final long highestTrackableValue, final int significantDigits, final boolean singleWriter)
    {
        this.highestTrackableValue = highestTrackableValue;
        this.significantDigits = significantDigits;
        this.single = singleWriter;
        this.sharedSum = singleWriter ? null : new LongAdder();
        this.cumulative = new LatencyCounts(highestTrackableValue, significantDigits);
        this.window = new LatencyCounts(highestTrackableValue, significantDigits);
        this.active = new LatencyPhase(cumulative.length());
        this.drained = new LatencyPhase(cumulative.length());
        this.windowStartNanos = System.nanoTime();
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
        final int index = cumulative.index(clamped);
        final long phase = phaser.writerCriticalSectionEnter();
        try
        {
            if (single)
            {
                active.recordPlain(index);
            }
            else
            {
                active.recordShared(index);
            }
        }
        finally
        {
            phaser.writerCriticalSectionExit(phase);
        }
        if (single)
        {
            SINGLE_WRITER_SUM.setRelease(this, (long)SINGLE_WRITER_SUM.getOpaque(this) + clamped);
        }
        else
        {
            sharedSum.add(clamped);
        }
    }

    private long totalSum()
    {
        return single ? (long)SINGLE_WRITER_SUM.getAcquire(this) : sharedSum.sum();
    }

    /**
     * Moves what the writers recorded since the last drain into the cumulative view and the open window (a pass over
     * the recorded range, nothing when they recorded nothing). The sum is read just after the phases swap, so under
     * concurrent recording it may include a few values whose counts land in the next drain; totals are exact once
     * recording pauses.
     */
    private void drain()
    {
        final LatencyPhase taken;
        phaser.readerLock();
        try
        {
            taken = active;
            active = drained;
            drained = taken;
            phaser.flipPhase();
        }
        finally
        {
            phaser.readerUnlock();
        }
        final long total = totalSum();
        final long sum = total - drainedSum;
        drainedSum = total;
        taken.moveInto(cumulative, window);
        cumulative.addSum(sum);
        window.addSum(sum);
    }

    /**
     * The values recorded since the previous call of this method (by any reader, other views untouched).
     *
     * @return percentiles of the interval.
     */
    public synchronized LatencySnapshot intervalSnapshot()
    {
        drain();
        if (intervalStart == null)
        {
            intervalStart = new LatencyCounts(highestTrackableValue, significantDigits);
        }
        final LatencySnapshot snapshot = cumulative.snapshot(intervalStart);
        intervalStart.copyFrom(cumulative);
        return snapshot;
    }

    /**
     * @return percentiles since creation.
     */
    public synchronized LatencySnapshot cumulativeSnapshot()
    {
        drain();
        return cumulative.snapshot(null);
    }

    /**
     * Percentiles of the last completed window: a window closes at the first read at least {@code windowNanos} after
     * it opened, so with a reader every second and a 5 s window the values are at most 6 s old. Until the first
     * window closes, the values since creation (recomputed only when something was recorded since the last read).
     * Computed when the window closes; the reads until the next close return the same snapshot and drain nothing
     * (what is recorded meanwhile is drained into the window at its close).
     *
     * @param nowNanos    the reader's {@link System#nanoTime()}.
     * @param windowNanos window length.
     * @return percentiles of the last completed window.
     */
    public synchronized LatencySnapshot windowSnapshot(final long nowNanos, final long windowNanos)
    {
        final boolean closing = nowNanos - windowStartNanos >= windowNanos;
        if (lastWindow != null && !closing)
        {
            return lastWindow;
        }
        drain();
        if (closing)
        {
            lastWindow = window.snapshot(null);
            window.clear();
            windowStartNanos = nowNanos;
        }
        if (lastWindow != null)
        {
            return lastWindow;
        }
        if (sinceCreation == null || sinceCreation.count() != cumulative.total() ||
            sinceCreation.sum() != cumulative.sum())
        {
            sinceCreation = cumulative.snapshot(null);
        }
        return sinceCreation;
    }

    /**
     * Counts since creation at or below each bound, for Prometheus histogram buckets, to the recorder's precision
     * (a value within 0.1% above a bound may count as below it).
     *
     * @param upperBounds bucket upper bounds in the recorded unit, ascending.
     * @param counts      receives the cumulative count at or below each bound (same length).
     * @return the total count and sum since creation, in that order.
     */
    public synchronized long[] cumulativeBuckets(final long[] upperBounds, final long[] counts)
    {
        drain();
        cumulative.buckets(upperBounds, counts);
        return new long[]{cumulative.total(), cumulative.sum()};
    }

    /**
     * Percentiles since creation over several recorders, e.g. one per partition of a step.
     *
     * @param recorders recorders with the same range and precision.
     * @return the merged snapshot.
     */
    public static LatencySnapshot merged(final Collection<LatencyRecorder> recorders)
    {
        LatencyCounts merged = null;
        for (final LatencyRecorder recorder : recorders)
        {
            synchronized (recorder)
            {
                recorder.drain();
                if (merged == null)
                {
                    merged = new LatencyCounts(recorder.highestTrackableValue, recorder.significantDigits);
                }
                merged.add(recorder.cumulative);
            }
        }
        return merged == null ? new LatencySnapshot(0, 0, 0, 0, 0, 0, 0) : merged.snapshot(null);
    }
}
