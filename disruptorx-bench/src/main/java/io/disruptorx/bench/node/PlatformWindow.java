package io.disruptorx.bench.node;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * What the platform did during a leg's measured window: the {@link HiccupMeter}'s hiccups, the JVM's garbage
 * collections (count and time, from the {@link GarbageCollectorMXBean}s), and, once the leg has its stall logs, the
 * longest stalls of the node thread with how much of each the meter and the producer also saw. A node stall that
 * the meter saw too was the platform's (every thread was held up); one that the producer's send lag covers was the
 * producer's (nothing was sent); what neither covers was the node's own.
 */
public final class PlatformWindow
{
    /** Longest node stalls listed. */
    static final int LISTED = 5;
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final HiccupMeter meter;
    private final long gcCountBefore;
    private final long gcMillisBefore;
    private final long startNanos;
    private final long startWallMillis;
    private long gcCount;
    private long gcMillis;

    private PlatformWindow(final HiccupMeter meter)
    {
        this.meter = meter;
        gcCountBefore = totalGcCount();
        gcMillisBefore = totalGcMillis();
        startWallMillis = System.currentTimeMillis();
        startNanos = System.nanoTime();
        meter.record();
    }

    /**
     * @param meter a running meter, which starts recording now.
     * @return the window, open.
     */
    static PlatformWindow open(final HiccupMeter meter)
    {
        return new PlatformWindow(meter);
    }

    /**
     * Ends the window (stops the meter).
     */
    void close()
    {
        meter.close();
        gcCount = totalGcCount() - gcCountBefore;
        gcMillis = totalGcMillis() - gcMillisBefore;
    }

    /**
     * @return the meter's hiccups in the window.
     */
    public LatencySummary hiccups()
    {
        return meter.summary();
    }

    /**
     * @return collections in the window.
     */
    public long gcCount()
    {
        return gcCount;
    }

    /**
     * @return their accumulated time, milliseconds.
     */
    public long gcMillis()
    {
        return gcMillis;
    }

    /**
     * @return one line: the meter's percentiles and the collections.
     */
    public String describe()
    {
        final LatencySummary h = hiccups();
        final StallLog log = meter.log();
        return String.format("hiccup meter p50=%,d p99=%,d p99.9=%,d max=%,d us, %,d hiccups >= %d ms (%,d ms in all); "
            + "GC %d collections, %,d ms", LatencySummary.micros(h.p50()), LatencySummary.micros(h.p99()),
            LatencySummary.micros(h.p999()), LatencySummary.micros(h.max()), log.count(),
            TimeUnit.NANOSECONDS.toMillis(HiccupMeter.LOGGED_NANOS), TimeUnit.NANOSECONDS.toMillis(log.totalNanos()),
            gcCount, gcMillis);
    }

    /**
     * @param node     gaps between the node thread's reports while commands were due.
     * @param producer the producer's send lags.
     * @return lines: the node's stalls in all and the {@value #LISTED} longest, each with when it began (UTC wall
     * clock, to match system traces), and how much of it the meter and the producer saw.
     */
    String stalls(final StallLog node, final StallLog producer)
    {
        final StringBuilder out = new StringBuilder(String.format("  node stalls >= %d ms: %,d (%,d ms in all, "
            + "max %,d ms); producer send lags >= %d ms: %,d (%,d ms in all, max %,d ms)",
            TimeUnit.NANOSECONDS.toMillis(NodeLatencyBench.STALL_NANOS), node.count(), millis(node.totalNanos()),
            millis(node.maxNanos()), TimeUnit.NANOSECONDS.toMillis(NodeLatencyBench.STALL_NANOS), producer.count(),
            millis(producer.totalNanos()), millis(producer.maxNanos())));
        for (int listed = 0; listed < LISTED; listed++)
        {
            final int i = node.takeLongest();
            if (i < 0)
            {
                break;
            }
            final long start = node.start(i);
            final long length = -node.length(i);
            final long end = start + length;
            out.append(String.format("%n  node stall at %s (+%,d ms): %,d us; the meter saw %,d us of it, the "
                + "producer's lag %,d us",
                WALL.format(Instant.ofEpochMilli(startWallMillis + millis(start - startNanos))),
                millis(start - startNanos), LatencySummary.micros(length),
                LatencySummary.micros(meter.log().overlap(start, end)),
                LatencySummary.micros(producer.overlap(start, end))));
        }
        return out.toString();
    }

    private static long millis(final long nanos)
    {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static long totalGcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    private static long totalGcMillis()
    {
        long millis = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            millis += Math.max(0, gc.getCollectionTime());
        }
        return millis;
    }
}
