package io.disruptorx.node.cluster;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterProbe;
import picocli.CommandLine.Command;

/**
 * {@code dx cluster snapshot}: asks the leader for a snapshot and waits until its recording log shows it.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = {"Takes a snapshot on every member (the leader orders it through the log)."})
public final class ClusterSnapshotCommand extends ClusterMembersCommand
{
    @Override
    int call(final List<ClusterMemberConfig> configs)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (final ClusterMemberConfig config : configs)
        {
            final long before = ClusterProbe.status(config).lastSnapshot();
            if (ClusterProbe.requestSnapshot(config))
            {
                while (System.nanoTime() < deadline)
                {
                    final long after = ClusterProbe.status(config).lastSnapshot();
                    if (after > before)
                    {
                        say("taken at log position " + after + " (leader: member " + config.memberId() + ")");
                        return 0;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
                say("requested from member " + config.memberId() + " but not recorded within 30 s");
                return 1;
            }
        }
        say("no running leader among the members on this host");
        return 1;
    }
}
