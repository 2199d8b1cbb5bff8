package io.disruptorx.node.cluster;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.aeron.driver.MediaDriver;
import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.cluster.client.GatewaySpans;
import io.disruptorx.core.config.ConfigLoader;
import io.disruptorx.core.config.ConfigReader;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewayConfigBinder;
import io.disruptorx.node.cli.ConfigFileOptions;
import io.disruptorx.node.cli.ShutdownHook;
import io.disruptorx.node.embedded.InstalledTracing;
import io.disruptorx.node.embedded.NodeStartException;
import io.disruptorx.node.embedded.NodeTracingProvider;
import io.disruptorx.node.embedded.TracingConfig;
import io.disruptorx.node.http.NodeHttpServer;
import io.disruptorx.node.venue.NodeGateways;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx cluster-gateway --config FILE}: the order-entry gateway as a process of its own in front of a cluster,
 * on a {@link ClusterVenueClient} with an embedded media driver, until Ctrl-C or SIGTERM. The client knows every
 * member, follows leader changes and re-sends what the cluster has not acknowledged, so client sessions stay up
 * through a failover. With {@code --http HOST:PORT} it serves {@code /metrics}, {@code /health} and
 * {@code /api/gateway} ({@link ClusterGatewayHttp}). With {@code cluster-gateway.tracing.sample-ratio} (or
 * {@code --trace-sample}) above 0 and {@code dx-tracing.jar} on the class path it records its own spans of traced
 * orders (gateway receive, report sent), the parents of the leader's spans: one trace per order (docs/tracing.md).
 */
@Command(
    name = "cluster-gateway",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the order-entry gateway in front of an Aeron Cluster of matching engines until Ctrl-C.",
        "The HOCON file has a cluster-gateway section (gateway id, every member's ingress; --print-defaults)",
        "and the gateways section of dx node (listeners, instruments, users). docs/cluster.md."})
public final class ClusterGatewayCommand implements Callable<Integer>
{
    /** The defaults resource of the {@code cluster-gateway} section. */
    public static final String DEFAULTS = "dx-cluster-gateway-defaults.conf";

    private static final long CONNECT_PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigFileOptions configFileOptions = new ConfigFileOptions();

    @Option(names = "--http", paramLabel = "HOST:PORT",
        description = "Serve /metrics, /health (UP while a cluster session is open) and /api/gateway here " +
            "(default: none).")
    private String http;

    @Option(names = "--trace-sample", paramLabel = "RATIO",
        description = "Starts a trace for this share of new orders (0..1) and records the gateway's spans of " +
            "those and of every order whose request carries a sampled trace context, exported over OTLP " +
            "(cluster-gateway.tracing; needs dx-tracing.jar); overrides cluster-gateway.tracing.sample-ratio.")
    private Double traceSample;

