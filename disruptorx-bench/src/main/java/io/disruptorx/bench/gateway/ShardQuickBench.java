package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.disruptorx.bench.node.LatencySummary;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.venue.NodeGateways;
import io.disruptorx.protocol.venue.VenueClient;

/**
 * {@code dx bench shard}: the binary gateway's order-to-acknowledgement latency and throughput over loopback TCP
 * ({@link GatewayLoad}) in two set-ups side by side: direct (the gateway on one embedded node's venue client, as
 * {@code dx node} runs it) and through the shard gateway (the gateway on a sharded client over two shards' links, as
 * {@code dx shard-gateway} runs it in front of two {@code dx shard-host}s; {@link ShardBenchVenue}), with the ratio
 * shard / direct. The bench's instrument lives on one shard, so the comparison is the cost of routing and of the
 * shard link's extra hop (a socket and a thread on each side), not of a second engine. Everything runs in one process
 * on this machine's cores, the load client included.
 *
 * <p>Arguments: {@code --quick} (1 s warm-up and 2 s measured per rate, after an unmeasured pass), {@code
 * --force-policy POLICY} (the nodes' journal policy, default NEVER so that the figures are the paths', not the
 * disk's). Ends with one {@code RESULT shard ...} line.
 */
public final class ShardQuickBench
{
    private static final long[] RATES = {10_000, 50_000};
    private static final long HEADLINE_RATE = 10_000;
    private static final long WARMUP_RATE = 50_000;
    private static final int WINDOW = 4_096;

    private ShardQuickBench()
    {
    }

    /**
     * What one set-up measured: one run per rate, then the saturated run.
     */
    record Leg(String name, List<GatewayLoad.Run> paced, GatewayLoad.Run saturated)
    {
        GatewayLoad.Run at(final long rate)
        {
            return paced.stream().filter(run -> run.rate() == rate).findFirst().orElseThrow();
        }
    }

    /**
     * @param args {@code [--quick] [--force-policy NEVER|INTERVAL|EVERY_BATCH]}.
     * @throws IOException when the data directory cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        boolean quick = false;
        ForcePolicy policy = ForcePolicy.NEVER;
        for (int i = 0; i < args.length; i++)
        {
            if ("--quick".equals(args[i]))
            {
                quick = true;
            }
            else if ("--force-policy".equals(args[i]) && i + 1 < args.length)
            {
                policy = ForcePolicy.valueOf(args[++i].toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            else
            {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        final double warmup = quick ? 1 : 3;
        final double measure = quick ? 2 : 10;
        final Path directory = Files.createTempDirectory("dx-bench-shard");
        try
        {
            final Leg direct;
            try (EmbeddedNode node = EmbeddedNode.start(ShardBenchVenue.config(directory.resolve("direct"), policy),
                null, null))
            {
                direct = leg("direct to one node", node.newVenueClient(), GatewayQuickBench.setUp(node), warmup,
                    measure);
            }
            final Leg shard;
            try (ShardBenchVenue venue = new ShardBenchVenue(directory.resolve("sharded"), policy))
            {
                shard = leg("through the shard gateway (2 shards over the shard link, instrument on shard-" +
                    venue.owner() + ")", venue.connect(), venue.gatewayConfig(), warmup, measure);
            }
            System.out.printf(Locale.ROOT, "%nnodes' journal force policy %s; %d cores for the nodes, the gateway, " +
                "the shard links and the load client%n", policy, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-28s %14s %14s %8s%n", "", "direct", "shard gateway", "ratio");
            for (final long rate : RATES)
            {
                row("p50 us at " + rate + "/s", direct.at(rate).latency().p50(), shard.at(rate).latency().p50());
                row("p99 us at " + rate + "/s", direct.at(rate).latency().p99(), shard.at(rate).latency().p99());
            }
            System.out.printf(Locale.ROOT, "%-28s %,14.0f %,14.0f %8.2f%n", "saturated orders/s",
                direct.saturated().completed(), shard.saturated().completed(),
                shard.saturated().completed() / Math.max(1, direct.saturated().completed()));
            final LatencySummary directLatency = direct.at(HEADLINE_RATE).latency();
            final LatencySummary shardLatency = shard.at(HEADLINE_RATE).latency();
            System.out.printf(Locale.ROOT, "RESULT shard direct_ops=%d shard_ops=%d ops_ratio=%.2f " +
                "direct_p50_us=%d shard_p50_us=%d direct_p99_us=%d shard_p99_us=%d%n",
                Math.round(direct.saturated().completed()), Math.round(shard.saturated().completed()),
                shard.saturated().completed() / Math.max(1, direct.saturated().completed()),
                LatencySummary.micros(directLatency.p50()), LatencySummary.micros(shardLatency.p50()),
                LatencySummary.micros(directLatency.p99()), LatencySummary.micros(shardLatency.p99()));
        }
        finally
        {
            delete(directory);
        }
    }

    /**
     * Starts the node's gateway on the venue client and measures it: an unmeasured warm-up pass, each paced rate,
     * then a full window.
     */
    static Leg leg(
        final String name, final VenueClient venue, final GatewayConfig config,
        final double warmup, final double measure)
    {
        System.out.println(name + ":");
        try (NodeGateways gateways = NodeGateways.start(venue, config);
            GatewayLoad load = new GatewayLoad(new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort()),
                "bench", GatewayQuickBench.PASSWORD))
        {
            System.out.println("  warm-up (not measured): " + load.paced(WARMUP_RATE, warmup, warmup).describe());
            final List<GatewayLoad.Run> paced = new ArrayList<>();
            for (final long rate : RATES)
            {
                final GatewayLoad.Run run = load.paced(rate, warmup, measure);
                System.out.println("  " + run.describe());
                paced.add(run);
            }
            final GatewayLoad.Run saturated = load.saturated(WINDOW, warmup, measure);
            System.out.println("  " + saturated.describe() + " (window " + WINDOW + ", closed loop)");
            return new Leg(name, paced, saturated);
        }
    }

    private static void row(final String what, final long directNanos, final long shardNanos)
    {
        System.out.printf(Locale.ROOT, "%-28s %,14.1f %,14.1f %8.2f%n", what, directNanos / 1000.0,
            shardNanos / 1000.0, (double)shardNanos / Math.max(1, directNanos));
    }

    private static void delete(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
