package io.disruptorx.node.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dx cluster restart N}: asks the running {@code dx cluster} to start member N again; it does once the
 * running members agree on one leader ({@link MemberRestarts}).
 */
@Command(
    name = "restart",
    mixinStandardHelpOptions = true,
    description = {"Asks the running `dx cluster` to restart a member that died, once the running members agree",
        "on one leader (it catches up and rejoins)."})
public final class ClusterRestartCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "N", description = "The member id.")
    private int memberId;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ClusterCommand.DEFAULT_DIR,
        description = "The local cluster's directory (default ${DEFAULT-VALUE}).")
    private Path directory;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (ControlFiles.launcher(directory).isEmpty())
        {
            out.println("dx cluster restart: no dx cluster runs on " + directory.toAbsolutePath());
            return 1;
        }
        if (LocalCluster.configs(directory).size() <= memberId || memberId < 0)
        {
            out.println("dx cluster restart: no member " + memberId);
            return 2;
        }
        ControlFiles.requestRestart(directory, memberId);
        out.println("dx cluster restart: asked dx cluster (pid " + ControlFiles.launcher(directory).get() +
            ") to restart member " + memberId);
        return 0;
    }
}
