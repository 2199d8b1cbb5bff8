package io.disruptorx.node.shard;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.core.tls.TlsConfigException;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.cli.ShutdownHook;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.feed.MarketDataConfig;
import io.disruptorx.node.http.NodeHttpServer;
import io.disruptorx.node.venue.NodeMarketData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx shard-host --data-dir DIR}: one shard as a process of its own, an embedded node (journal, snapshots,
 * engine) that serves its venue over the shard link to {@code dx shard-gateway}, until Ctrl-C or SIGTERM, then stops
 * with a final snapshot. With {@code --http} it serves the node's {@code /metrics} (among them the commands per
 * instrument {@code dx shard plan --metrics} reads) and {@code /health}. With {@code --feed-shard} or
 * {@code --market-data} it publishes the shard's own market data feed session ({@link ShardFeedOptions}).
 */
@Command(
    name = "shard-host",
    mixinStandardHelpOptions = true,
    description = {"Runs one shard (an embedded node) and serves it to dx shard-gateway over the shard link",
        "until Ctrl-C. docs/scaling.md."})
public final class ShardHostCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Journal and snapshots.")
    private Path dataDirectory;

    @Option(names = "--link", defaultValue = "127.0.0.1:0", paramLabel = "HOST:PORT",
        description = "Where the shard link listens (default ${DEFAULT-VALUE}: loopback, any free port).")
    private String link;

    @Option(names = "--force-policy", defaultValue = "EVERY_BATCH",
        description = "Journal force policy: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private ForcePolicy forcePolicy;

    @Option(names = "--http", paramLabel = "HOST:PORT",
        description = "Serve /metrics and /health here (port 0: any free port; default: none).")
    private String http;

    @Mixin
    private ShardFeedOptions feedOptions = new ShardFeedOptions();

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final int colon = link.lastIndexOf(':');
        if (colon <= 0)
        {
            spec.commandLine().getErr().println("dx shard-host: --link must be HOST:PORT, was " + link);
            return 2;
        }
        final InetSocketAddress address =
            new InetSocketAddress(link.substring(0, colon), Integer.parseInt(link.substring(colon + 1)));
        final int httpColon = http == null ? -1 : http.lastIndexOf(':');
        if (http != null && httpColon <= 0)
        {
            spec.commandLine().getErr().println("dx shard-host: --http must be HOST:PORT, was " + http);
            return 2;
        }
        final MarketDataConfig feed;
        try
        {
            feed = feedOptions.config();
        }
        catch (final ConfigValidationException | IllegalArgumentException ex)
        {
            spec.commandLine().getErr().println("dx shard-host: " + ex.getMessage());
            return 2;
        }
        final NodeConfig config = NodeConfig.defaults(dataDirectory)
            .withForcePolicy(forcePolicy, TimeUnit.MILLISECONDS.toNanos(1));
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        ShutdownHook.stopAndWait("dx-shard-host-stop", stop, stopped);
        try (NodeMarketData marketData = feed == null ? null : NodeMarketData.start(feed);
            EmbeddedNode node = ShardFeedOptions.startNode(config, marketData);
            ShardLinkServer server = new ShardLinkServer(node, config, address);
            NodeHttpServer httpServer = http == null ? null : NodeHttpServer.start(new InetSocketAddress(
                http.substring(0, httpColon), Integer.parseInt(http.substring(httpColon + 1))), node.metrics(),
                () -> health(node), Map.of()))
        {
            out.println("dx shard-host: node on " + dataDirectory + " recovered to sequence " +
                node.recoveredSequence());
            out.println("dx shard-host: shard link on " + server.address().getHostString() + ":" +
                server.address().getPort() + String.format(Locale.ROOT, " (move path warmed up in %.0f ms)",
                server.warmUpNanos() / 1e6));
            if (marketData != null)
            {
                marketData.describe("dx shard-host: ", out);
            }
            if (httpServer != null)
            {
                out.println("dx shard-host: metrics on http://" + http.substring(0, httpColon) + ":" +
                    httpServer.port() + "/metrics");
            }
            out.flush();
            stop.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final UncheckedIOException | TlsConfigException ex)
        {
            spec.commandLine().getErr().println("dx shard-host: " + ex.getMessage());
            return 1;
        }
        finally
        {
            stopped.countDown();
        }
        return 0;
    }

    private static String health(final EmbeddedNode node)
    {
        return "{\"status\":\"" + (node.journalFailure() == null ? "UP" : "DOWN") + "\",\"appliedSequence\":" +
            node.appliedSequence() + "}";
    }
}
