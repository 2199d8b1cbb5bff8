package io.disruptorx.node.cluster;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import io.disruptorx.cluster.ClusterMember;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterProbe;
import io.disruptorx.cluster.MemberStatus;
import io.disruptorx.cluster.service.ServiceCounter;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.node.embedded.InstrumentCommandsMetrics;
import io.disruptorx.node.http.NodeApi;
import io.disruptorx.node.http.NodeHttpServer;

/**
 * A cluster member's state as metrics ({@code dx_cluster_*}), read from its media driver's counters through
 * {@link ClusterProbe} at scrape time (one probe serves every series of a scrape): role, term, commit position,
 * elections, snapshots and the DisruptorX service's counters (commands applied, re-sent commands dropped, egress
 * frames dropped and events replayed to gateways, events lost, client faults by kind). Also the member's
 * {@code /health}: {@code UP} while it runs with a leader known (no election in progress), so a readiness probe
 * keeps traffic away from a member that is electing or catching up. Served with the member in the same process
 * ({@code dx cluster-node}), the page also carries the commands its service applied per instrument, as an embedded
 * node's does.
 */
public final class ClusterMetrics
{
    private static final long SAMPLE_NANOS = 200_000_000L;

    private final ClusterMemberConfig config;
    private MemberStatus status;
    private long sampledAt;

    private ClusterMetrics(final ClusterMemberConfig config)
    {
        this.config = config;
    }

    /**
     * What {@code dx cluster-node --http} serves: {@code /metrics} of a new registry with the member's metrics (and
     * the JVM's), {@code /health}, {@code /api/member} and the dashboard, whose cluster panel shows the member.
     *
     * @param config  the member on this host.
     * @param address where to listen (port 0 picks a free port).
     * @return the running server.
     * @throws java.io.UncheckedIOException when it cannot listen, naming the address.
     */
    public static NodeHttpServer serve(final ClusterMemberConfig config, final InetSocketAddress address)
    {
        final MetricsRegistry metrics = new MetricsRegistry();
        return serve(metrics, register(metrics, config), address);
    }

    /**
     * {@link #serve(ClusterMemberConfig, InetSocketAddress)} for a member that runs in this process, with the
     * commands its service applied per instrument as well ({@code dx_instrument_commands_total{instrument="ID"}} and
     * {@code dx_instrument_commands_limit}, the series an embedded node exports, the load {@code dx shard plan
     * --metrics} reads): what {@code dx cluster-node} serves.
     *
     * @param member  the member running in this process.
     * @param address where to listen (port 0 picks a free port).
     * @return the running server.
     * @throws java.io.UncheckedIOException when it cannot listen, naming the address.
     * @throws IllegalStateException        when the member runs another service than the engine.
     */
    public static NodeHttpServer serve(final ClusterMember member, final InetSocketAddress address)
    {
        final MetricsRegistry metrics = new MetricsRegistry();
        final ClusterMetrics cluster = register(metrics, member.config());
        InstrumentCommandsMetrics.register(metrics, member.service().instrumentCommands().counts());
        return serve(metrics, cluster, address);
    }

    private static NodeHttpServer serve(
        final MetricsRegistry metrics, final ClusterMetrics cluster, final InetSocketAddress address)
    {
        return NodeApi.serveWithDashboard(address, metrics, cluster::health, Map.of("/api/member", cluster::member));
    }

    /**
     * @param metrics where to register.
     * @param config  the member on this host.
     * @return the sampler, whose {@link #health()} is the member's {@code /health} body.
     */
    public static ClusterMetrics register(final MetricsRegistry metrics, final ClusterMemberConfig config)
    {
        final ClusterMetrics sampler = new ClusterMetrics(config);
        final String member = Integer.toString(config.memberId());
        metrics.gauge("dx_cluster_member_running", "1 while this member's media driver and consensus module run",
            () -> sampler.status().running() ? 1 : 0, "member", member);
        for (final Cluster.Role role : Cluster.Role.values())
        {
            metrics.gauge("dx_cluster_role", "1 for the role this member has now (leader, follower, candidate)",
                () -> sampler.status().role() == role ? 1 : 0, "member", member, "role",
                role.name().toLowerCase(Locale.ROOT));
        }
        metrics.gauge("dx_cluster_election_in_progress", "1 while an election is open on this member",
            () -> electing(sampler.status()) ? 1 : 0, "member", member);
        gauge(metrics, sampler, member, "dx_cluster_leadership_term_id", "The current leadership term",
            MemberStatus::leadershipTermId);
        gauge(metrics, sampler, member, "dx_cluster_commit_position_bytes",
            "The log position a majority of members holds", MemberStatus::commitPosition);
        gauge(metrics, sampler, member, "dx_cluster_last_snapshot_position_bytes",
            "Log position of the latest snapshot in this member's recording log (-1: none)",
            MemberStatus::lastSnapshot);
        counter(metrics, sampler, member, "dx_cluster_elections_total", "Elections this member took part in",
            MemberStatus::elections);
        counter(metrics, sampler, member, "dx_cluster_snapshots_total", "Snapshots this member took",
            MemberStatus::snapshots);
        for (final ServiceCounter counter : ServiceCounter.values())
        {
            service(metrics, sampler, member, counter);
        }
        return sampler;
    }

