package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.demo.DemoFeed;
import io.disruptorx.node.demo.DemoVenue;
import io.disruptorx.node.demo.ShardedDemoVenue;
import io.disruptorx.node.embedded.InstalledTracing;
import io.disruptorx.node.embedded.NodeTracingProvider;
import io.disruptorx.node.embedded.TracingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx demo}: a venue with simulated traders, a status line every second and a summary at the end.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a demo venue with simulated traders.",
        "An embedded node (journal, snapshots, engine) takes orders from simulated market makers and takers;",
        "a status line is printed every second (orders/s, trades/s, order-to-report latency, journal size) and",
        "/metrics and /health are served on loopback. At the end of --duration or on Ctrl-C it stops cleanly",
        "with a final snapshot; the next run recovers from the same data directory.",
        "The market data feed runs too: MoldUDP64 lines A and B (unicast on 127.0.0.1 by default, or multicast",
        "with --feed-multicast), retransmission, snapshot and TCP feed servers, and in-process subscribers whose",
        "books are compared with the engine's at the end.",
        "A binary order-entry gateway listens too (--gateway-port): two simulated traders use it over sockets,",
        "./dx order places orders by hand (user demo, password demo), and parity's POE clients connect to the",
        "next port.",
        "Tracing is off unless --trace-sample is above 0 (it needs dx-tracing.jar beside dx.jar)."})
