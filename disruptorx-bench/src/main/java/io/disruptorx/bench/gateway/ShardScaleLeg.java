package io.disruptorx.bench.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.disruptorx.bench.node.LoadDriver;
import io.disruptorx.core.hash.ConsistentHashRing;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.venue.ShardedVenueClient;

/**
 * Aggregate orders/s of N embedded shards in one process, as {@code dx demo --shards N} runs them: N embedded nodes,
 * each with its engine and journal, behind one {@link ShardedVenueClient} that routes by instrument. The load
 * ({@link ShardVenueLoad}) offers into the sharded client without a socket in front, so the figure is the shards',
 * not a gateway's: one thread keeps a window of orders in flight over {@value #INSTRUMENTS} instruments, placed on
 * the shards evenly by routing-table overrides (as {@code dx shard plan} would balance them), so that each shard gets
 * the same share. A refused order fails the leg.
 */
final class ShardScaleLeg
{
    /** Instruments the load spreads over. */
    static final int INSTRUMENTS = 16;

    private static final int WINDOW = 8_192;
    private static final long SETUP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private ShardScaleLeg()
    {
    }

    /**
     * Starts the shards, lists the instruments and funds the two accounts, then runs a saturated load.
     *
     * @param shards    how many shards.
     * @param directory each shard's data goes into {@code shard-I} under it.
     * @param policy    the shards' journal force policy.
     * @param warmup    seconds sent but not measured.
     * @param measure   seconds measured.
     * @return orders answered per second over the measured window, all shards together.
     */
    static double run(
        final int shards, final Path directory, final ForcePolicy policy, final double warmup, final double measure)
    {
        final RoutingTable table = balanced(shards);
        final EmbeddedNode[] nodes = new EmbeddedNode[shards];
        try
        {
            final VenueClient[] venues = new VenueClient[shards];
            for (int i = 0; i < shards; i++)
            {
                nodes[i] = EmbeddedNode.start(ShardBenchVenue.config(directory.resolve("shard-" + i), policy),
                    null, null);
                setUp(nodes[i], table, i);
                venues[i] = nodes[i].newVenueClient();
            }
            try (ShardedVenueClient client = new ShardedVenueClient(table, venues))
            {
                final ShardVenueLoad load = new ShardVenueLoad(client, INSTRUMENTS);
                final double completed = new LoadDriver(load, shards + " shards", WINDOW)
                    .saturated(WINDOW, warmup, measure);
                final StringBuilder routed = new StringBuilder();
                for (int i = 0; i < shards; i++)
                {
                    routed.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "shard-%d %,d", i,
                        client.commandsRouted(i)));
                }
                System.out.printf(Locale.ROOT, "  %d shard%s: %,.0f orders/s (window %d, %d rejects; commands " +
                    "routed: %s)%n", shards, shards == 1 ? "" : "s", completed, WINDOW, load.rejects(), routed);
                if (load.rejects() > 0)
                {
                    throw new IllegalStateException(load.rejects() + " of the bench's orders were refused");
                }
                return completed;
            }
        }
        finally
        {
            for (final EmbeddedNode node : nodes)
            {
                if (node != null)
                {
                    node.close();
                }
            }
        }
    }

    /**
     * @return a table over {@code shards} shards with instrument {@code i} overridden onto shard
     * {@code (i - 1) % shards}.
     */
    static RoutingTable balanced(final int shards)
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < shards; i++)
        {
            names.add("shard-" + i);
        }
        final SortedMap<Integer, String> overrides = new TreeMap<>();
        for (int instrument = 1; instrument <= INSTRUMENTS; instrument++)
        {
            overrides.put(instrument, names.get((instrument - 1) % shards));
        }
        return RoutingTable.of(1, names, ConsistentHashRing.DEFAULT_VIRTUAL_NODES, 64, overrides);
    }

    private static void setUp(final EmbeddedNode node, final RoutingTable table, final int shard)
    {
        final NodeClient client = node.newClient(true);
        long last = 0;
        for (int instrument = 1; instrument <= INSTRUMENTS; instrument++)
        {
            if (table.shardOf(instrument) == shard)
            {
                client.addInstrument(instrument, instrument, 0, 1, 1, 2, 0, 0, 0, ShardVenueLoad.PRICE, 0, 1_000);
                for (long account = 1; account <= 2; account++)
                {
                    last = client.adjustBalance(account, instrument, Long.MAX_VALUE / 8);
                }
            }
        }
        for (long account = 1; account <= 2; account++)
        {
            last = client.adjustBalance(account, 0, Long.MAX_VALUE / 8);
        }
        final long deadline = System.nanoTime() + SETUP_NANOS;
        while (node.appliedSequence() < last)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("shard-" + shard + " did not apply its set-up");
            }
            Thread.yield();
        }
    }
}