    /**
     * @return the {@code /health} body: status {@code UP} while the member runs and knows its leader.
     */
    public String health()
    {
        final MemberStatus now = status();
        final boolean up = now.running() && now.role() != null && !electing(now);
        return "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"member\":" + now.memberId() + ",\"role\":\"" +
            now.role() + "\",\"term\":" + now.leadershipTermId() + ",\"commitPosition\":" + now.commitPosition() +
            "}";
    }

    /**
     * @return the member's state as a JSON object that is served whatever the state ({@code /api/member}: what a
     * liveness probe asks, so a member in an election is not restarted; what {@link RemoteMembers} reads).
     */
    public String member()
    {
        final MemberStatus now = status();
        return "{\"member\":" + now.memberId() + ",\"running\":" + now.running() + ",\"role\":\"" + now.role() +
            "\",\"election\":\"" + now.electionState() + "\",\"term\":" + now.leadershipTermId() +
            ",\"commitPosition\":" + now.commitPosition() + ",\"lastSnapshot\":" + now.lastSnapshot() +
            ",\"elections\":" + now.elections() + ",\"snapshots\":" + now.snapshots() + "}";
    }

    private static void service(
        final MetricsRegistry metrics, final ClusterMetrics sampler, final String member, final ServiceCounter c)
    {
        final String key = c.label().substring(ServiceCounter.LABEL_PREFIX.length());
        final ToLongFunction<MemberStatus> value = s -> s.service().getOrDefault(key, 0L);
        switch (c)
        {
            case COMMANDS_APPLIED -> counter(metrics, sampler, member, "dx_cluster_commands_applied_total",
                "Commands applied to the engine", value);
            case DUPLICATES_DROPPED -> counter(metrics, sampler, member, "dx_cluster_duplicates_dropped_total",
                "Re-sent commands already applied, dropped before the engine (gateway re-sends after a failover)",
                value);
            case COMMANDS_WITHOUT_HELLO -> malformed(metrics, sampler, member, "without_hello", value);
            case MALFORMED_FRAMES -> malformed(metrics, sampler, member, "malformed_frame", value);
            case UNREADABLE_COMMANDS -> malformed(metrics, sampler, member, "unreadable_command", value);
            case COMMAND_GAPS -> counter(metrics, sampler, member, "dx_cluster_command_gaps_total",
                "Command sequences that skipped ahead (a gateway bug)", value);
            case EGRESS_DROPPED -> counter(metrics, sampler, member, "dx_cluster_egress_dropped_total",
                "Egress frames dropped under back-pressure; the gateway notices the gap and asks again", value);
            case EVENTS_REPLAYED -> counter(metrics, sampler, member, "dx_cluster_events_replayed_total",
                "Events sent to gateways again on their HELLO or RESEND (egress resends)", value);
            case EVENTS_LOST -> counter(metrics, sampler, member, "dx_cluster_events_lost_total",
                "Events a gateway asked for that the replay store no longer held", value);
            case FEED_TRANSMITTING -> metrics.gauge("dx_cluster_feed_transmitting",
                "1 while this member transmits its feed line, 0 while it replays or catches up",
                () -> value.applyAsLong(sampler.status()), "member", member);
            default -> throw new IllegalStateException("no metric for " + c);
        }
    }

    private static void malformed(
        final MetricsRegistry metrics, final ClusterMetrics sampler, final String member, final String kind,
        final ToLongFunction<MemberStatus> value)
    {
        metrics.counter("dx_cluster_ingress_rejected_total", "Ingress the service refused as a client fault, by kind",
            () -> Math.max(0, value.applyAsLong(sampler.status())), "member", member, "kind", kind);
    }

    private static void counter(
        final MetricsRegistry metrics, final ClusterMetrics sampler, final String member, final String name,
        final String help, final ToLongFunction<MemberStatus> value)
    {
        metrics.counter(name, help, () -> Math.max(0, value.applyAsLong(sampler.status())), "member", member);
    }

    private static void gauge(
        final MetricsRegistry metrics, final ClusterMetrics sampler, final String member, final String name,
        final String help, final ToLongFunction<MemberStatus> value)
    {
        metrics.gauge(name, help, () -> value.applyAsLong(sampler.status()), "member", member);
    }

    private static boolean electing(final MemberStatus status)
    {
        return status.electionState() != null && status.electionState() != ElectionState.CLOSED;
    }

    /**
     * @return the member's state, probed at most every 200 ms.
     */
    synchronized MemberStatus status()
    {
        final long now = System.nanoTime();
        if (status == null || now - sampledAt >= SAMPLE_NANOS)
        {
            status = ClusterProbe.status(config);
            sampledAt = now;
        }
        return status;
    }
}
