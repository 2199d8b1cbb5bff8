package io.disruptorx.core.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

/**
 * The process's JVM metrics: garbage collections and the time they took (counters), heap in use (a gauge). Read
 * from the JVM's management beans at scrape time; the beans are looked up once, at registration (looking them up
 * builds their names on every call: a twentieth of the dashboard's once-a-second metrics read).
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
        final List<GarbageCollectorMXBean> collectors = List.copyOf(ManagementFactory.getGarbageCollectorMXBeans());
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        metrics.counter("dx_jvm_gc_collections_total", "Garbage collections since start", () ->
        {
            long total = 0;
            for (final GarbageCollectorMXBean gc : collectors)
            {
                total += Math.max(0, gc.getCollectionCount());
            }
            return total;
        });
        metrics.counter("dx_jvm_gc_pause_seconds_total", "Time spent in garbage collection since start", () ->
        {
            long total = 0;
            for (final GarbageCollectorMXBean gc : collectors)
            {
                total += Math.max(0, gc.getCollectionTime());
            }
            return total;
        }, MILLIS);
        metrics.gauge("dx_jvm_heap_used_bytes", "Heap in use",
            () -> memory.getHeapMemoryUsage().getUsed());
    }
}
