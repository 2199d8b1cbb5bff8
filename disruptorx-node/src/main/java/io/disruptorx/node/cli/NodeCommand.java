package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.disruptorx.core.config.ConfigLoader;
import io.disruptorx.core.config.ConfigReader;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsConfigBinder;
import io.disruptorx.core.tls.TlsConfigException;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewayConfigBinder;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.config.GatewayTlsConfig;
import io.disruptorx.gateway.edge.InstalledEdges;
import io.disruptorx.gateway.edge.ProtocolEdge;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.json.JsonEdge;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.InstalledTracing;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.embedded.NodeThreading;
import io.disruptorx.node.embedded.NodeTracingProvider;
import io.disruptorx.node.embedded.ThreadingMode;
import io.disruptorx.node.embedded.TracingConfig;
import io.disruptorx.node.feed.MarketDataConfig;
import io.disruptorx.node.http.NodeApi;
import io.disruptorx.node.http.NodeHttpServer;
import io.disruptorx.node.venue.JsonMarketData;
import io.disruptorx.node.venue.NodeGateways;
import io.disruptorx.node.venue.NodeMarketData;
import io.disruptorx.node.venue.TlsEdges;
import org.agrona.concurrent.BackoffIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx node --config FILE}: a configured embedded node that recovers its state, serves {@code /metrics}
 * and {@code /health}, and runs until stopped (Ctrl-C or SIGTERM), then stops cleanly with a final snapshot.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a configured embedded node until Ctrl-C.",
        "The HOCON file overrides the defaults in dx-node-defaults.conf (printed by --print-defaults); DX_*",
        "environment variables override the file. Every invalid key is reported, with what was expected."})
public final class NodeCommand implements Callable<Integer>
{
    private static final String DEFAULTS = "dx-node-defaults.conf";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigFileOptions configFileOptions = new ConfigFileOptions();

    @Option(names = "--trace-sample", paramLabel = "RATIO",
        description = "Traces this share of new orders (0..1) and every order whose request carries a sampled " +
            "trace context, exported over OTLP (node.tracing; needs dx-tracing.jar); overrides " +
            "node.tracing.sample-ratio.")
    private Double traceSample;

    /**
     * The validated settings of a node.
     *
     * @param node     node settings.
     * @param httpHost address the HTTP endpoint listens on ({@code 127.0.0.1}, or {@code 0.0.0.0} in a container).
     * @param httpPort HTTP port, -1 for none.
     * @param httpTls  HTTPS settings, or {@code null} for plain HTTP.
     * @param gateways order-entry gateway settings, or {@code null} for none.
     * @param json     the JSON edge's settings ({@code gateways.json}), or {@code null} for none.
     * @param security the gateways' user file and audit log ({@code gateways.security}).
     * @param edges    protocol edges of jars beside dx.jar that the configuration asks for ({@code gateways.fix}).
     * @param edgeTls  the gateways' TLS listeners ({@code gateways.soupbintcp.tls}, {@code gateways.fix.tls}).
     * @param tracing  the node's tracing ({@code node.tracing}).
     * @param marketData the market data feed ({@code market-data}), or {@code null} for none.
     */
    record Settings(
        NodeConfig node, String httpHost, int httpPort, TlsConfig httpTls, GatewayConfig gateways, JsonConfig json,
        GatewaySecurityConfig security, List<ProtocolEdge> edges, GatewayTlsConfig edgeTls, TracingConfig tracing,
        MarketDataConfig marketData)
    {
    }

