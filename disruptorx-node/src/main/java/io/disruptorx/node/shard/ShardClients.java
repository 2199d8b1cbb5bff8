package io.disruptorx.node.shard;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.aeron.driver.MediaDriver;
import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.node.cluster.ClientDriver;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.link.RemoteBookSource;
import io.disruptorx.shard.link.RemoteShardClient;
import org.agrona.CloseHelper;

/**
 * The venue clients a shard gateway holds, one per shard, each opened from its shard's address in the gateway's
 * configuration: {@code HOST:PORT} is a {@code dx shard-host} (an embedded node) reached over the shard link
 * ({@link RemoteShardClient}); {@code cluster:0=HOST:PORT,1=HOST:PORT,2=HOST:PORT} is a cluster of members
 * ({@code dx cluster-node}) reached through Aeron Cluster's ingress to all of them ({@link ClusterVenueClient}, the
 * client {@code dx cluster-gateway} runs on). Both are {@link VenueClient}s, so the sharded client routes, fans out,
 * transfers and moves through either alike. The cluster clients share one embedded media driver, started with the
 * first of them and stopped by {@link #close}.
 *
 * <p>A cluster shard has no shard link, so {@link #books} does not read its books: the mover reads them through the
 * cluster engine's own events (ReadBook right behind the halt), and instruments move onto and off a cluster shard.
 */
public final class ShardClients implements AutoCloseable
{
    /** What a cluster shard's address starts with; the members' ingress endpoints follow. */
    public static final String CLUSTER = "cluster:";

    private static final int PENDING_CAPACITY = 16 * 1024;

    private final VenueClient[] clients;
    private final RemoteShardClient[] links;
    private final ClusterVenueClient[] clusters;
    private MediaDriver driver;

    private ShardClients(final int shards)
    {
        clients = new VenueClient[shards];
        links = new RemoteShardClient[shards];
        clusters = new ClusterVenueClient[shards];
    }

    /**
     * Connects to every shard, in order, waiting for each until it answers or the time is up.
     *
     * @param addresses      per shard, {@code HOST:PORT} of a shard host or {@code cluster:} and the members'
     *                       ingress endpoints.
     * @param gatewayId      the gateway's id as a client of each cluster (unique among a cluster's clients).
     * @param aeronDirectory the cluster clients' embedded media driver's directory (cleared first).
     * @param timeoutNanos   longest wait for each shard.
     * @return the connected clients.
     * @throws IllegalStateException when a shard does not answer in time (the others are closed).
     */
    public static ShardClients connect(
        final List<String> addresses, final long gatewayId, final Path aeronDirectory, final long timeoutNanos)
    {
        final ShardClients shards = new ShardClients(addresses.size());
        try
        {
            for (int i = 0; i < addresses.size(); i++)
            {
                final String address = addresses.get(i).trim();
                if (isCluster(address))
                {
                    shards.clusters[i] = shards.cluster(address.substring(CLUSTER.length()), gatewayId,
                        aeronDirectory, timeoutNanos);
                    shards.clients[i] = shards.clusters[i];
                }
                else
                {
                    shards.links[i] = RemoteShardClient.connect(link(address), timeoutNanos);
                    shards.clients[i] = shards.links[i];
                }
            }
            return shards;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(shards.clients);
            shards.close();
            throw ex;
        }
    }

    /**
     * @param address a shard's address.
     * @return whether it names a cluster's members.
     */
    public static boolean isCluster(final String address)
    {
        return address.startsWith(CLUSTER);
    }

    private ClusterVenueClient cluster(
        final String ingress, final long gatewayId, final Path aeronDirectory, final long timeoutNanos)
    {
        if (driver == null)
        {
            driver = ClientDriver.launch(aeronDirectory);
        }
        final ClusterClientConfig config = ClusterClientConfig.of(gatewayId, ingress, driver.aeronDirectoryName())
            .withPendingCapacity(PENDING_CAPACITY);
        final ClusterVenueClient client = ClusterVenueClient.create(config);
        if (!client.awaitConnected(timeoutNanos))
        {
            client.close();
            throw new IllegalStateException("no session with the cluster " + ingress + " within " +
                TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
        }
        return client;
    }

    /**
     * @return one client per shard, in the routing table's order; the sharded client that takes them closes them.
     */
    public VenueClient[] clients()
    {
        return clients.clone();
    }

    /**
     * @return what the mover reads books with: the shard links; a cluster shard has none (the mover reads its books
     * through the engine's events).
     */
    public RemoteBookSource books()
    {
        return new RemoteBookSource(links);
    }

    /**
     * @param shard index.
     * @return whether its link is up or its cluster session open (any thread).
     */
    public boolean connected(final int shard)
    {
        return clusters[shard] != null ? clusters[shard].sessionOpen() : links[shard].connected();
    }

    /**
     * @param shard index.
     * @return the cluster client of a cluster shard (its counters, its leader), else {@code null}.
     */
    public ClusterVenueClient cluster(final int shard)
    {
        return clusters[shard];
    }

    /**
     * @param shard index.
     * @return what the shard is, for the gateway's output.
     */
    public String describe(final int shard)
    {
        if (clusters[shard] != null)
        {
            final int leader = clusters[shard].leaderMemberId();
            return "a cluster (" + (leader >= 0 ? "member " + leader + " leads" : "no session") + ")";
        }
        return links[shard].toString();
    }

    /**
     * Closes the cluster clients (again, if the sharded client did) and then their media driver.
     */
    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(clusters);
        CloseHelper.quietClose(driver);
        driver = null;
    }

    private static InetSocketAddress link(final String hostPort)
    {
        final int colon = hostPort.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException("a shard is HOST:PORT or cluster:0=HOST:PORT,1=...; was " + hostPort);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
