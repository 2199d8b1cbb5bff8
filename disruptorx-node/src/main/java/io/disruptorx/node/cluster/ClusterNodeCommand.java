package io.disruptorx.node.cluster;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.aeron.cluster.service.Cluster;
import io.disruptorx.cluster.ClusterMember;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.service.ClusterSpans;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.node.cli.ConfigFileOptions;
import io.disruptorx.node.cli.ShutdownHook;
import io.disruptorx.node.embedded.InstalledTracing;
import io.disruptorx.node.embedded.NodeStartException;
import io.disruptorx.node.embedded.NodeTracingProvider;
import io.disruptorx.node.embedded.TracingConfig;
import io.disruptorx.node.http.NodeHttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx cluster-node --config FILE}: one cluster member on this host until Ctrl-C or SIGTERM, printing each
 * role it takes; while it leads it asks for a snapshot every {@code --snapshot-every} minutes, so a restart replays
 * a bounded log. With {@code --http HOST:PORT} it serves {@code /metrics} ({@link ClusterMetrics}, with the commands
 * per instrument {@code dx shard plan --metrics} reads), {@code /health}
 * (200 while it runs with a leader known) and {@code /api/member} (its state, whatever it is); without it, at its
 * entry of the file's {@code cluster.members-http} when the file has that list. With
 * {@code cluster.tracing.enabled} in the file or {@code --trace-endpoint URL} (and {@code dx-tracing.jar} on the
 * class path) the member, while it leads, exports the spans of the commands gateways sent with a sampled trace
 * context over OTLP/HTTP.
 */
@Command(
    name = "cluster-node",
    mixinStandardHelpOptions = true,
    description = {
        "Runs one member of an Aeron Cluster of matching engines until Ctrl-C.",
        "The HOCON file overrides dx-cluster-defaults.conf (printed by --print-defaults): member id, every",
        "member's host:base-port, its directory, timeouts, engine, service and feed settings. docs/cluster.md."})
