package io.disruptorx.cluster.client;

import java.time.Duration;
import java.util.Arrays;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;

/**
 * Settings of a {@link ClusterVenueClient}.
 *
 * @param gatewayId          this gateway's id, stable across restarts and unique among the cluster's clients.
 * @param incarnation        differs each time the gateway process starts (the cluster then forgets the previous
 *                           incarnation's command sequences); for example the start time in nanoseconds.
 * @param ingressEndpoints   every member's ingress, {@code 0=host:port,1=host:port,...}.
 * @param aeronDirectory     the media driver this client uses.
 * @param egressChannel      where the cluster sends this client's events, e.g.
 *                           {@code aeron:udp?endpoint=localhost:0}.
 * @param accounts           ascending account ids whose events this gateway receives, or null for every account.
 * @param cancelOnDisconnect cancel every open order of {@code accounts} when this gateway stays disconnected this
 *                           long (a dead-man switch), or {@link Duration#ZERO} for never.
 * @param pendingCapacity    commands taken and not yet acknowledged, a power of two; beyond it
 *                           {@code offer} reports back-pressure.
 * @param resendAfter        with commands unacknowledged or events missing and no progress for this long, ask
 *                           the cluster for the events again and re-send the commands.
 * @param keepAliveInterval  an otherwise silent client sends a keep-alive this often.
 * @param connectTimeout     how long one connection attempt may take before the next begins.
 */
public record ClusterClientConfig(
    long gatewayId,
    long incarnation,
    String ingressEndpoints,
    String aeronDirectory,
    String egressChannel,
    long[] accounts,
    Duration cancelOnDisconnect,
    int pendingCapacity,
    Duration resendAfter,
    Duration keepAliveInterval,
    Duration connectTimeout)
{
    /**
     * Validates and copies.
     */
    public ClusterClientConfig
    {
        if (ingressEndpoints == null || ingressEndpoints.isBlank())
        {
            throw new IllegalArgumentException("ingress endpoints must be set");
        }
        if (aeronDirectory == null || aeronDirectory.isBlank())
        {
            throw new IllegalArgumentException("aeron directory must be set");
        }
        if (accounts != null)
        {
            accounts = accounts.clone();
            Arrays.sort(accounts);
        }
        if (cancelOnDisconnect == null || cancelOnDisconnect.isNegative())
        {
            throw new IllegalArgumentException("cancel-on-disconnect must be zero or positive");
        }
        if (!cancelOnDisconnect.isZero() && accounts == null)
        {
            throw new IllegalArgumentException("cancel-on-disconnect needs the gateway's accounts");
        }
        if (Integer.bitCount(pendingCapacity) != 1)
        {
            throw new IllegalArgumentException("pending capacity must be a power of two, was " + pendingCapacity);
        }
    }

    /**
     * @param gatewayId        the gateway.
     * @param ingressEndpoints the members' ingress endpoints.
     * @param aeronDirectory   the client's media driver.
     * @return every account, no cancel-on-disconnect, 4,096 pending commands, re-send after 1 s, keep-alive every
     * 500 ms, 2 s per connection attempt, egress on an ephemeral loopback port, incarnation from the clock.
     */
    public static ClusterClientConfig of(
        final long gatewayId, final String ingressEndpoints, final String aeronDirectory)
    {
        final long incarnation = System.currentTimeMillis() * 1_000_000L + (System.nanoTime() & 0xFFFFF);
        return new ClusterClientConfig(gatewayId, incarnation, ingressEndpoints, aeronDirectory,
            "aeron:udp?endpoint=localhost:0", null, Duration.ZERO, 4096, Duration.ofSeconds(1), Duration.ofMillis(500),
            Duration.ofSeconds(2));
    }

    /**
     * @param accounts ascending account ids.
     * @param cancelOnDisconnect dead-man switch delay, or zero.
     * @return a copy serving those accounts.
     */
    public ClusterClientConfig withAccounts(final long[] accounts, final Duration cancelOnDisconnect)
    {
        return new ClusterClientConfig(gatewayId, incarnation, ingressEndpoints, aeronDirectory, egressChannel,
            accounts, cancelOnDisconnect, pendingCapacity, resendAfter, keepAliveInterval, connectTimeout);
    }

    /**
     * @param capacity pending commands, a power of two.
     * @return a copy with that capacity.
     */
    public ClusterClientConfig withPendingCapacity(final int capacity)
    {
        return new ClusterClientConfig(gatewayId, incarnation, ingressEndpoints, aeronDirectory, egressChannel,
            accounts, cancelOnDisconnect, capacity, resendAfter, keepAliveInterval, connectTimeout);
    }

    /**
     * @param aeron the client's Aeron client (kept open when the session closes).
     * @return the context of a session with the cluster, without an egress listener.
     */
    public AeronCluster.Context clusterContext(final Aeron aeron)
    {
        return new AeronCluster.Context()
            .aeron(aeron)
            .ownsAeronClient(false)
            .ingressChannel("aeron:udp")
            .ingressEndpoints(ingressEndpoints)
            .egressChannel(egressChannel)
            .messageTimeoutNs(connectTimeout.toNanos());
    }
}
