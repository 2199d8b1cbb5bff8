package io.disruptorx.node.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.protocol.sbe.event.RejectReason;

/**
 * The node's counters and gauges: journal, engine, rings, deliveries, snapshots, failures and free space, read from
 * the parts that own them (racily, for monitoring) each time {@code /metrics} is scraped. Counts their owners keep
 * are exposed as counters ({@code _total}), levels as gauges.
 */
final class NodeMetrics
{
    private NodeMetrics()
    {
    }

    /**
     * The parts of a node the gauges read.
     *
     * @param journalDirectory where the journal lives (for its free space).
     * @param journal          the journal step.
     * @param engineStep       the engine step.
     * @param rings            the rings.
     * @param reports          the execution report consumer.
     * @param marketData       the market data consumer.
     * @param snapshotter      the snapshotter.
     * @param engine           the engine.
     * @param config           the node's settings (ring sizes).
     */
    record Parts(
        Path journalDirectory,
        JournalStep journal,
        EngineStep engineStep,
        NodeRings rings,
        ExecutionReportHandler reports,
        MarketDataHandler marketData,
        Snapshotter snapshotter,
        MatchingEngine engine,
        NodeConfig config)
    {
    }

    /**
     * @param metrics the node's registry.
     * @param parts   what the gauges read.
     */
    static void register(final MetricsRegistry metrics, final Parts parts)
    {
        final JournalStep journal = parts.journal();
        final EngineStep engineStep = parts.engineStep();
        metrics.gauge("dx_journal_bytes", "Journal bytes on disk", journal::journalBytes);
        metrics.gauge("dx_journal_durable_sequence", "Last command forced to the journal", journal::durableSequence);
        metrics.gauge("dx_engine_applied_sequence", "Last command applied by the engine", engineStep::appliedSequence);
        metrics.gauge("dx_journal_lag", "Commands journalled but not yet applied",
            () -> journal.durableSequence() - engineStep.appliedSequence());
        metrics.gauge("dx_input_ring_remaining", "Free slots in the input ring",
            parts.rings().inputRing()::remainingCapacity);
        metrics.gauge("dx_output_ring_remaining", "Free slots in the output ring",
            parts.rings().outputRing()::remainingCapacity);
        final long inputSlots = parts.config().inputRingSize();
        final long outputSlots = parts.config().outputRingSize();
        metrics.gauge("dx_input_ring_slots", "Slots of the input ring", () -> inputSlots);
        metrics.gauge("dx_output_ring_slots", "Slots of the output ring", () -> outputSlots);
        metrics.counter("dx_order_reports_total", "Order execution reports delivered", parts.reports()::orderReports);
        metrics.counter("dx_trades_total", "Trades delivered", parts.reports()::trades);
        InstrumentCommandsMetrics.register(metrics, parts.reports().commandsByInstrument());
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NULL_VAL)
            {
                final int code = reason.value();
                metrics.counter("dx_orders_rejected_total", "New orders the engine rejected, by reason",
                    () -> parts.reports().rejects(code), "reason", reason.name().toLowerCase(Locale.ROOT));
            }
        }
        metrics.counter("dx_market_data_messages_total", "Market data messages handed to the feed",
            parts.marketData()::messages);
        metrics.counter("dx_snapshots_written_total", "Snapshots written", parts.snapshotter()::written);
        metrics.counter("dx_snapshot_failures_total", "Snapshots that failed", parts.snapshotter()::failures);
        metrics.counter("dx_journal_segment_deletion_failures_total", "Failed deletions of covered journal segments",
            journal::deletionFailures);
        metrics.counter("dx_journal_segment_preparation_failures_total",
            "Journal segments that could not be prepared ahead of the roll", journal::preparationFailures);
        final FileStore store = fileStore(parts.journalDirectory());
        metrics.gauge("dx_journal_usable_bytes", "Bytes free for the journal on its file system",
            () -> usableBytes(store));
        metrics.gauge("dx_journal_failed",
            "1 once the journal failed (append, roll or force) and the node stopped applying commands",
            () -> journal.failure() == null ? 0 : 1);
        metrics.counter("dx_handler_errors_total", "Exceptions from ring handlers", parts.rings()::handlerErrors);
        metrics.gauge("dx_engine_resting_orders", "Resting orders (read racily, for monitoring)",
            parts.engine()::restingOrderCount);
    }

    private static FileStore fileStore(final Path directory)
    {
        try
        {
            return Files.getFileStore(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot find the file system of " + directory, ex);
        }
    }

    private static long usableBytes(final FileStore store)
    {
        try
        {
            return store.getUsableSpace();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }
}
