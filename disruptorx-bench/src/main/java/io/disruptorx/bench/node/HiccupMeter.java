package io.disruptorx.bench.node;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * A machine hiccup meter (the idea of Gil Tene's jHiccup, written here): a thread that parks for
 * {@value #RESOLUTION_NANOS} ns in a loop and records by how much each wake-up came late. A thread that does
 * nothing else can only be late because the platform held it up: the OS ran something else on the cores or took
 * the time slice away (other processes, other threads of this JVM, a hypervisor's steal), or the JVM stopped every
 * thread (a safepoint: GC, deoptimisation). What it measures is therefore the part of a latency tail that any
 * thread of this process would have seen, whatever it was doing; run beside a latency leg, it separates the
 * machine's part of the tail from the code's.
 *
 * <p>Recorded like the latency legs, corrected for coordinated omission: a hiccup of {@code h} also counts the
 * wake-ups that should have happened during it ({@code h - 1 ms}, {@code h - 2 ms}, ...), exactly as the latency
 * legs charge a stall to every command due during it. A percentile of the meter is therefore "the share of time
 * the platform was that late", comparable with the legs' percentiles (whose commands are spread evenly in time).
 * Hiccups of at least {@value #LOGGED_NANOS} ns are also logged with their time ({@link StallLog}).
 */
public final class HiccupMeter implements AutoCloseable
{
    /** How long each park asks for. */
    public static final long RESOLUTION_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Hiccups logged one by one from this length. */
    public static final long LOGGED_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final StallLog log = new StallLog(LOGGED_NANOS);
    private final Thread thread;
    private volatile boolean recording;
    private volatile boolean running = true;

    HiccupMeter()
    {
        thread = new Thread(this::run, "dx-bench-hiccup");
        thread.setDaemon(true);
    }

    /**
     * @return a meter whose thread runs (not yet recording): start it before the code under test so its own start
     * is not measured.
     */
    public static HiccupMeter start()
    {
        final HiccupMeter meter = new HiccupMeter();
        meter.thread.start();
        return meter;
    }

    /**
     * Starts recording (clears nothing: call once).
     */
    public void record()
    {
        recording = true;
    }

    /**
     * Stops the thread and waits for it; the histogram and the log are then safe to read.
     */
    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return the hiccups recorded (nanoseconds, corrected for coordinated omission), read after {@link #close()}.
     */
    public LatencySummary summary()
    {
        return LatencySummary.of(histogram);
    }

    /**
     * @return the hiccups of at least {@value #LOGGED_NANOS} ns, read after {@link #close()}.
     */
    public StallLog log()
    {
        return log;
    }

    private void run()
    {
        while (running)
        {
            final long before = System.nanoTime();
            LockSupport.parkNanos(RESOLUTION_NANOS);
            final long after = System.nanoTime();
            if (recording && running)
            {
                wokeUp(before, after);
            }
        }
    }

    /**
     * Records one wake-up of the meter's thread.
     *
     * @param before when it parked.
     * @param after  when it woke up.
     */
    void wokeUp(final long before, final long after)
    {
        final long hiccup = Math.max(0, after - before - RESOLUTION_NANOS);
        histogram.recordValueWithExpectedInterval(Math.min(hiccup, histogram.getHighestTrackableValue()),
            RESOLUTION_NANOS);
        log.add(before + RESOLUTION_NANOS, hiccup);
    }
}
