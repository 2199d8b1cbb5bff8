package io.disruptorx.node.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx cluster snapshot}: asks the leader for a snapshot and waits until its recording log shows it.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = {"Takes a snapshot on every member (the leader orders it through the log)."})
public final class ClusterSnapshotCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterCommand.DEFAULT_DIR,
        description = "A local cluster's directory (default ${DEFAULT-VALUE}).")
    private Path directory;

    @Option(names = "--config", paramLabel = "FILE", description = "Member files (dx cluster-node), instead of --dir.")
    private List<Path> configFiles;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final List<ClusterMemberConfig> configs = configFiles == null || configFiles.isEmpty() ?
            LocalCluster.configs(directory) : configFiles.stream().map(ClusterConfigFile::load).toList();
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
                        out.println("dx cluster snapshot: taken at log position " + after + " (leader: member " +
                            config.memberId() + ")");
                        return 0;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
                out.println("dx cluster snapshot: requested from member " + config.memberId() +
                    " but not recorded within 30 s");
                return 1;
            }
        }
        out.println("dx cluster snapshot: no running leader among the members on this host");
        return 1;
    }
}
