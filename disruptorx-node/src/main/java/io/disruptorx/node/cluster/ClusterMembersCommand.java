package io.disruptorx.node.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.disruptorx.cluster.ClusterMemberConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the {@code dx cluster} subcommands that look at running members share: the members to look at (those of a
 * local cluster's directory, {@code --dir}, or {@code dx cluster-node} member files, {@code --config}), one line
 * and exit code 1 when there are none, and the command's name in front of every line it prints.
 */
abstract class ClusterMembersCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterCommand.DEFAULT_DIR,
        description = "A local cluster's directory (default ${DEFAULT-VALUE}).")
    private Path directory;

    @Option(names = "--config", paramLabel = "FILE", description = "Member files (dx cluster-node), instead of --dir.")
    private List<Path> configFiles;

    private PrintWriter out;
    private List<String> membersHttp = List.of();

    @Override
    public final Integer call()
    {
        out = spec.commandLine().getOut();
        final boolean fromFiles = configFiles != null && !configFiles.isEmpty();
        final List<ClusterMemberConfig> configs = fromFiles ?
            configFiles.stream().map(ClusterConfigFile::load).toList() : LocalCluster.configs(directory);
        membersHttp = fromFiles ? configFiles.stream().map(ClusterConfigFile::membersHttp)
            .filter(list -> !list.isEmpty()).findFirst().orElse(List.of()) : List.of();
        if (configs.isEmpty())
        {
            say("no member files in " + directory.toAbsolutePath());
            return 1;
        }
        return call(configs);
    }

    /**
     * @param configs the members, in member order; at least one.
     * @return the exit code.
     */
    abstract int call(List<ClusterMemberConfig> configs);

    /**
     * @return the members' HTTP servers ({@code cluster.members-http} of the first {@code --config} file that lists
     *     them, in member id order), or an empty list.
     */
    final List<String> membersHttp()
    {
        return membersHttp;
    }

    /**
     * Prints a line that starts with the command's name.
     *
     * @param line what to say.
     */
    final void say(final String line)
    {
        out.println(spec.qualifiedName() + ": " + line);
    }

    /**
     * Prints a line as it is.
     *
     * @param line what to print.
     */
    final void println(final String line)
    {
        out.println(line);
    }
}
