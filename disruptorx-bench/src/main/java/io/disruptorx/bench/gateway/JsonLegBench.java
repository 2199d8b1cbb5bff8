package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import io.disruptorx.bench.fix.FixLegs;
import io.disruptorx.bench.fix.QfjLoad;
import io.disruptorx.bench.json.JsonLeg;
import io.disruptorx.bench.json.JsonLoad;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The JSON leg of {@code dx bench gateway} alone. {@link #main}: for profiling it, on the same node, gateways and
 * load as the full benchmark, an unmeasured saturated warm-up (5 s unless told), then saturated windows, each
 * followed by the CPU each thread of this JVM used during it (from {@code /proc/self/task}, user and system time
 * apart, and per order): the gateway thread, the JSON edge's Netty I/O threads, the node, the load's WebSocket
 * client threads. {@link #jsonOnly}: {@code dx bench gateway --json-only}, the leg as the full benchmark measures
 * it.
 *
 * <p>Arguments: {@code [--rounds N] [--window N] [--warmup SECONDS]}. Run with the jar's class path and
 * {@code ./dx}'s JVM flags: {@code java -cp disruptorx-bench/target/dx-bench.jar
 * io.disruptorx.bench.gateway.JsonLegBench}.
 */
public final class JsonLegBench
{
    private JsonLegBench()
    {
    }

    /**
     * @param args {@code [--rounds N] [--window N] [--warmup SECONDS]}.
     * @throws IOException when the data directory cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        final Options options = ToolArgs.parse(new Options(), args);
        final int rounds = options.rounds;
        final int window = options.window;
        final double warmup = options.warmup;
        final Path directory = Files.createTempDirectory("dx-bench-json");
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(directory.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = GatewayQuickBench.startGateways(node, false, FixLegs.freePort(),
                directory.resolve("fix"));
            JsonLoad load = new JsonLoad("ws://127.0.0.1:" + gateways.jsonPort() + JsonLeg.PATH,
                GatewayQuickBench.JSON_KEY, GatewayQuickBench.JSON_SECRET, GatewayQuickBench.SYMBOL,
                GatewayQuickBench.JSON_ACCOUNTS))
        {
            System.out.println(load.saturated(window, warmup, 0.1).describe("json warm-up (not measured)"));
            for (int round = 0; round < rounds; round++)
            {
                final Map<Integer, long[]> before = BinaryLegBench.threadTimes();
                final long start = System.nanoTime();
                final QfjLoad.Run run = load.saturated(window, 1, 2);
                final long elapsed = System.nanoTime() - start;
                System.out.println(run.describe("json") + " (window " + window + ")");
                BinaryLegBench.printCpu(before, BinaryLegBench.threadTimes(), elapsed,
                    load.answered());
            }
            System.out.printf(Locale.ROOT, "gateway counters: %,d commands, %,d reports, %d internal errors%n",
                gateways.gateway().core().counters().commandsSent(),
                gateways.gateway().core().counters().reportsStored(),
                gateways.gateway().core().counters().internalErrors());
        }
        finally
        {
            GatewayQuickBench.delete(directory);
        }
    }

    /**
     * {@code dx bench gateway --json-only}: the node, gateways and the JSON leg exactly as the full benchmark runs
     * them, without the other legs; its RESULT line has {@code na} for those.
     *
     * @param quick    short runs.
     * @param policy   the node's journal force policy.
     * @param yielding the gateway thread yields when idle instead of backing off.
     * @throws IOException when the data directory cannot be made.
     */
    static void jsonOnly(final boolean quick, final ForcePolicy policy, final boolean yielding) throws IOException
    {
        final Path directory = Files.createTempDirectory("dx-bench-gateway");
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(directory.resolve("node"))
            .withForcePolicy(policy, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = GatewayQuickBench.startGateways(node, yielding, FixLegs.freePort(),
                directory.resolve("fix")))
        {
            System.out.printf(Locale.ROOT, "JSON leg only (--json-only); node journal force policy %s; JSON edge " +
                "(WebSocket API) on 127.0.0.1:%d%n", policy, gateways.jsonPort());
            final FixLegs.Leg json = JsonLeg.measure(gateways.jsonPort(), GatewayQuickBench.JSON_KEY,
                GatewayQuickBench.JSON_SECRET, GatewayQuickBench.SYMBOL, GatewayQuickBench.JSON_ACCOUNTS, quick);
            System.out.println("RESULT gateway binary_ops=na binary_p50_us=na binary_p99_us=na fix_ops=na " +
                "fix_p99_us=na qfj_ops=na qfj_p99_us=na json_ops=" + json.ops() + " json_p99_us=" + json.p99Micros());
        }
        finally
        {
            GatewayQuickBench.delete(directory);
        }
    }

    /** The arguments. */
    @Command(name = "JsonLegBench")
    static final class Options
    {
        @Option(names = "--rounds", description = "Saturated windows (default 3).")
        int rounds = 3;

        @Option(names = "--window", description = "Requests in flight.")
        int window = JsonLeg.WINDOW;

        @Option(names = "--warmup", description = "Unmeasured saturated warm-up, seconds (default 5).")
        double warmup = 5;
    }
}
