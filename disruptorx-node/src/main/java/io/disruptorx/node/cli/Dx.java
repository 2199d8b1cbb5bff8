package io.disruptorx.node.cli;

import io.disruptorx.node.cluster.ClusterCommand;
import io.disruptorx.node.cluster.ClusterGatewayCommand;
import io.disruptorx.node.cluster.ClusterNodeCommand;
import io.disruptorx.node.shard.ShardGatewayCommand;
import io.disruptorx.node.shard.ShardHostCommand;
import io.disruptorx.shard.cli.ShardCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dx} command: entry point of the shaded jar and of the {@code ./dx} launcher.
 */
@Command(
    name = "dx",
    mixinStandardHelpOptions = true,
    versionProvider = Dx.Version.class,
    description = "DisruptorX: a low-latency exchange on the LMAX Disruptor.",
    footer = {
        "",
        "Benchmarks live in their own jar: ./dx bench --help (engine, bus, node, md, gateway, cluster)."},
    subcommands = {
        DemoCommand.class,
        NodeCommand.class,
        ReplicaCommand.class,
        RunCommand.class,
        ReplayCommand.class,
        MdClientCommand.class,
        OrderCommand.class,
        CertsCommand.class,
        ClusterCommand.class,
        ClusterNodeCommand.class,
        ClusterGatewayCommand.class,
        AuditCommand.class,
        ShardCommand.class,
        ShardHostCommand.class,
        ShardGatewayCommand.class,
        CommandLine.HelpCommand.class})
public final class Dx
{
    private Dx()
    {
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /**
     * @return the command line, with enum options accepted in any case.
     */
    static CommandLine commandLine()
    {
        return new CommandLine(new Dx()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /**
     * Version from the jar manifest, or "dev" when run from classes.
     */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = Dx.class.getPackage().getImplementationVersion();
            return new String[]{"dx " + (version == null ? "dev" : version)};
        }
    }
}