    @Option(names = "--trace-endpoint", paramLabel = "URL",
        description = "The OTLP/HTTP collector the spans go to; overrides cluster-gateway.tracing.otlp-endpoint.")
    private String traceEndpoint;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final int done = configFileOptions.printDefaultsOrRequireFile(spec, "dx cluster-gateway", DEFAULTS);
        if (done >= 0)
        {
            return done;
        }
        final Path configFile = configFileOptions.configFile();
        final Settings settings;
        final GatewayConfig gateway;
        try
        {
            final Config parsed = new ConfigLoader().parse(configFile);
            settings = Settings.bind(parsed, configFile.toString());
            gateway = GatewayConfigBinder.bind(parsed, configFile.toString());
        }
        catch (final ConfigValidationException ex)
        {
            err.println("dx cluster-gateway: " + ex.getMessage());
            return 2;
        }
        if (gateway == null)
        {
            err.println("dx cluster-gateway: " + configFile + " has no gateways section (listeners, instruments, " +
                "users: docs/gateways.md)");
            return 2;
        }
        final InetSocketAddress httpAddress;
        try
        {
            httpAddress = http == null ? null : ClusterNodeCommand.address(http);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("dx cluster-gateway: --http " + ex.getMessage());
            return 2;
        }
        final NodeTracingProvider.Session traces;
        try
        {
            final TracingConfig tracing = settings.tracing();
            traces = InstalledTracing.open(new TracingConfig(traceSample == null ? tracing.sampleRatio() : traceSample,
                traceEndpoint == null ? tracing.otlpEndpoint() : traceEndpoint, tracing.serviceName()));
        }
        catch (final IllegalArgumentException | NodeStartException ex)
        {
            err.println("dx cluster-gateway: tracing: " + ex.getMessage());
            return 2;
        }
        try
        {
            return run(settings, gateway, httpAddress, traces, out);
        }
        catch (final UncheckedIOException ex)
        {
            err.println("dx cluster-gateway: " + ex.getMessage());
            return 1;
        }
        finally
        {
            closeTracing(traces, err);
        }
    }

    private static void closeTracing(final NodeTracingProvider.Session traces, final PrintWriter err)
    {
        try
        {
            traces.close();
        }
        catch (final Exception ex)
        {
            err.println("dx cluster-gateway: closing the tracing: " + ex.getMessage());
        }
    }

    private static int run(
        final Settings settings, final GatewayConfig gatewayConfig, final InetSocketAddress httpAddress,
        final NodeTracingProvider.Session traces, final PrintWriter out)
    {
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        ShutdownHook.stopAndWait("dx-cluster-gateway-stop", stop, stopped);
        try (MediaDriver driver = ClientDriver.launch(settings.aeronDirectory()))
        {
            final ClusterClientConfig defaults = ClusterClientConfig.of(settings.gatewayId(), settings.ingress(),
                driver.aeronDirectoryName());
            final ClusterVenueClient venue = ClusterVenueClient.create(new ClusterClientConfig(settings.gatewayId(),
                defaults.incarnation(), settings.ingress(), driver.aeronDirectoryName(), settings.egress(), null,
                defaults.cancelOnDisconnect(), settings.pendingCapacity(), defaults.resendAfter(),
                defaults.keepAliveInterval(), defaults.connectTimeout()),
                traces.tracing().spans() instanceof GatewaySpans spans ? spans : null,
                traces.tracing().rootSampleEvery());
            if (!awaitCluster(venue, settings.ingress(), stop, out))
            {
                venue.close();
                return 0;
            }
            try (NodeGateways gateways = NodeGateways.start(venue, gatewayConfig);
                NodeHttpServer server = httpAddress == null ? null :
                    ClusterGatewayHttp.serve(httpAddress, settings.gatewayId(), venue, gateways))
            {
                out.printf(Locale.ROOT, "dx cluster-gateway: gateway %d in front of %s%n", settings.gatewayId(),
                    settings.ingress());
                gateways.describe("dx cluster-gateway: ", out);
                if (traces.tracing().enabled())
                {
                    out.printf(Locale.ROOT, "dx cluster-gateway: tracing one in %d new orders and every sampled " +
                        "request over OTLP%n", traces.tracing().rootSampleEvery());
                }
                if (server != null)
                {
                    out.printf(Locale.ROOT, "dx cluster-gateway: /metrics, /health and /api/gateway on " +
                        "http://%s:%d%n", httpAddress.getHostString(), server.port());
                }
                int leader = -1;
                while (!stop.await(100, TimeUnit.MILLISECONDS))
                {
                    final int now = venue.leaderMemberId();
                    if (now != leader)
                    {
                        leader = now;
                        out.printf(Locale.ROOT, "dx cluster-gateway: leader is member %d%n", leader);
                        out.flush();
                    }
                }
                out.printf(Locale.ROOT, "dx cluster-gateway: stopping; client %s%n", venue.counters());
                out.flush();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            stopped.countDown();
        }
        return 0;
    }

    /**
     * Opens the cluster session before any listener opens, so that no client logs on to a gateway that could only
     * reject its orders; says every few seconds that it is still trying.
     *
     * @return false when stopped before a session opened.
     */
    private static boolean awaitCluster(
        final ClusterVenueClient venue, final String ingress, final CountDownLatch stop, final PrintWriter out)
    {
        out.printf(Locale.ROOT, "dx cluster-gateway: connecting to the cluster at %s%n", ingress);
        out.flush();
        final long started = System.nanoTime();
        while (!venue.awaitConnected(CONNECT_PROGRESS_NANOS))
        {
            if (stop.getCount() == 0)
            {
                return false;
            }
            out.printf(Locale.ROOT, "dx cluster-gateway: no cluster session yet after %d s (%s); still trying%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), venue.counters());
            out.flush();
        }
        return true;
    }

    /**
     * The {@code cluster-gateway} section.
     *
     * @param gatewayId       the gateway's id.
     * @param ingress         every member's ingress endpoint.
     * @param aeronDirectory  the embedded media driver's directory.
     * @param egress          the egress channel.
     * @param pendingCapacity unacknowledged commands held, a power of two.
     * @param tracing         the gateway's tracing ({@code cluster-gateway.tracing}).
     */
    record Settings(
        long gatewayId, String ingress, Path aeronDirectory, String egress, int pendingCapacity, TracingConfig tracing)
    {
        static Settings bind(final Config parsed, final String source)
        {
            final Config defaults = ConfigFactory.parseResources(DEFAULTS);
            final Config given = parsed.hasPath("cluster-gateway") ?
                parsed.getConfig("cluster-gateway").atKey("cluster-gateway") : ConfigFactory.empty();
            final Config config = given.withFallback(defaults).resolve();
            final ConfigReader reader = new ConfigReader(config, source);
            reader.rejectUnknownKeys(given, defaults);
            final long gatewayId = reader.longIn("cluster-gateway.gateway-id", 1, Long.MAX_VALUE);
            final String ingress = reader.nonBlank("cluster-gateway.ingress");
            final String egress = reader.nonBlank("cluster-gateway.egress");
            final int pending = reader.powerOfTwoIn("cluster-gateway.pending-capacity", 16, 1 << 24);
            final String dir = config.getString("cluster-gateway.aeron-dir");
            final Path aeronDirectory = dir.isBlank() ?
                Path.of(System.getProperty("java.io.tmpdir"), "dx-cluster-gateway-" + gatewayId + "-aeron") :
                Path.of(dir);
            final TracingConfig tracing = ClusterTracing.gateway(config, reader);
            return reader.finish(new Settings(gatewayId, ingress, aeronDirectory, egress, pending, tracing));
        }
    }
}
