package io.disruptorx.shard.venue;

import java.util.function.IntPredicate;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.shard.routing.RoutingTable;

/**
 * A shard gateway's view of its shards as metrics ({@code dx_shard_*}), read from its {@link ShardedVenueClient} at
 * scrape time: per shard (label {@code shard}, the routing table's name) the instruments the table gives it, the
 * commands routed to it and whether its link is up; for the gateway the routing table's version, the instrument
 * moving now (-1 for none), the commands held back during moves and the new orders refused as halted because their
 * instrument was moving. The client's figures are its gateway thread's plain fields, read without a lock: a scrape
 * may see them a moment late, never torn.
 */
public final class ShardMetrics
{
    private ShardMetrics()
    {
    }

    /**
     * @param metrics     where to register.
     * @param client      the gateway's sharded client.
     * @param linkUp      whether shard {@code i}'s link is up (always, for a shard in the same process).
     * @param instruments the venue's instruments, counted per shard by the routing table followed now.
     */
    public static void register(
        final MetricsRegistry metrics, final ShardedVenueClient client, final IntPredicate linkUp,
        final int[] instruments)
    {
        final int[] ids = instruments.clone();
        for (int i = 0; i < client.table().shardCount(); i++)
        {
            final int shard = i;
            final String name = client.table().shardName(shard);
            metrics.gauge("dx_shard_instruments", "Instruments the routing table gives this shard now",
                () -> instrumentsOn(client, ids, shard), "shard", name);
            metrics.counter("dx_shard_commands_routed_total", "Commands the gateway routed to this shard",
                () -> client.commandsRouted(shard), "shard", name);
            metrics.gauge("dx_shard_link_up", "1 while the gateway's link to this shard is up",
                () -> linkUp.test(shard) ? 1 : 0, "shard", name);
        }
        metrics.gauge("dx_shard_routing_version", "Version of the routing table the gateway follows",
            () -> client.table().version());
        metrics.gauge("dx_shard_moving_instrument", "The instrument moving between shards now (-1: none)",
            client::movingInstrument);
        metrics.counter("dx_shard_commands_held_total", "Commands held back while their instrument moved",
            client::commandsHeld);
        metrics.counter("dx_shard_halted_during_moves_total",
            "New orders refused INSTRUMENT_HALTED because their instrument was moving", client::haltedDuringMoves);
    }

    private static long instrumentsOn(final ShardedVenueClient client, final int[] ids, final int shard)
    {
        final RoutingTable table = client.table();
        long count = 0;
        for (final int id : ids)
        {
            count += table.shardOf(id) == shard ? 1 : 0;
        }
        return count;
    }
}
