package io.disruptorx.dashboard;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long the dashboard's ticks keep their thread on a CPU, from the thread's own CPU clock: each tick's whole work
 * (metrics, the pages' updates, their writes) and, apart, the parts that read the metrics registry and that write
 * the updates to the pages' sockets, counted in buckets by {@link #BOUNDS_MICROS}, with their sums and maxima. On a
 * host whose cores the venue fills, what a background thread costs the venue may be the length of its bursts (a
 * thread on a core keeps it until it blocks), not only its CPU per second: this is the burst length. The building of
 * the pages' updates (without the metrics reading) is counted apart too. Written by the
 * ticking thread only, read by anyone ({@link #snapshot()}); {@link #describe} prints the difference of two
 * snapshots.
 */
public final class TickTimes
{
    /** Upper bounds of the buckets in microseconds; the last bucket is everything above the last bound. */
    static final long[] BOUNDS_MICROS = {25, 50, 100, 200, 400, 800, 1_600, 3_200};
    /** {@link #snapshot()}'s fields per kind: the buckets, then count, sum (ns) and max (ns). */
    public static final int FIELDS = BOUNDS_MICROS.length + 4;
    private static final int TICK = 0;
    private static final int READ = 1;
    private static final int WRITE = 2;
    private static final int BUILD = 3;
    private static final int KINDS = 4;
    private static final int COUNT = BOUNDS_MICROS.length + 1;
    private static final int SUM = COUNT + 1;
    private static final int MAX = SUM + 1;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final AtomicLongArray values = new AtomicLongArray(KINDS * FIELDS);

    /**
     * @return the ticking thread's CPU time so far in nanoseconds (or its monotonic time where the JVM has no
     *     thread CPU clock).
     */
    static long now()
    {
        final long cpu = THREADS.getCurrentThreadCpuTime();
        return cpu < 0 ? System.nanoTime() : cpu;
    }

    /**
     * @param nanos one whole tick's CPU time.
     */
    void tick(final long nanos)
    {
        record(TICK, nanos);
    }

    /**
     * @param nanos one metrics reading's CPU time (part of a tick's).
     */
    void read(final long nanos)
    {
        record(READ, nanos);
    }

    /**
     * @param nanos one tick's writes to the pages' sockets (part of a tick's).
     */
    void write(final long nanos)
    {
        record(WRITE, nanos);
    }

    /**
     * @param nanos one tick's building of the pages' updates (part of a tick's; the metrics reading not included).
     */
    void build(final long nanos)
    {
        record(BUILD, nanos);
    }

    private void record(final int kind, final long nanos)
    {
        final int base = kind * FIELDS;
        int bucket = 0;
        while (bucket < BOUNDS_MICROS.length && nanos > BOUNDS_MICROS[bucket] * 1_000L)
        {
            bucket++;
        }
        values.lazySet(base + bucket, values.get(base + bucket) + 1);
        values.lazySet(base + COUNT, values.get(base + COUNT) + 1);
        values.lazySet(base + SUM, values.get(base + SUM) + nanos);
        if (nanos > values.get(base + MAX))
        {
            values.lazySet(base + MAX, nanos);
        }
    }

    /**
     * @return the ticks', the readings', the builds' and the writes' buckets, counts and sums so far, and their
     *     maxima since the previous snapshot (which this one starts afresh), for {@link #describe}.
     */
    public long[] snapshot()
    {
        final long[] copy = new long[values.length()];
        for (int i = 0; i < copy.length; i++)
        {
            copy[i] = (i + 1) % FIELDS == 0 ? values.getAndSet(i, 0) : values.get(i);
        }
        return copy;
    }

    /**
     * @param before a {@link #snapshot()} taken earlier.
     * @param after  the next one (its maxima are those since {@code before}).
     * @return e.g. {@code ticks cpu us: n=30 mean=412 max=1,210 [<=25 0, <=50 0, ..., >3200 0]; metrics reads
     *     n=3 mean=880 max=1,190 [...]; builds ...; writes ...}.
     */
    public static String describe(final long[] before, final long[] after)
    {
        return "ticks cpu us: " + kind(before, after, TICK) + "; metrics reads " + kind(before, after, READ) +
            "; builds " + kind(before, after, BUILD) + "; writes " + kind(before, after, WRITE);
    }

    private static String kind(final long[] before, final long[] after, final int kind)
    {
        final int base = kind * FIELDS;
        final long count = after[base + COUNT] - before[base + COUNT];
        final long sum = after[base + SUM] - before[base + SUM];
        final StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "n=%d mean=%.0f max=%.0f [", count,
            count == 0 ? 0.0 : sum / 1e3 / count, after[base + MAX] / 1e3));
        for (int bucket = 0; bucket <= BOUNDS_MICROS.length; bucket++)
        {
            out.append(bucket == 0 ? "" : ", ")
                .append(bucket < BOUNDS_MICROS.length ? "<=" + BOUNDS_MICROS[bucket] :
                    ">" + BOUNDS_MICROS[BOUNDS_MICROS.length - 1])
                .append(' ').append(after[base + bucket] - before[base + bucket]);
        }
        return out.append(']').toString();
    }
}
