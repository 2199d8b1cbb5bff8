package io.disruptorx.dashboard;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shards part of a dashboard update, when the registry is a shard gateway's ({@code dx_shard_*}): the routing
 * table's version, the instrument moving now, commands held during moves and new orders refused as halted while
 * their instrument moved; per shard its instruments, commands per second routed to it since the previous reading
 * and its link state. Keeps the previous reading's counters for the rates; used by one thread.
 */
final class ShardsSection
{
    private static final double NANOS_PER_SECOND = 1e9;
    private static final String SHARD = "shard";

    private final Map<String, Double> lastRouted = new HashMap<>();
    private long lastNanos;

    /**
     * Appends {@code ,"shards":{...}} when the registry has shards.
     *
     * @param out      the update being built.
     * @param reading  the registry, read now.
     * @param nowNanos when it was read.
     */
    void build(final StringBuilder out, final MetricsReading reading, final long nowNanos)
    {
        final Set<String> names = reading.labelValues("dx_shard_link_up", SHARD);
        if (names.isEmpty())
        {
            return;
        }
        final double seconds = lastNanos == 0 ? 0 : (nowNanos - lastNanos) / NANOS_PER_SECOND;
        out.append(",\"shards\":{\"version\":");
        Json.number(out, reading.value("dx_shard_routing_version")).append(",\"moving\":");
        Json.number(out, reading.value("dx_shard_moving_instrument")).append(",\"held\":");
        Json.number(out, reading.value("dx_shard_commands_held_total")).append(",\"halted\":");
        Json.number(out, reading.value("dx_shard_halted_during_moves_total")).append(",\"list\":[");
        boolean first = true;
        for (final String name : names)
        {
            final double routed = reading.sumWhere("dx_shard_commands_routed_total", SHARD, name);
            final Double before = lastRouted.put(name, routed);
            out.append(first ? "{\"name\":" : ",{\"name\":");
            Json.string(out, name).append(",\"instruments\":");
            Json.number(out, reading.sumWhere("dx_shard_instruments", SHARD, name)).append(",\"rate\":");
            Json.number(out, before == null || seconds <= 0 ? Double.NaN :
                Math.max(0, Math.round((routed - before) / seconds))).append(",\"routed\":");
            Json.number(out, routed).append(",\"link\":");
            Json.number(out, reading.sumWhere("dx_shard_link_up", SHARD, name)).append('}');
            first = false;
        }
        out.append("]}");
        lastNanos = nowNanos;
    }
}
