package io.disruptorx.node.cluster;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.MemberStatus;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.node.http.NodeApi;
import io.disruptorx.node.http.NodeHttpServer;

/**
 * The members of a cluster that run on this host, read together (each through its media driver's counters, as
 * {@code dx cluster status} reads them) and served by one HTTP server: {@code /metrics} with every member's
 * {@code dx_cluster_*} series ({@link ClusterMetrics}, label {@code member}), {@code /health} ({@code UP} while
 * exactly one running member leads and none is electing), {@code /api/members} (each member's {@code /api/member}
 * in an array) and the dashboard, whose cluster card shows the members side by side.
 */
public final class ClusterMembersHttp
{
    private final List<ClusterMetrics> members;

    private ClusterMembersHttp(final List<ClusterMetrics> members)
    {
        this.members = members;
    }

    /**
     * @param configs the members on this host, in member order.
     * @param address where to listen (port 0 picks a free port).
     * @return the running server.
     * @throws java.io.UncheckedIOException when it cannot listen, naming the address.
     */
    public static NodeHttpServer serve(final List<ClusterMemberConfig> configs, final InetSocketAddress address)
    {
        final MetricsRegistry metrics = new MetricsRegistry();
        final List<ClusterMetrics> members = new ArrayList<>();
        for (final ClusterMemberConfig config : configs)
        {
            members.add(ClusterMetrics.register(metrics, config));
        }
        final ClusterMembersHttp http = new ClusterMembersHttp(List.copyOf(members));
        return NodeApi.serveWithDashboard(address, metrics, http::health, Map.of("/api/members", http::members));
    }

    /**
     * @return the {@code /health} body: {@code UP} while exactly one member leads and none is electing, with every
     *     member's state.
     */
    String health()
    {
        int leaders = 0;
        boolean electing = false;
        for (final ClusterMetrics member : members)
        {
            final MemberStatus status = member.status();
            leaders += status.running() && status.role() == Cluster.Role.LEADER ? 1 : 0;
            electing |= status.running() && status.electionState() != null &&
                status.electionState() != ElectionState.CLOSED;
        }
        return "{\"status\":\"" + (leaders == 1 && !electing ? "UP" : "DOWN") + "\",\"members\":" + members() + "}";
    }

    /**
     * @return the {@code /api/members} body.
     */
    String members()
    {
        final StringBuilder out = new StringBuilder("[");
        for (final ClusterMetrics member : members)
        {
            out.append(out.length() == 1 ? "" : ",").append(member.member());
        }
        return out.append(']').toString();
    }
}
