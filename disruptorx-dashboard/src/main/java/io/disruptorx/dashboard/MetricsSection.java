package io.disruptorx.dashboard;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metrics part of a dashboard update, from one reading of the metrics registry ({@link MetricsReading}): latency
 * quantiles of the last window per stage in microseconds, rates per second since the previous reading, ring
 * capacity and back-pressure, journal, snapshot and feed figures, gateway sessions and rejects by reason, and the
 * cluster's members or the shards when the registry has them ({@link ShardsSection}).
 * Keeps the previous reading's counters for the rates; used by one thread.
 */
final class MetricsSection
{
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MICROS_PER_SECOND = 1e6;
    private static final String MEMBER = "member";
    private static final int JSON_CAPACITY = 4096;

    private final ShardsSection shards = new ShardsSection();
    private final StringBuilder out = new StringBuilder(JSON_CAPACITY);
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
        out.setLength(0);
        out.append('{');
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
        shards.build(out, reading, nowNanos);
        return out.append('}').toString();
    }

    /**
     * The cluster's figures, when the registry has cluster members' metrics ({@code dx_cluster_*}, one member on a
     * member's own page, several where the members of a host are read together): the members' ids, their roles,
     * how many run and are electing, the highest term, commit and snapshot positions and elections, and each member
     * side by side ({@link #members}).
     */
    private static void cluster(final StringBuilder out, final MetricsReading reading)
    {
        final Set<String> ids = reading.labelValues("dx_cluster_role", "member");
        if (ids.isEmpty())
        {
            return;
        }
        final StringBuilder roles = new StringBuilder();
        for (final String id : ids)
        {
            roles.append(roles.length() == 0 ? "" : ",").append(role(reading, id));
        }
        out.append(",\"cluster\":{\"member\":");
        Json.string(out, String.join(",", ids)).append(",\"role\":");
        Json.string(out, roles.toString()).append(",\"running\":");
        Json.number(out, reading.sum("dx_cluster_member_running")).append(",\"electing\":");
        Json.number(out, reading.sum("dx_cluster_election_in_progress")).append(",\"term\":");
        Json.number(out, highest(reading, "dx_cluster_leadership_term_id", ids)).append(",\"commit\":");
        Json.number(out, highest(reading, "dx_cluster_commit_position_bytes", ids)).append(",\"snapshot\":");
        Json.number(out, highest(reading, "dx_cluster_last_snapshot_position_bytes", ids)).append(",\"elections\":");
        Json.number(out, highest(reading, "dx_cluster_elections_total", ids));
        members(out, reading, ids);
        out.append('}');
    }

    /**
     * Each member: id, role, running, reachable (0 or 1 where the members are asked over the network, null where
     * they are read on their host), electing, term, commit position, lag (bytes behind the highest commit position
     * of the running members; null when it does not run), last snapshot position, elections.
     */
    private static void members(final StringBuilder out, final MetricsReading reading, final Set<String> ids)
    {
        double front = Double.NaN;
        for (final String id : ids)
        {
            if (reading.sumWhere("dx_cluster_member_running", MEMBER, id) >= 1)
            {
                final double commit = reading.sumWhere("dx_cluster_commit_position_bytes", MEMBER, id);
                front = Double.isNaN(front) ? commit : Math.max(front, commit);
            }
        }
        out.append(",\"members\":[");
        boolean first = true;
        for (final String id : ids)
        {
            final double running = reading.sumWhere("dx_cluster_member_running", MEMBER, id);
            final double commit = reading.sumWhere("dx_cluster_commit_position_bytes", MEMBER, id);
            out.append(first ? "{\"id\":" : ",{\"id\":");
            Json.string(out, id).append(",\"role\":");
            Json.string(out, role(reading, id)).append(",\"running\":");
            Json.number(out, running).append(",\"reachable\":");
            Json.number(out, reading.sumWhere("dx_cluster_member_reachable", MEMBER, id)).append(",\"electing\":");
            Json.number(out, reading.sumWhere("dx_cluster_election_in_progress", MEMBER, id)).append(",\"term\":");
            Json.number(out, reading.sumWhere("dx_cluster_leadership_term_id", MEMBER, id)).append(",\"commit\":");
            Json.number(out, commit).append(",\"lag\":");
            Json.number(out, running >= 1 ? Math.max(0, front - commit) : Double.NaN).append(",\"snapshot\":");
            Json.number(out, reading.sumWhere("dx_cluster_last_snapshot_position_bytes", MEMBER, id))
                .append(",\"elections\":");
            Json.number(out, reading.sumWhere("dx_cluster_elections_total", MEMBER, id)).append('}');
            first = false;
        }
        out.append(']');
    }

    private static String role(final MetricsReading reading, final String id)
    {
        for (final Map.Entry<String, Double> entry :
            reading.byLabelWhere("dx_cluster_role", "role", MEMBER, id).entrySet())
        {
            if (entry.getValue() >= 1)
            {
                return entry.getKey();
            }
        }
        return "none";
    }

    private static double highest(final MetricsReading reading, final String name, final Set<String> ids)
    {
        double highest = Double.NaN;
        for (final String id : ids)
        {
            final double value = reading.sumWhere(name, MEMBER, id);
            highest = Double.isNaN(highest) || value > highest ? value : highest;
        }
        return highest;
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
