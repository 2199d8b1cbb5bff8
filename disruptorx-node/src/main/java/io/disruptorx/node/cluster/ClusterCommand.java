package io.disruptorx.node.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.disruptorx.node.cli.FlowOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx cluster}: runs a local cluster with simulated traders (see {@link ClusterDemo}); its subcommands look at
 * and act on a local cluster from another terminal.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    subcommands = {ClusterStatusCommand.class, ClusterSnapshotCommand.class, ClusterRestartCommand.class,
        ClusterDashboardCommand.class},
    description = {
        "Runs a local Aeron Cluster of matching engines (one process per member) with the demo's traders and two",
        "market data subscribers, printing the members' roles every second, until Ctrl-C or --duration.",
        "Kill any member (kill -9 PID); the cluster elects a leader and carries on. docs/cluster.md."})
public final class ClusterCommand implements Callable<Integer>
{
    /** Where a local cluster lives unless told. */
    static final String DEFAULT_DIR = "dx-data/cluster";

    @Spec
    private CommandSpec spec;

    @Option(names = "--members", defaultValue = "3", description = "Members: 3 or 5 (default ${DEFAULT-VALUE}).")
    private int members;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
        description = "The cluster's directory (default ${DEFAULT-VALUE}); data is kept between runs.")
    private Path directory;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "21000",
        description = "First port; member N uses PORT+10N..+3, its feed PORT+100+10N..+2 (default ${DEFAULT-VALUE}).")
    private int basePort;

    @Option(names = "--rate", defaultValue = "2000",
        description = "Commands per second the traders offer (default ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
        description = "Seconds to run; 0 runs until Ctrl-C (default ${DEFAULT-VALUE}).")
    private int seconds;

    @Mixin
    private FlowOptions flow;

    @Override
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        if (members != 3 && members != 5)
        {
            err.println("dx cluster: --members must be 3 or 5 (a majority that survives 1 or 2 failures)");
            return 2;
        }
        if (rate < 1 || seconds < 0)
        {
            err.println("dx cluster: --rate must be positive and --duration zero or positive");
            return 2;
        }
        final ClusterDemo demo = new ClusterDemo(new ClusterDemo.Options(directory, members, basePort, rate, seconds,
            flow.instruments(), flow.accounts(), flow.seed()), spec.commandLine().getOut());
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            demo.stop();
            try
            {
                finished.await(60, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "dx-cluster-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            return demo.run();
        }
        finally
        {
            finished.countDown();
        }
    }
}
