package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.venue.NodeGateways;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.move.MoveStats;

/**
 * {@code dx bench shard}: what sharding costs and gives on this machine, all in one process.
 * <ul>
 *     <li>aggregate orders/s with 1, 2 and 4 embedded shards behind one sharded venue client
 *     ({@link ShardScaleLeg}); every shard's threads and the load's share the machine's cores, so on two cores more
 *     shards add threads, not capacity;</li>
 *     <li>a transfer between two shards over their links, start to settled (p50), and the halt of a move with
 *     {@value ShardMoveLeg#RESTING} resting orders (median of {@value ShardMoveLeg#MOVES} moves), as
 *     {@code dx shard-gateway} moves by default (restores after MoveOut's answer) and, in turn with those, with
 *     {@code --single-gateway} (restores with MoveOut) ({@link ShardMoveLeg}); these shards force their journals on
 *     every batch, as a crash-safe transfer or move needs;</li>
 *     <li>the binary gateway's order-to-acknowledgement latency and throughput over loopback TCP ({@link GatewayLoad})
 *     direct to one node and through the shard gateway over two shards' links ({@link ShardBenchVenue}), side by
 *     side: the cost of routing and of the link's extra hop.</li>
 * </ul>
 *
 * <p>Arguments: {@code --quick} (under 90 s: 1 s warm-up and 3 s measured per shard count, 1 s and 2 s per gateway
 * rate), {@code --force-policy POLICY} (the throughput legs' journal policy, default NEVER so that the figures are
 * the paths', not the disk's). Ends with exactly one line: {@code RESULT shard ops_1=<n> ops_2=<n> ops_4=<n>
 * transfer_p50_us=<n> move_halt_ms=<n> move_halt_single_gateway_ms=<n>} ({@code move_halt_ms}: the default mode).
 */
