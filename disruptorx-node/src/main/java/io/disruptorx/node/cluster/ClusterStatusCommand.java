package io.disruptorx.node.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.aeron.cluster.service.Cluster;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterProbe;
import io.disruptorx.cluster.MemberStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx cluster status}: every member of a cluster on this host: running or not, role, term, commit position,
 * elections and snapshots, the latest snapshot's log position and the service's counters.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {"Shows the members of a cluster whose members run on this host (read from their counters)."})
public final class ClusterStatusCommand implements Callable<Integer>
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
        if (configs.isEmpty())
        {
            out.println("dx cluster status: no member files in " + directory.toAbsolutePath());
            return 1;
        }
        int leaders = 0;
        for (final ClusterMemberConfig config : configs)
        {
            final MemberStatus status = ClusterProbe.status(config);
            out.println(status.describe());
            for (final Map.Entry<String, Long> counter : status.service().entrySet())
            {
                out.println("    " + counter.getKey() + ": " + counter.getValue());
            }
            leaders += status.running() && status.role() == Cluster.Role.LEADER ? 1 : 0;
        }
        out.println(leaders == 1 ? "one leader" : leaders + " leaders among the running members on this host");
        return 0;
    }
}
