package io.disruptorx.core.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The process's JVM metrics: garbage collections and the time they took (counters), heap in use (a gauge). Read
 * from the JVM's management beans at scrape time.
 */
public final class JvmMetrics
{
    private static final double MILLIS = 0.001;

    private JvmMetrics()
    {
    }

    /**
     * @param metrics where to register them (once per registry).
     */
    public static void register(final MetricsRegistry metrics)
    {
        metrics.counter("dx_jvm_gc_collections_total", "Garbage collections since start", () ->
        {
            long total = 0;
            for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
            {
                total += Math.max(0, gc.getCollectionCount());
            }
            return total;
        });
        metrics.counter("dx_jvm_gc_pause_seconds_total", "Time spent in garbage collection since start", () ->
        {
            long total = 0;
            for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
            {
                total += Math.max(0, gc.getCollectionTime());
            }
            return total;
        }, MILLIS);
        metrics.gauge("dx_jvm_heap_used_bytes", "Heap in use",
            () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
}