public final class ShardQuickBench
{
    private static final long[] RATES = {10_000, 50_000};
    private static final long WARMUP_RATE = 50_000;
    private static final int WINDOW = 4_096;
    private static final int[] SHARD_COUNTS = {1, 2, 4};
    /**
     * The RESULT line's keys in order: issue 12's, then {@code move_halt_single_gateway_ms} added at the end.
     */
    static final List<String> RESULT_KEYS = List.of("ops_1", "ops_2", "ops_4", "transfer_p50_us", "move_halt_ms",
        "move_halt_single_gateway_ms");

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
        final long started = System.nanoTime();
        final Path directory = Files.createTempDirectory("dx-bench-shard");
        try
        {
            System.out.printf(Locale.ROOT, "aggregate orders/s, N embedded shards behind one sharded client, %d " +
                "instruments spread evenly, journal force policy %s, %d cores for every shard and the load:%n",
                ShardScaleLeg.INSTRUMENTS, policy, Runtime.getRuntime().availableProcessors());
            final double[] ops = new double[SHARD_COUNTS.length];
            for (int i = 0; i < SHARD_COUNTS.length; i++)
            {
                ops[i] = ShardScaleLeg.run(SHARD_COUNTS[i], directory.resolve("scale-" + SHARD_COUNTS[i]), policy,
                    warmup, measure + 1);
            }
            System.out.println("transfers and moves between two shards over their links (journals forced on " +
                "every batch):");
            final ShardMoveLeg.Result moves = ShardMoveLeg.run(directory.resolve("moves"), ForcePolicy.EVERY_BATCH);
            System.out.printf(Locale.ROOT, "  transfer start to settled: p50 %,.1f us, p99 %,.1f us%n",
                moves.transferP50Nanos() / 1e3, moves.transferP99Nanos() / 1e3);
            System.out.printf(Locale.ROOT, "  move halt with %d resting orders, restores after MoveOut (the " +
                "default): %s ms (median %.1f ms)%n", ShardMoveLeg.RESTING, millis(moves.haltNanos()),
                moves.medianHaltNanos() / 1e6);
            System.out.printf(Locale.ROOT, "  move halt with %d resting orders, restores with MoveOut " +
                "(--single-gateway): %s ms (median %.1f ms)%n", ShardMoveLeg.RESTING,
                millis(moves.singleGatewayHaltNanos()), moves.medianSingleGatewayHaltNanos() / 1e6);
            printSteps(moves.stepNanos());
            compareWithDirect(directory, policy, warmup, measure);
            System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - started) / 1e9);
            System.out.println(resultLine(ops, moves));
        }
        finally
        {
            delete(directory);
        }
    }

    /**
     * The line the bench ends with: {@code RESULT shard} and {@link #RESULT_KEYS}, each {@code key=<whole number>}.
     *
     * @param ops   aggregate orders/s with 1, 2 and 4 shards, in that order; rounded to whole orders/s.
     * @param moves the transfer's p50 (rounded to whole us) and each mode's moves (median halt, rounded to whole ms).
     * @return the line, without a line separator.
     */
    static String resultLine(final double[] ops, final ShardMoveLeg.Result moves)
    {
        if (ops.length != SHARD_COUNTS.length)
        {
            throw new IllegalArgumentException("ops: one figure per shard count " + Arrays.toString(SHARD_COUNTS) +
                ", got " + ops.length);
        }
        final long[] values = {Math.round(ops[0]), Math.round(ops[1]), Math.round(ops[2]),
            Math.round(moves.transferP50Nanos() / 1e3), Math.round(moves.medianHaltNanos() / 1e6),
            Math.round(moves.medianSingleGatewayHaltNanos() / 1e6)};
        final StringBuilder line = new StringBuilder("RESULT shard");
        for (int i = 0; i < values.length; i++)
        {
            line.append(' ').append(RESULT_KEYS.get(i)).append('=').append(values[i]);
        }
        return line.toString();
    }

    private static List<String> millis(final long[] nanos)
    {
        return Arrays.stream(nanos).mapToObj(each -> String.format(Locale.ROOT, "%.1f", each / 1e6)).toList();
    }

    /**
     * Each move's steps as a row: when each ended, in ms from the move's start (the default mode's moves odd, the
     * single gateway's even).
     */
    private static void printSteps(final long[][] steps)
    {
        System.out.printf(Locale.ROOT, "  %-6s", "ms");
        for (final String step : MoveStats.STEPS)
        {
            System.out.printf(Locale.ROOT, " %14s", step);
        }
        System.out.println();
        for (int move = 0; move < steps.length; move++)
        {
            System.out.printf(Locale.ROOT, "  move %d", move + 1);
            for (final long nanos : steps[move])
            {
                System.out.printf(Locale.ROOT, " %14s", nanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f",
                    nanos / 1e6));
            }
            System.out.println();
        }
    }

    /**
     * The binary gateway direct to one node and through the shard gateway over two shards' links, side by side.
     */
    private static void compareWithDirect(
        final Path directory, final ForcePolicy policy, final double warmup, final double measure)
    {
        final Leg direct;
        try (EmbeddedNode node = EmbeddedNode.start(ShardBenchVenue.config(directory.resolve("direct"), policy),
            null, null))
        {
            direct = leg("binary gateway direct to one node", node.newVenueClient(), GatewayQuickBench.setUp(node),
                warmup, measure);
        }
        final Leg shard;
        try (ShardBenchVenue venue = new ShardBenchVenue(directory.resolve("sharded"), policy))
        {
            shard = leg("binary gateway through the shard gateway (2 shards over the shard link, instrument on " +
                "shard-" + venue.owner() + ")", venue.connect(), venue.gatewayConfig(), warmup, measure);
        }
        System.out.printf(Locale.ROOT, "%-28s %14s %14s %8s%n", "", "direct", "shard gateway", "ratio");
        for (final long rate : RATES)
        {
            row("p50 us at " + rate + "/s", direct.at(rate).latency().p50(), shard.at(rate).latency().p50());
            row("p99 us at " + rate + "/s", direct.at(rate).latency().p99(), shard.at(rate).latency().p99());
        }
        System.out.printf(Locale.ROOT, "%-28s %,14.0f %,14.0f %8.2f%n", "saturated orders/s",
            direct.saturated().completed(), shard.saturated().completed(),
            shard.saturated().completed() / Math.max(1, direct.saturated().completed()));
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
