package io.disruptorx.node.cluster;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

import io.disruptorx.cluster.client.ClientCounters;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.node.http.NodeHttpServer;
import io.disruptorx.node.venue.NodeGateways;

/**
 * What {@code dx cluster-gateway --http HOST:PORT} serves: {@code /metrics} with the gateway's counters (label
 * {@code gateway="binary"}, as on {@code dx node}), its cluster client's ({@code dx_cluster_client_*}: session
 * open, leader, sessions, leader changes, Aeron errors, media driver losses, commands re-sent, event gaps, resend
 * requests, events delivered, lost and received twice) and the JVM's; {@code /health}, {@code UP} (200) while
 * the gateway has a cluster session (503 otherwise, so a readiness probe keeps clients away from a gateway that
 * could only reject); and {@code /api/gateway}, the same as JSON whatever the state.
 */
public final class ClusterGatewayHttp
{
    private final long gatewayId;
    private final ClusterVenueClient venue;

    private ClusterGatewayHttp(final long gatewayId, final ClusterVenueClient venue)
    {
        this.gatewayId = gatewayId;
        this.venue = venue;
    }

    /**
     * @param address   where to listen (port 0 picks a free port).
     * @param gatewayId the gateway's id, the {@code cluster_gateway} label.
     * @param venue     its cluster client.
     * @param gateways  its gateways, or null for the client's metrics alone.
     * @return the running server.
     * @throws java.io.UncheckedIOException when it cannot listen, naming the address.
     */
    public static NodeHttpServer serve(
        final InetSocketAddress address, final long gatewayId, final ClusterVenueClient venue,
        final NodeGateways gateways)
    {
        final MetricsRegistry metrics = new MetricsRegistry();
        if (gateways != null)
        {
            gateways.registerMetrics(metrics);
        }
        final ClusterGatewayHttp http = register(metrics, gatewayId, venue);
        return NodeHttpServer.start(address, metrics, http::health, Map.of("/api/gateway", http::gateway));
    }

    /**
     * @param metrics   where to register.
     * @param gatewayId the gateway's id.
     * @param venue     its cluster client.
     * @return the endpoint bodies' source.
     */
    public static ClusterGatewayHttp register(
        final MetricsRegistry metrics, final long gatewayId, final ClusterVenueClient venue)
    {
        final ClusterGatewayHttp http = new ClusterGatewayHttp(gatewayId, venue);
        final String id = Long.toString(gatewayId);
        final ClientCounters counters = venue.counters();
        metrics.gauge("dx_cluster_client_session_open", "1 while the gateway has a session with the cluster",
            () -> venue.sessionOpen() ? 1 : 0, "cluster_gateway", id);
        metrics.gauge("dx_cluster_client_leader_member", "The member the gateway's cluster client follows (-1: none)",
            venue::leaderMemberId, "cluster_gateway", id);
        counter(metrics, id, counters, "dx_cluster_client_sessions_total", "Cluster sessions opened",
            ClientCounters::sessions);
        counter(metrics, id, counters, "dx_cluster_client_leader_changes_total", "New leaders followed in a session",
            ClientCounters::leaderChanges);
        counter(metrics, id, counters, "dx_cluster_client_connect_failures_total", "Connection attempts that failed",
            ClientCounters::connectFailures);
        counter(metrics, id, counters, "dx_cluster_client_aeron_errors_total",
            "Errors Aeron reported to the client (none ends the process)", ClientCounters::aeronErrors);
        counter(metrics, id, counters, "dx_cluster_client_driver_losses_total",
            "Times the client's media driver stopped answering, each ending the session until it answers again",
            ClientCounters::driverLosses);
        counter(metrics, id, counters, "dx_cluster_client_commands_resent_total",
            "Commands sent again after a new session, a new leader or a silence", ClientCounters::commandsResent);
        counter(metrics, id, counters, "dx_cluster_client_event_gaps_total",
            "Times events were found missing (dropped under back-pressure, a failover)", ClientCounters::gaps);
        counter(metrics, id, counters, "dx_cluster_client_resend_requests_total", "RESEND requests sent",
            ClientCounters::resendRequests);
        counter(metrics, id, counters, "dx_cluster_client_events_delivered_total", "Events delivered to the gateway",
            ClientCounters::eventsDelivered);
        counter(metrics, id, counters, "dx_cluster_client_duplicate_events_total",
            "Events received again and dropped (replays overlapping what had arrived)",
            ClientCounters::duplicateEvents);
        counter(metrics, id, counters, "dx_cluster_client_events_lost_total",
            "Events the cluster no longer held when asked (should stay 0)", ClientCounters::eventsLost);
        return http;
    }

    /**
     * @return the {@code /health} body: status {@code UP} while a cluster session is open.
     */
    public String health()
    {
        return "{\"status\":\"" + (venue.sessionOpen() ? "UP" : "DOWN") + "\",\"gateway\":" + gatewayId +
            ",\"leader\":" + venue.leaderMemberId() + "}";
    }

    /**
     * @return the {@code /api/gateway} body.
     */
    public String gateway()
    {
        final ClientCounters c = venue.counters();
        return "{\"gateway\":" + gatewayId + ",\"sessionOpen\":" + venue.sessionOpen() + ",\"leader\":" +
            venue.leaderMemberId() + ",\"sessions\":" + c.sessions() + ",\"leaderChanges\":" + c.leaderChanges() +
            ",\"commandsResent\":" + c.commandsResent() + ",\"gaps\":" + c.gaps() + ",\"eventsDelivered\":" +
            c.eventsDelivered() + ",\"eventsLost\":" + c.eventsLost() + "}";
    }

    private static void counter(
        final MetricsRegistry metrics, final String id, final ClientCounters counters, final String name,
        final String help, final ToLongFunction<ClientCounters> value)
    {
        final LongSupplier supplier = () -> value.applyAsLong(counters);
        metrics.counter(name, help, supplier, "cluster_gateway", id);
    }
}