public final class ClusterNodeCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigFileOptions configFileOptions = new ConfigFileOptions();

    @Option(names = "--snapshot-every", paramLabel = "MINUTES", defaultValue = "10",
        description = "While this member leads, snapshot every MINUTES (0: only on request; default ${DEFAULT-VALUE}).")
    private long snapshotMinutes;

    @Option(names = "--http", paramLabel = "HOST:PORT",
        description = "Serve /metrics, /health and /api/member here (0.0.0.0:8080 in a container; default: this " +
            "member's entry of cluster.members-http, else none).")
    private String http;

    @Option(names = "--trace-endpoint", paramLabel = "URL",
        description = "While this member leads, export over OTLP/HTTP to URL the spans of the commands gateways " +
            "sent with a sampled trace context (needs dx-tracing.jar); turns on cluster.tracing with this endpoint " +
            "(default: cluster.tracing of the file, off).")
    private String traceEndpoint;

    @Override
    public Integer call() throws InterruptedException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final int done = configFileOptions.printDefaultsOrRequireFile(spec, "dx cluster-node",
            ClusterConfigFile.DEFAULTS);
        if (done >= 0)
        {
            return done;
        }
        final Path configFile = configFileOptions.configFile();
        final ClusterMemberConfig config;
        final TracingConfig tracing;
        final List<String> membersHttp;
        try
        {
            config = ClusterConfigFile.load(configFile);
            tracing = ClusterConfigFile.tracing(configFile);
            membersHttp = ClusterConfigFile.membersHttp(configFile);
        }
        catch (final ConfigValidationException ex)
        {
            err.println("dx cluster-node: " + ex.getMessage());
            return 2;
        }
        final InetSocketAddress httpAddress;
        try
        {
            final String own = membersHttp.isEmpty() ? null : membersHttp.get(config.memberId());
            httpAddress = http != null ? address(http) : own == null ? null : address(own);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("dx cluster-node: --http " + ex.getMessage());
            return 2;
        }
        final NodeTracingProvider.Session traces;
        try
        {
            traces = InstalledTracing.open(traceEndpoint == null ? tracing :
                new TracingConfig(1, traceEndpoint, tracing.serviceName()));
        }
        catch (final IllegalArgumentException | NodeStartException ex)
        {
            err.println("dx cluster-node: tracing: " + ex.getMessage());
            return 2;
        }
        final ClusterMemberConfig traced = traces.tracing().spans() instanceof ClusterSpans spans ?
            new ClusterMemberConfig(config.memberId(), config.members(), config.directory(), config.timeouts(),
            config.service().withSpans(spans), config.aeronDir()) : config;
        return run(traced, httpAddress, traces, out, err);
    }

    /**
     * Runs the member until stopped; the tracing is closed (its last spans exported) before the shutdown hook is
     * let go.
     */
    private int run(
        final ClusterMemberConfig config,
        final InetSocketAddress httpAddress,
        final NodeTracingProvider.Session traces,
        final PrintWriter out,
        final PrintWriter err) throws InterruptedException
    {
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        ShutdownHook.stopAndWait("dx-cluster-node-stop", stop, stopped);
        try (ClusterMember member = ClusterMember.launch(config, System.err);
            NodeHttpServer server = httpAddress == null ? null : ClusterMetrics.serve(member, httpAddress))
        {
            out.printf(Locale.ROOT, "dx cluster-node: member %d of %d up, ingress %s, data in %s%n",
                config.memberId(), config.members().size(), config.self().ingress(),
                config.directory().toAbsolutePath());
            if (server != null)
            {
                out.printf(Locale.ROOT,
                    "dx cluster-node: /metrics, /health, /api/member and /dashboard/ on http://%s:%d%n",
                    httpAddress.getHostString(), server.port());
            }
            out.flush();
            Cluster.Role role = null;
            final long snapshotEvery = TimeUnit.MINUTES.toNanos(snapshotMinutes);
            long nextSnapshot = System.nanoTime() + snapshotEvery;
            while (!stop.await(50, TimeUnit.MILLISECONDS))
            {
                if (member.awaitTermination(0, TimeUnit.MILLISECONDS))
                {
                    out.println("dx cluster-node: member " + config.memberId() + " terminated by the cluster");
                    break;
                }
                final Cluster.Role now = member.role();
                if (now != role)
                {
                    role = now;
                    out.printf(Locale.ROOT, "dx cluster-node: member %d is %s%n", config.memberId(), role);
                    out.flush();
                }
                if (snapshotEvery > 0 && System.nanoTime() - nextSnapshot >= 0)
                {
                    nextSnapshot = System.nanoTime() + snapshotEvery;
                    if (member.requestSnapshot())
                    {
                        out.printf(Locale.ROOT, "dx cluster-node: member %d (leader) requested a snapshot%n",
                            config.memberId());
                    }
                }
            }
        }
        catch (final UncheckedIOException ex)
        {
            err.println("dx cluster-node: " + ex.getMessage());
            return 1;
        }
        finally
        {
            closeTracing(traces, err);
            stopped.countDown();
        }
        return 0;
    }

    private static void closeTracing(final NodeTracingProvider.Session traces, final PrintWriter err)
    {
        try
        {
            traces.close();
        }
        catch (final Exception ex)
        {
            err.println("dx cluster-node: closing the tracing: " + ex.getMessage());
        }
    }

    static InetSocketAddress address(final String hostPort)
    {
        final int colon = hostPort.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException("wants HOST:PORT, got " + hostPort);
        }
        try
        {
            final int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 0 || port > 65_535)
            {
                throw new IllegalArgumentException("port out of range in " + hostPort);
            }
            return new InetSocketAddress(hostPort.substring(0, colon), port);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("wants HOST:PORT, got " + hostPort, ex);
        }
    }
}
