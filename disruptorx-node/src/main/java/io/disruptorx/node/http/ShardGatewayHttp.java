package io.disruptorx.node.http;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.IntPredicate;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.shard.venue.ShardMetrics;
import io.disruptorx.shard.venue.ShardedVenueClient;

/**
 * A shard gateway's HTTP server ({@code dx shard-gateway --http}, {@code dx demo --shards N}): {@code /metrics} with
 * its {@code dx_shard_*} series ({@link ShardMetrics}) and whatever else its registry holds (its gateways' sessions),
 * {@code /health} and the dashboard, whose shard card shows each shard's instruments, commands per second and link,
 * and the moves. The gateway has no market data feed of its own: the page shows no book or tape.
 */
public final class ShardGatewayHttp
{
    private ShardGatewayHttp()
    {
    }

    /**
     * @param address     where to listen (port 0 picks a free port).
     * @param metrics     the gateway's registry; the shard series are added to it.
     * @param client      the gateway's sharded client.
     * @param linkUp      whether shard {@code i}'s link is up.
     * @param instruments the venue's instruments.
     * @return the running server.
     * @throws java.io.UncheckedIOException when it cannot listen, naming the address.
     */
    public static NodeHttpServer serve(final InetSocketAddress address, final MetricsRegistry metrics,
        final ShardedVenueClient client, final IntPredicate linkUp, final int[] instruments)
    {
        ShardMetrics.register(metrics, client, linkUp, instruments);
        final int shards = client.table().shardCount();
        return NodeApi.serveWithDashboard(address, metrics, () -> health(shards, linkUp), Map.of());
    }

    /**
     * @return {@code {"status":"UP","shards":2,"linksUp":2}}; {@code DOWN} while a shard's link is down.
     */
    static String health(final int shards, final IntPredicate linkUp)
    {
        int up = 0;
        for (int i = 0; i < shards; i++)
        {
            up += linkUp.test(i) ? 1 : 0;
        }
        return "{\"status\":\"" + (up == shards ? "UP" : "DOWN") + "\",\"shards\":" + shards + ",\"linksUp\":" + up +
            "}";
    }
}