    @Override
    public Integer call() throws InterruptedException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final int done = configFileOptions.printDefaultsOrRequireFile(spec, "dx node", DEFAULTS);
        if (done >= 0)
        {
            return done;
        }
        final Path configFile = configFileOptions.configFile();
        final Settings settings;
        final TracingConfig tracing;
        try
        {
            settings = load(configFile);
            tracing = traceSample == null ? settings.tracing() : settings.tracing().withSampleRatio(traceSample);
        }
        catch (final ConfigValidationException | IllegalArgumentException ex)
        {
            err.println("dx node: " + ex.getMessage());
            return 2;
        }
        final NodeTracingProvider.Session traces;
        final EmbeddedNode node;
        try
        {
            traces = InstalledTracing.open(tracing);
        }
        catch (final RuntimeException ex)
        {
            return StartupErrors.report(err, "dx node", ex);
        }
        final NodeMarketData marketData;
        try
        {
            marketData = settings.marketData() == null ? null : NodeMarketData.start(settings.marketData());
        }
        catch (final RuntimeException ex)
        {
            closeQuietly(traces);
            return StartupErrors.report(err, "dx node", ex);
        }
        try
        {
            node = EmbeddedNode.startTraced(settings.node(), marketData == null ? null : marketData.sink(), null,
                traces.tracing());
        }
        catch (final RuntimeException ex)
        {
            closeQuietly(traces);
            if (marketData != null)
            {
                marketData.close();
            }
            return StartupErrors.report(err, "dx node", ex);
        }
        final CountDownLatch stopRequested = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        final ShutdownHook hook = ShutdownHook.stopAndWait("dx-node-stop", stopRequested, stopped);
        try (node)
        {
            out.printf(Locale.ROOT, "dx node: data in %s, recovered to journal sequence %d (%,d commands replayed); " +
                "%s threading%n", settings.node().dataDirectory().toAbsolutePath(), node.recoveredSequence(),
                node.replayedCommands(), node.threadingMode().name().toLowerCase(Locale.ROOT));
            if (marketData != null)
            {
                try
                {
                    marketData.open(node);
                }
                catch (final UncheckedIOException | TlsConfigException ex)
                {
                    return StartupErrors.report(err, "dx node", ex);
                }
                marketData.describe("dx node: ", out);
            }
            final NodeHttpServer http;
            try
            {
                http = settings.httpPort() < 0 ? null : NodeApi.serve(node, new InetSocketAddress(settings.httpHost(),
                    settings.httpPort()), settings.httpTls(), marketData == null ? null : marketData.feed());
            }
            catch (final UncheckedIOException | TlsConfigException ex)
            {
                return StartupErrors.report(err, "dx node", ex);
            }
            if (http != null)
            {
                out.printf(Locale.ROOT, "dx node: %s://%s:%d/metrics, /health, /api/trades and /dashboard/%n",
                    settings.httpTls() == null ? "http" : "https", settings.httpHost(), http.port());
            }
            final JsonMarketData streams = marketData == null || settings.json() == null ? null :
                marketData.streams(settings.gateways().instruments());
            final NodeGateways gateways;
            try
            {
                gateways = settings.gateways() == null ? null : NodeGateways.start(node.newVenueClient(),
                    settings.gateways(), settings.json(), settings.security(),
                    new BackoffIdleStrategy(100, 10, 1_000, NodeGateways.MAX_PARK_NANOS),
                    InstalledEdges.agents(settings.edges(), settings.gateways()),
                    streams == null ? null : streams.streams());
            }
            catch (final UncheckedIOException | TlsConfigException ex)
            {
                if (streams != null)
                {
                    streams.close();
                }
                if (http != null)
                {
                    http.close();
                }
                return StartupErrors.report(err, "dx node", ex);
            }
            final TlsEdges tls;
            try
            {
                tls = gateways == null ? null : TlsEdges.start(settings.edgeTls(), gateways.gateway(),
                    settings.edges());
            }
            catch (final UncheckedIOException | TlsConfigException ex)
            {
                gateways.close();
                if (streams != null)
                {
                    streams.close();
                }
                if (http != null)
                {
                    http.close();
                }
                return StartupErrors.report(err, "dx node", ex);
            }
            if (gateways != null)
            {
                gateways.registerMetrics(node.metrics());
                gateways.describe("dx node: ", out);
                if (streams != null)
                {
                    out.printf(Locale.ROOT, "dx node: public streams on ws://127.0.0.1:%d%s (<symbol>@depth, " +
                        "@trade, @bookTicker from the market data feed)%n", gateways.jsonPort(),
                        JsonEdge.STREAMS_PATH);
                }
                settings.edges().forEach(edge -> edge.describe("dx node: ", out));
                settings.edges().forEach(edge -> edge.registerMetrics(node.metrics()));
                tls.registerMetrics(node.metrics());
                tls.describe("dx node: ", out);
                if (http != null && gateways.users() != null)
                {
                    http.secureDashboard(gateways.users(), gateways.auditRing());
                    out.println("dx node: dashboard sign-in with the user file's users (OPERATOR and RISK may act)");
                }
            }
            out.println("dx node: running; Ctrl-C stops it with a final snapshot");
            out.flush();
            try
            {
                stopRequested.await();
            }
            finally
            {
                if (tls != null)
                {
                    tls.close();
                }
                if (gateways != null)
                {
                    gateways.close();
                }
                if (streams != null)
                {
                    streams.close();
                }
                if (http != null)
                {
                    http.close();
                }
            }
        }
        finally
        {
            if (marketData != null)
            {
                marketData.close();
            }
            closeQuietly(traces);
            hook.close();
            stopped.countDown();
        }
        return 0;
    }

    private static void closeQuietly(final NodeTracingProvider.Session traces)
    {
        try
        {
            traces.close();
        }
        catch (final Exception ex)
        {
            System.err.println("dx node: flushing the last spans failed: " + ex);
        }
    }

    static Settings load(final Path file)
    {
        final Config given = new ConfigLoader().parse(file);
        final Config defaults = ConfigFactory.parseResources(DEFAULTS);
        final Config parsed = given.withFallback(defaults).resolve();
        final ConfigReader reader = new ConfigReader(parsed, file.toString());
        reader.rejectUnknownKeys(writtenForTheNode(given).withoutPath(GatewayConfigBinder.SECTION)
            .withoutPath(MarketDataConfig.SECTION), defaults);
        final Path dataDirectory = Path.of(reader.nonBlank("node.data-dir"));
        final ForcePolicy policy = reader.enumOf("node.journal.force-policy", ForcePolicy.class);
        final Duration interval = reader.durationIn(
            "node.journal.force-interval", Duration.ofNanos(1_000), Duration.ofSeconds(10));
        final int segmentSize = reader.intIn("node.journal.segment-size", 64 * 1024, 1 << 30);
        if (segmentSize % 4096 != 0)
        {
            reader.reject("node.journal.segment-size", Integer.toString(segmentSize), "a multiple of 4096");
        }
        final int input = reader.powerOfTwoIn("node.rings.input", 64, 1 << 24);
        final int output = reader.powerOfTwoIn("node.rings.output", 64, 1 << 26);
        final long everyCommands = reader.longIn("node.snapshot.every-commands", 0, Long.MAX_VALUE);
        final Duration every = reader.durationIn("node.snapshot.every", Duration.ZERO, Duration.ofDays(1));
        final int keep = reader.intIn("node.snapshot.keep", 1, 1000);
        final boolean deleteCovered = reader.bool("node.snapshot.delete-covered-segments");
        final int httpPort = reader.intIn("node.http.port", -1, 65_535);
        final String httpHost = reader.nonBlank("node.http.host");
        final TlsConfig httpTls = TlsConfigBinder.bind(parsed, reader, "node.http.tls");
        final boolean stageLatency = reader.bool("node.metrics.stage-latency");
        final NodeThreading threading = threading(parsed, reader);
        final TracingConfig tracing = tracing(parsed, reader);
        final NodeConfig node = reader.finish(new NodeConfig(dataDirectory, EngineConfig.defaults(), policy,
            interval.toNanos(), segmentSize, input, output, everyCommands, every.toNanos(), keep, deleteCovered)
            .withThreading(threading).withStageLatency(stageLatency));
        final GatewayConfig gateways = GatewayConfigBinder.bind(parsed.withoutPath(JsonConfig.SECTION),
            file.toString());
        return new Settings(node, httpHost, httpPort, httpTls, gateways, gateways == null ? null :
            JsonConfig.bind(parsed, file.toString(), gateways.users().stream().map(e -> e.user()).toList()),
            GatewaySecurityConfig.bind(parsed, file.toString()).withCheckpointsIn(dataDirectory),
            gateways == null ? List.of() : InstalledEdges.load().bind(parsed, file.toString(), dataDirectory),
            GatewayTlsConfig.bind(parsed, file.toString()), tracing, MarketDataConfig.bind(parsed, file.toString()));
    }

    private static TracingConfig tracing(final Config parsed, final ConfigReader reader)
    {
        final String key = "node.tracing.sample-ratio";
        double ratio = 0;
        try
        {
            ratio = parsed.getDouble(key);
        }
        catch (final ConfigException ex)
        {
            reader.reject(key, parsed.hasPath(key) ? parsed.getValue(key).render(ConfigRenderOptions.concise()) :
                "(missing)", "a number in [0, 1]");
        }
        try
        {
            return new TracingConfig(ratio, reader.nonBlank("node.tracing.otlp-endpoint"),
                reader.nonBlank("node.tracing.service-name"));
        }
        catch (final IllegalArgumentException ex)
        {
            reader.reject("node.tracing", parsed.getValue("node.tracing").render(ConfigRenderOptions.concise()),
                ex.getMessage());
            return TracingConfig.OFF;
        }
    }

    private static NodeThreading threading(final Config parsed, final ConfigReader reader)
    {
        final ThreadingMode mode = reader.enumOf("node.threading.mode", ThreadingMode.class);
        final String key = "node.threading.affinity";
        final String expected = "a list of distinct CPU numbers, e.g. [2] or [2, 3]";
        try
        {
            return new NodeThreading(mode, parsed.getIntList(key), reader.enumOf("node.threading.pipelined-forces",
                NodeThreading.Pipelining.class));
        }
        catch (final ConfigException | IllegalArgumentException ex)
        {
            final String given =
                parsed.hasPath(key) ? parsed.getValue(key).render(ConfigRenderOptions.concise()) : "(missing)";
            reader.reject(key, given, expected);
            return NodeThreading.of(mode);
        }
    }

    /**
     * @return every key of the file, and the environment overrides meant for the node ({@code DX_NODE_*}); other
     * {@code DX_*} variables (such as {@code DX_JAVA_OPTS}) are not configuration keys.
     */
    private static Config writtenForTheNode(final Config given)
    {
        Config keys = given;
        for (final Map.Entry<String, ConfigValue> entry : given.entrySet())
        {
            if (entry.getValue().origin().description().startsWith(ConfigLoader.ENVIRONMENT_ORIGIN) &&
                !entry.getKey().startsWith("node."))
            {
                keys = keys.withoutPath(entry.getKey());
            }
        }
        return keys;
    }
}
