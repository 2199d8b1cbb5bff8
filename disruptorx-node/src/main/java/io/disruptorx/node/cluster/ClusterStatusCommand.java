package io.disruptorx.node.cluster;

import java.util.List;
import java.util.Map;

import io.aeron.cluster.service.Cluster;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterProbe;
import io.disruptorx.cluster.MemberStatus;
import picocli.CommandLine.Command;

/**
 * {@code dx cluster status}: every member of a cluster on this host: running or not, role, term, commit position,
 * elections and snapshots, the latest snapshot's log position and the service's counters.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {"Shows the members of a cluster whose members run on this host (read from their counters)."})
public final class ClusterStatusCommand extends ClusterMembersCommand
{
    @Override
    int call(final List<ClusterMemberConfig> configs)
    {
        int leaders = 0;
        for (final ClusterMemberConfig config : configs)
        {
            final MemberStatus status = ClusterProbe.status(config);
            println(status.describe());
            for (final Map.Entry<String, Long> counter : status.service().entrySet())
            {
                println("    " + counter.getKey() + ": " + counter.getValue());
            }
            leaders += status.running() && status.role() == Cluster.Role.LEADER ? 1 : 0;
        }
        println(leaders == 1 ? "one leader" : leaders + " leaders among the running members on this host");
        return 0;
    }
}
