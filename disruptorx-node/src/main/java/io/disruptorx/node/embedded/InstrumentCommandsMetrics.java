package io.disruptorx.node.embedded;

import java.util.concurrent.atomic.AtomicLongArray;

import io.disruptorx.core.metrics.MetricsRegistry;

/**
 * The commands-per-instrument series every engine host exports alike, the embedded node and a cluster member: the
 * load {@code dx shard plan --metrics} reads ({@code InstrumentRates}).
 */
public final class InstrumentCommandsMetrics
{
    private InstrumentCommandsMetrics()
    {
    }

    /**
     * Registers {@code dx_instrument_commands_total{instrument="ID"}} (commands per instrument id, a series for each
     * id counted at least once) and {@code dx_instrument_commands_limit} (ids counted are below it; always present,
     * so a reader tells a host that counted nothing yet from a page without the counters).
     *
     * @param metrics    where.
     * @param counts     commands counted per instrument id, indexed by id (written by one thread, read when
     *                   scraped).
     * @param labelPairs fixed labels (the shard, when several hosts share one registry).
     */
    public static void register(final MetricsRegistry metrics, final AtomicLongArray counts,
        final String... labelPairs)
    {
        metrics.counterArray("dx_instrument_commands_total",
            "Commands per instrument id, each counted once on the instrument its first event names", "instrument",
            counts, labelPairs);
        final long limit = counts.length();
        metrics.gauge("dx_instrument_commands_limit", "Instrument ids counted per instrument are below this",
            () -> limit, labelPairs);
    }
}