public final class DemoCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10",
        description = "How long to run (default ${DEFAULT-VALUE}).")
    private int durationSeconds;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "dx-data/demo",
        description = "Journal and snapshots (default ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Option(names = "--rate", defaultValue = "50000",
        description = "Commands per second the traders offer (default ${DEFAULT-VALUE}).")
    private int rate;

    @Mixin
    private FlowOptions flow;

    @Option(names = "--http-port", defaultValue = "8080",
        description = "HTTP port on 127.0.0.1, 0 for any free port, -1 for none (default ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--gateway-port", paramLabel = "PORT", defaultValue = "31100",
        description = "Binary order entry (SoupBinTCP, native SBE) on 127.0.0.1:PORT, where some simulated traders " +
            "trade over real sockets and ./dx order connects, and parity's POE on PORT + 1; 0 for any free ports, " +
            "-1 for none (default ${DEFAULT-VALUE}).")
    private int gatewayPort;

    @Option(names = "--force-policy", defaultValue = "EVERY_BATCH",
        description = "Journal force policy: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; INTERVAL forces " +
            "every millisecond, NEVER is for benchmarks only).")
    private ForcePolicy forcePolicy;

    @Option(names = "--feed-subscribers", paramLabel = "N", defaultValue = "2",
        description = "In-process market data subscribers (default ${DEFAULT-VALUE}).")
    private int feedSubscribers;

    @Option(names = "--feed-loss", paramLabel = "PERCENT", defaultValue = "0",
        description = "Drop this percentage of packets on each line when sending, so gap recovery shows " +
            "(default ${DEFAULT-VALUE}).")
    private double feedLoss;

    @Option(names = "--feed-multicast", paramLabel = "GROUP_A:PORT,GROUP_B:PORT",
        description = "Multicast groups for lines A and B, e.g. 239.1.1.1:31001,239.1.1.2:31002 (default: unicast " +
            "on 127.0.0.1, which needs no multicast route).")
    private String feedMulticast;

    @Option(names = "--feed-interface", paramLabel = "NAME", defaultValue = "lo",
        description = "Interface for multicast lines (default ${DEFAULT-VALUE}).")
    private String feedInterface;

    @Option(names = "--feed-port", paramLabel = "BASE", defaultValue = "31000",
        description = "Unicast lines also go to 127.0.0.1:BASE+1 (A) and BASE+2 (B) for dx md-client; " +
            "retransmission on BASE+3 (UDP), snapshots on BASE+4 and the TCP feed on BASE+5; 0 for ephemeral " +
            "ports (default ${DEFAULT-VALUE}).")
    private int feedPort;

    @Option(names = "--trace-sample", paramLabel = "RATIO", defaultValue = "0",
        description = "Traces this share of new orders (0..1) and every order whose request carries a sampled " +
            "trace context, exported over OTLP to --trace-endpoint (needs dx-tracing.jar; default " +
            "${DEFAULT-VALUE}: off).")
    private double traceSample;

    @Option(names = "--trace-endpoint", paramLabel = "URL", defaultValue = "http://localhost:4318/v1/traces",
        description = "The OTLP/HTTP collector's traces endpoint (default ${DEFAULT-VALUE}).")
    private String traceEndpoint;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "1",
        description = "Runs the venue as N embedded shards (2 to 4) behind one shard gateway, the gateway's traders " +
            "as the order flow; each shard has its own data directory (DATA_DIR/shard-I) and market data session " +
            "(feed ports BASE+10*I), and its books are checked against its engine (default ${DEFAULT-VALUE}: one " +
            "node). No HTTP, TLS or tracing with more than one shard.")
    private int shards;

    @Override
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        if (shards != 1)
        {
            return runSharded(err);
        }
        if (durationSeconds < 1 || flow.instruments() < 1 || flow.instruments() > 1000 || flow.accounts() < 2 ||
            flow.accounts() > 100_000 ||
            rate < 1 || rate > 10_000_000 || httpPort < -1 || httpPort > 65_535 || gatewayPort < -1 ||
            gatewayPort > 65_535)
        {
            err.println("dx demo: need --duration >= 1, --instruments 1..1000, --accounts 2..100000, " +
                "--rate 1..10000000, --http-port -1..65535, --gateway-port -1..65535");
            return 2;
        }
        if (feedSubscribers < 0 || feedSubscribers > 64 || feedLoss < 0 || feedLoss > 50 || feedPort < 0 ||
            feedPort > 65_530)
        {
            err.println("dx demo: need --feed-subscribers 0..64, --feed-loss 0..50, --feed-port 0..65530");
            return 2;
        }
        final InetSocketAddress[] groups;
        try
        {
            groups = feedMulticast == null ? new InetSocketAddress[2] : groups(feedMulticast);
        }
        catch (final IllegalArgumentException | UnknownHostException ex)
        {
            err.println("dx demo: --feed-multicast: " + ex.getMessage());
            return 2;
        }
        final TracingConfig tracing;
        try
        {
            tracing = new TracingConfig(traceSample, traceEndpoint, "dx-demo");
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("dx demo: need --trace-sample 0..1 and an http:// or https:// --trace-endpoint: " +
                ex.getMessage());
            return 2;
        }
        final NodeTracingProvider.Session traces;
        try
        {
            traces = InstalledTracing.open(tracing);
        }
        catch (final RuntimeException ex)
        {
            return StartupErrors.report(err, "dx demo", ex);
        }
        try
        {
            return run(groups, tracing, traces, err);
        }
        finally
        {
            close(traces, err);
        }
    }

    /** Flushes the spans still queued once the node has closed. */
    private static void close(final NodeTracingProvider.Session traces, final PrintWriter err)
    {
        try
        {
            traces.close();
        }
        catch (final Exception ex)
        {
            err.println("dx demo: closing the trace exporter: " + ex.getMessage());
        }
    }

    private int run(
        final InetSocketAddress[] groups, final TracingConfig tracing, final NodeTracingProvider.Session traces,
        final PrintWriter err)
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (tracing.enabled())
        {
            out.printf("dx demo: tracing a share of %s of new orders and every sampled trace context, to %s%n",
                traceSample, traceEndpoint);
        }
        final DemoFeed.Settings feed =
            new DemoFeed.Settings(feedSubscribers, feedLoss, groups[0], groups[1], feedInterface, feedPort);
        final DemoVenue venue = new DemoVenue(
            new DemoVenue.Options(dataDirectory, flow.instruments(), flow.accounts(), flow.seed(), rate, httpPort,
                forcePolicy, feed, gatewayPort), traces.tracing());
        final ShutdownHook hook = ShutdownHook.register("dx-demo-stop", venue::stop);
        try
        {
            venue.run(durationSeconds * 1_000_000_000L, out);
        }
        catch (final RuntimeException ex)
        {
            return StartupErrors.report(err, "dx demo", ex);
        }
        finally
        {
            hook.close();
        }
        return 0;
    }

    private int runSharded(final PrintWriter err)
    {
        if (shards < 2 || shards > 4 || durationSeconds < 1 || flow.instruments() < 1 ||
            flow.instruments() > 1000 || flow.accounts() < 2 || flow.accounts() > 100_000 || rate < 1 ||
            rate > 10_000_000 || gatewayPort < 0 || gatewayPort > 65_535 || feedMulticast != null ||
            feedSubscribers < 0 || feedSubscribers > 64 || feedLoss < 0 || feedLoss > 50 || feedPort < 0 ||
            feedPort > 65_500 || httpPort < -1 || httpPort > 65_535)
        {
            err.println("dx demo --shards: need --shards 1..4, --duration >= 1, --instruments 1..1000, " +
                "--accounts 2..100000, --rate 1..10000000, a --gateway-port 0..65535 (the shard gateway), unicast " +
                "feeds (no --feed-multicast), --feed-subscribers 0..64, --feed-loss 0..50, --feed-port 0..65500, " +
                "--http-port -1..65535");
            return 2;
        }
        final DemoFeed.Settings feed = new DemoFeed.Settings(feedSubscribers, feedLoss, null, null, feedInterface,
            feedPort);
        final ShardedDemoVenue venue = new ShardedDemoVenue(new DemoVenue.Options(dataDirectory, flow.instruments(),
            flow.accounts(), flow.seed(), rate, httpPort, forcePolicy, feed, gatewayPort), shards);
        final ShutdownHook hook = ShutdownHook.register("dx-demo-stop", venue::stop);
        try
        {
            venue.run(durationSeconds * 1_000_000_000L, spec.commandLine().getOut());
        }
        catch (final RuntimeException ex)
        {
            return StartupErrors.report(err, "dx demo", ex);
        }
        finally
        {
            hook.close();
        }
        return 0;
    }

    private static InetSocketAddress[] groups(final String value) throws UnknownHostException
    {
        final String[] parts = value.split(",");
        if (parts.length != 2)
        {
            throw new IllegalArgumentException("expected GROUP_A:PORT,GROUP_B:PORT, got " + value);
        }
        final InetSocketAddress[] groups = new InetSocketAddress[2];
        for (int i = 0; i < 2; i++)
        {
            final int colon = parts[i].lastIndexOf(':');
            if (colon <= 0)
            {
                throw new IllegalArgumentException("expected GROUP:PORT, got " + parts[i]);
            }
            final InetAddress group = InetAddress.getByName(parts[i].substring(0, colon).trim());
            if (!group.isMulticastAddress())
            {
                throw new IllegalArgumentException(group.getHostAddress() + " is not a multicast address");
            }
            groups[i] = new InetSocketAddress(group, Integer.parseInt(parts[i].substring(colon + 1).trim()));
        }
        return groups;
    }
}
