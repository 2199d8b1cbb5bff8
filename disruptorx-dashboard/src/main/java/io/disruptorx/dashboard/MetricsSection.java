package io.disruptorx.dashboard;

import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics part of a dashboard update, from one reading of the metrics registry ({@link MetricsReading}): latency
 * quantiles of the last window per stage in microseconds, rates per second since the previous reading, ring
 * capacity and back-pressure, journal, snapshot and feed figures, gateway sessions and rejects by reason.
 * Keeps the previous reading's counters for the rates; used by one thread.
 */
final class MetricsSection
{
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MICROS_PER_SECOND = 1e6;

    private double lastCommands = Double.NaN;
    private double lastReports = Double.NaN;
    private double lastTrades = Double.NaN;
    private double lastMarketData = Double.NaN;
    private long lastNanos;

    /**
     * @param reading   the registry, read now.
     * @param nowNanos  when it was read ({@link System#nanoTime()} or a test's clock).
     * @return the JSON object.
     */
    String build(final MetricsReading reading, final long nowNanos)
    {
        final StringBuilder out = new StringBuilder(1024).append('{');
        latency(out, reading);
        rates(out, reading, nowNanos);
        out.append(",\"ring\":{\"in\":[");
        Json.number(out, reading.value("dx_input_ring_remaining")).append(',');
        Json.number(out, reading.value("dx_input_ring_slots")).append("],\"out\":[");
        Json.number(out, reading.value("dx_output_ring_remaining")).append(',');
        Json.number(out, reading.value("dx_output_ring_slots")).append("],\"full\":");
        Json.number(out, reading.sum("dx_input_ring_full_total")).append('}');
        out.append(",\"journal\":{\"bytes\":");
        Json.number(out, reading.value("dx_journal_bytes")).append(",\"durable\":");
        Json.number(out, reading.value("dx_journal_durable_sequence")).append(",\"applied\":");
        Json.number(out, reading.value("dx_engine_applied_sequence")).append(",\"lag\":");
        Json.number(out, reading.value("dx_journal_lag")).append(",\"usable\":");
        Json.number(out, reading.value("dx_journal_usable_bytes")).append(",\"forceP99\":");
        Json.number(out, reading.quantile("dx_journal_force_window_seconds", "", 0.99) * MICROS_PER_SECOND)
            .append(",\"failed\":");
        Json.number(out, reading.value("dx_journal_failed")).append('}');
        out.append(",\"snap\":{\"written\":");
        Json.number(out, reading.sum("dx_snapshots_written_total")).append(",\"failed\":");
        Json.number(out, reading.sum("dx_snapshot_failures_total")).append('}');
        out.append(",\"feed\":{\"published\":");
        Json.number(out, reading.sum("dx_feed_messages_published_total")).append(",\"subscribers\":")
            .append(reading.labelValues("dx_feed_client_messages_delivered_total", "subscriber").size())
            .append(",\"gaps\":");
        Json.number(out, reading.sum("dx_feed_client_gaps_total")).append(",\"filled\":");
        Json.number(out, reading.sum("dx_feed_client_gaps_filled_total")).append(",\"retransmitted\":");
        Json.number(out, reading.sum("dx_feed_messages_retransmitted_total")).append('}');
        out.append(",\"sessions\":");
        object(out, reading.sessions());
        out.append(",\"rejects\":");
        object(out, reading.byLabel("dx_orders_rejected_total", "reason"));
        cluster(out, reading);
        return out.append('}').toString();
    }

    /**
     * The cluster member's figures, when the registry is a member's ({@code dx_cluster_*}): its id, its role now,
     * whether it runs, an election in progress, the leadership term, commit and last snapshot positions, elections.
     */
    private static void cluster(final StringBuilder out, final MetricsReading reading)
    {
        final Map<String, Double> roles = reading.byLabel("dx_cluster_role", "role");
        if (roles.isEmpty())
        {
            return;
        }
        String role = "none";
        for (final Map.Entry<String, Double> entry : roles.entrySet())
        {
            if (entry.getValue() >= 1)
            {
                role = entry.getKey();
            }
        }
        out.append(",\"cluster\":{\"member\":");
        Json.string(out, String.join(",", reading.labelValues("dx_cluster_role", "member"))).append(",\"role\":");
        Json.string(out, role).append(",\"running\":");
        Json.number(out, reading.sum("dx_cluster_member_running")).append(",\"electing\":");
        Json.number(out, reading.sum("dx_cluster_election_in_progress")).append(",\"term\":");
        Json.number(out, reading.sum("dx_cluster_leadership_term_id")).append(",\"commit\":");
        Json.number(out, reading.sum("dx_cluster_commit_position_bytes")).append(",\"snapshot\":");
        Json.number(out, reading.sum("dx_cluster_last_snapshot_position_bytes")).append(",\"elections\":");
        Json.number(out, reading.sum("dx_cluster_elections_total")).append('}');
    }

    private static void latency(final StringBuilder out, final MetricsReading reading)
    {
        out.append("\"lat\":{\"order_to_report\":");
        quantiles(out, reading, "dx_order_to_report_latency_window_seconds", "");
        for (final String stage : reading.labelValues("dx_stage_latency_window_seconds", "stage"))
        {
            out.append(',');
            Json.string(out, stage).append(':');
            quantiles(out, reading, "dx_stage_latency_window_seconds", stage);
        }
        out.append('}');
    }

    private static void quantiles(final StringBuilder out, final MetricsReading reading, final String name,
        final String stage)
    {
        out.append('[');
        Json.number(out, reading.quantile(name, stage, 0.5) * MICROS_PER_SECOND).append(',');
        Json.number(out, reading.quantile(name, stage, 0.99) * MICROS_PER_SECOND).append(',');
        Json.number(out, reading.quantile(name, stage, 0.999) * MICROS_PER_SECOND).append(']');
    }

    private void rates(final StringBuilder out, final MetricsReading reading, final long nowNanos)
    {
        final double commands = reading.value("dx_engine_applied_sequence");
        final double reports = reading.sum("dx_order_reports_total");
        final double trades = reading.sum("dx_trades_total");
        final double marketData = reading.sum("dx_market_data_messages_total");
        final double seconds = (nowNanos - lastNanos) / NANOS_PER_SECOND;
        out.append(",\"rate\":{\"commands\":");
        Json.number(out, rate(commands, lastCommands, seconds)).append(",\"reports\":");
        Json.number(out, rate(reports, lastReports, seconds)).append(",\"trades\":");
        Json.number(out, rate(trades, lastTrades, seconds)).append(",\"md\":");
        Json.number(out, rate(marketData, lastMarketData, seconds)).append('}');
        lastCommands = commands;
        lastReports = reports;
        lastTrades = trades;
        lastMarketData = marketData;
        lastNanos = nowNanos;
    }

    private static double rate(final double now, final double before, final double seconds)
    {
        return Double.isNaN(before) || seconds <= 0 ? Double.NaN : Math.max(0, Math.round((now - before) / seconds));
    }

    private static void object(final StringBuilder out, final Map<String, Double> values)
    {
        out.append('{');
        boolean first = true;
        for (final Map.Entry<String, Double> entry : new TreeMap<>(values).entrySet())
        {
            out.append(first ? "" : ",");
            Json.string(out, entry.getKey()).append(':');
            Json.number(out, entry.getValue());
            first = false;
        }
        out.append('}');
    }
}
