package io.disruptorx.bench.gateway;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.shard.ShardLinkServer;
import io.disruptorx.shard.link.RemoteShardClient;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.venue.ShardedVenueClient;

/**
 * Two shards as {@code dx shard-host} runs them (an embedded node serving its venue over the shard link on loopback)
 * and the venue client {@code dx shard-gateway} puts in front of them: a {@link ShardedVenueClient} over one
 * {@link RemoteShardClient} per shard, routing by the initial routing table. The bench's instrument and accounts are
 * set up ({@link GatewayQuickBench#setUp}) on the shard that owns the instrument, all in this process.
 */
final class ShardBenchVenue implements AutoCloseable
{
    private static final long CONNECT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int INSTRUMENT = 1;

    private final EmbeddedNode[] nodes = new EmbeddedNode[2];
    private final ShardLinkServer[] links = new ShardLinkServer[2];
    private final RoutingTable table = RoutingTable.initial(List.of("shard-0", "shard-1"), 64);
    private final GatewayConfig config;

    /**
     * @param directory each shard's data goes into {@code shard-N} under it.
     * @param policy    the shards' journal force policy.
     */
    ShardBenchVenue(final Path directory, final ForcePolicy policy)
    {
        try
        {
            for (int i = 0; i < nodes.length; i++)
            {
                final NodeConfig shard = config(directory.resolve("shard-" + i), policy);
                nodes[i] = EmbeddedNode.start(shard, null, null);
                links[i] = new ShardLinkServer(nodes[i], shard, new InetSocketAddress("127.0.0.1", 0));
            }
            config = GatewayQuickBench.setUp(nodes[owner()]);
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    static NodeConfig config(final Path directory, final ForcePolicy policy)
    {
        return NodeConfig.defaults(directory).withForcePolicy(policy, 1_000_000L).withSnapshotEvery(0, 0);
    }

    /**
     * @return a new sharded client connected to both shards' links; the gateway that takes it closes it.
     */
    ShardedVenueClient connect()
    {
        return new ShardedVenueClient(table, connectLinks());
    }

    /**
     * @return a new link to each shard, in the routing table's order.
     */
    RemoteShardClient[] connectLinks()
    {
        final RemoteShardClient[] clients = new RemoteShardClient[nodes.length];
        for (int i = 0; i < clients.length; i++)
        {
            clients[i] = RemoteShardClient.connect(links[i].address(), CONNECT_NANOS);
        }
        return clients;
    }

    /**
     * @return the routing table the shards were set up by.
     */
    RoutingTable table()
    {
        return table;
    }

    /**
     * @return the gateway settings of the bench's users and instrument.
     */
    GatewayConfig gatewayConfig()
    {
        return config;
    }

    /**
     * @return index of the shard that owns the bench's instrument.
     */
    int owner()
    {
        return table.shardOf(INSTRUMENT);
    }

    /**
     * @return how long each shard host's dry run of the move path took before it listened, in shard order.
     */
    long[] warmUpNanos()
    {
        final long[] nanos = new long[links.length];
        for (int i = 0; i < links.length; i++)
        {
            nanos[i] = links[i].warmUpNanos();
        }
        return nanos;
    }

    EmbeddedNode node(final int shard)
    {
        return nodes[shard];
    }

    @Override
    public void close()
    {
        for (int i = nodes.length - 1; i >= 0; i--)
        {
            if (links[i] != null)
            {
                links[i].close();
            }
            if (nodes[i] != null)
            {
                nodes[i].close();
            }
        }
    }
}
