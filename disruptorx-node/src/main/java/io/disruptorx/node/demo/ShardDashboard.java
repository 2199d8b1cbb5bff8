package io.disruptorx.node.demo;

import java.net.InetSocketAddress;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.http.NodeHttpServer;
import io.disruptorx.node.http.ShardGatewayHttp;
import io.disruptorx.shard.venue.ShardMetrics;
import io.disruptorx.shard.venue.ShardedVenueClient;

/**
 * The HTTP server of {@code dx demo --shards N} on loopback: {@code /metrics} with the shard gateway's
 * {@code dx_shard_*} series ({@link ShardMetrics}; every shard runs in this process, so its link is always up),
 * each shard's commands per instrument ({@code dx_instrument_commands_total{instrument="ID",shard="shard-I"}}, what
 * {@code dx shard plan --metrics} reads), {@code /health} and the dashboard, whose shard card shows each shard's
 * instruments, commands per second and link, and the moves. The dashboard has no feed subscriber here: no book or tape.
 */
final class ShardDashboard
{
    private ShardDashboard()
    {
    }

    /**
     * @param port        the port on 127.0.0.1 (0 for any free port).
     * @param client      the shard gateway's client.
     * @param instruments the demo's instruments, 1 to this.
     * @param nodes       the shards' nodes, in the routing table's shard order.
     * @return the running server.
     * @throws java.io.UncheckedIOException when it cannot listen.
     */
    static NodeHttpServer serve(final int port, final ShardedVenueClient client, final int instruments,
        final EmbeddedNode[] nodes)
    {
        final MetricsRegistry metrics = new MetricsRegistry();
        for (int i = 0; i < nodes.length; i++)
        {
            nodes[i].exportInstrumentCommands(metrics, "shard", client.table().shardName(i));
        }
        final int[] ids = new int[instruments];
        for (int i = 0; i < instruments; i++)
        {
            ids[i] = i + 1;
        }
        return ShardGatewayHttp.serve(new InetSocketAddress("127.0.0.1", port), metrics, client,
            shard -> true, ids);
    }
}
