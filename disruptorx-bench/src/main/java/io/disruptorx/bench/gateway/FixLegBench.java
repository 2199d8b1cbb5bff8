package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.disruptorx.bench.fix.FixLegs;
import io.disruptorx.bench.fix.FixLoad;
import io.disruptorx.bench.fix.FixWireLoad;
import io.disruptorx.bench.fix.FixWireSessions;
import io.disruptorx.bench.fix.QfjAnchorVenue;
import io.disruptorx.bench.fix.QfjLoad;
import io.disruptorx.bench.node.OrderLoad;
import io.disruptorx.gateway.fix.FixGateway;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import quickfix.ConfigError;

/**
 * The FIX legs of {@code dx bench gateway} alone. {@link #main}: one leg for profiling it, our FIX gateway (the same
 * node, gateways and wire load as the full benchmark) or, with {@code --anchor}, the QuickFIX/J anchor; a 4 s
 * unmeasured saturated warm-up, then saturated windows and paced runs. After each it prints the CPU each thread
 * of this JVM used during it (from {@code /proc/self/task}, user and system time apart, and per order): the
 * gateway thread, Artio's engine thread, its media driver and archive, the node, the anchor's QuickFIX/J threads,
 * the load. {@link #compare}: the FIX comparison of {@code dx bench gateway} ({@link FixRounds}); {@link #fixOnly}:
 * {@code dx bench gateway --fix-only}, that comparison alone.
 *
 * <p>Arguments: {@code [--rounds N] [--rate N] [--paced N] [--sessions N] [--anchor]} (saturated windows, the
 * paced runs' rate, how many paced runs, the wire load's FIX sessions ({@link FixWireSessions})). Run with the
 * jar's class path and {@code ./dx}'s JVM flags:
 * {@code java -cp disruptorx-bench/target/dx-bench.jar io.disruptorx.bench.gateway.FixLegBench}.
 */
public final class FixLegBench
{
    private FixLegBench()
    {
    }

    /**
     * @param args {@code [--rounds N] [--rate N] [--paced N] [--sessions N] [--anchor]}.
     * @throws Exception when the node, the gateway or the load cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options = ToolArgs.parse(new Options(), args);
        final int rounds = options.rounds;
        final long rate = options.rate;
        final int sessions = options.sessions;
        final int paced = options.paced;
        final boolean anchor = options.anchor;
        final Path directory = Files.createTempDirectory("dx-bench-fix");
        try
        {
            if (anchor)
            {
                final int port = FixLegs.freePort();
                try (QfjAnchorVenue venue = FixLegs.anchorVenue(port, directory.resolve("anchor"), sessions);
                    FixLoad load = FixLegs.connectAnchor(FixLegs.Client.WIRE, sessions, port,
                        GatewayQuickBench.SYMBOL))
                {
                    rounds(load, "qfj", rounds, paced, rate);
                }
                return;
            }
            final int port = FixLegs.freePort();
            final AtomicReference<FixGateway> fix = new AtomicReference<>();
            try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(directory.resolve("node"))
                .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
                NodeGateways gateways = GatewayQuickBench.startGateways(node, false, port, directory.resolve("fix"),
                    fix::set);
                FixLoad load = FixLegs.connect(FixLegs.Client.WIRE, sessions, port, FixLegs::fixUser,
                    FixLegs.COMP_ID, GatewayQuickBench.PASSWORD, GatewayQuickBench.SYMBOL))
            {
                rounds(load, "fix", rounds, paced, rate);
                printEdge(fix.get());
                System.out.printf(Locale.ROOT, "gateway counters: %,d commands, %,d reports, %d internal errors%n",
                    gateways.gateway().core().counters().commandsSent(),
                    gateways.gateway().core().counters().reportsStored(),
                    gateways.gateway().core().counters().internalErrors());
            }
        }
        finally
        {
            GatewayQuickBench.delete(directory);
        }
    }

    private static void rounds(
        final FixLoad load, final String label, final int rounds, final int paced, final long rate) throws IOException
    {
        System.out.println(load.saturated(FixLegs.WINDOW, 4, 0.1).describe(label + " warm-up (not measured)"));
        for (int round = 0; round < rounds; round++)
        {
            measured(load, label, true, rate);
        }
        for (int round = 0; round < paced; round++)
        {
            measured(load, label, false, rate);
        }
        System.out.printf(Locale.ROOT, "FIX load: %,d blocked writes parked%n", blockedPasses(load));
    }

    private static long blockedPasses(final FixLoad load)
    {
        if (load instanceof FixWireLoad wire)
        {
            return wire.blockedPasses();
        }
        return load instanceof FixWireSessions wires ? wires.blockedPasses() : 0;
    }

    private static void measured(final FixLoad load, final String label, final boolean saturated, final long rate)
        throws IOException
    {
        final Map<Integer, long[]> before = BinaryLegBench.threadTimes();
        final long start = System.nanoTime();
        final QfjLoad.Run run = saturated ? load.saturated(FixLegs.WINDOW, 1, 2) : load.paced(rate, 1, 2);
        final long elapsed = System.nanoTime() - start;
        System.out.println(run.describe(label));
        BinaryLegBench.printCpu(before, BinaryLegBench.threadTimes(), elapsed, ((OrderLoad)load).answered());
    }

    private static void printEdge(final FixGateway fix)
    {
        System.out.printf(Locale.ROOT, "FIX edge: %,d reports pushed back by Artio (offered again), %,d " +
            "messages held back while their session's reports were unsent, %,d orders decoded by Artio's " +
            "decoder (not in place)%n", fix.counters().sendsBackPressured(), fix.counters().messagesHeldBack(),
            fix.counters().ordersDecodedByArtio());
    }

    /**
     * The FIX comparison ({@link FixRounds}): starts the anchor beside our FIX gateway, connects a load of the same
     * kind to each and runs the rounds.
     *
     * @param port      our FIX gateway's port.
     * @param fix       our FIX gateway (its edge's counters are printed after the rounds).
     * @param directory the run's data directory (the anchor's file store goes under it).
     * @param plan      the rounds and their passes.
     * @param client    the load of both legs.
     * @param sessions  the load's FIX sessions, in both legs.
     * @return what was measured.
     * @throws IOException when the threads' CPU times cannot be read.
     * @throws ConfigError when QuickFIX/J refuses its settings.
     */
    static FixComparison compare(
        final int port, final FixGateway fix, final Path directory, final FixRounds.Plan plan,
        final FixLegs.Client client, final int sessions) throws IOException, ConfigError
    {
        final int anchorPort = FixLegs.freePort();
        System.out.printf(Locale.ROOT, "FIX comparison, alternated: our FIX 4.4 gateway (Artio) on 127.0.0.1:%d and " +
            "the anchor, a QuickFIX/J 3.0.0 acceptor answering each NewOrderSingle with an ExecutionReport, on " +
            "127.0.0.1:%d, both listening; each leg its own %s load, %d FIX session%s; %s%n", port, anchorPort,
            client.describe(), sessions, sessions == 1 ? "" : "s on one thread", plan.describe());
        try (QfjAnchorVenue venue = FixLegs.anchorVenue(anchorPort, directory.resolve("anchor"), sessions);
            FixLoad ours = FixLegs.connect(client, sessions, port, FixLegs::fixUser, FixLegs.COMP_ID,
                GatewayQuickBench.PASSWORD, GatewayQuickBench.SYMBOL);
            FixLoad anchor = FixLegs.connectAnchor(client, sessions, anchorPort, GatewayQuickBench.SYMBOL))
        {
            final FixComparison comparison = new FixRounds(ours, anchor, plan).run();
            printEdge(fix);
            comparison.printSummary();
            return comparison;
        }
    }

    /**
     * {@code dx bench gateway --fix-only}: the node and gateways, then the FIX comparison ({@link #compare}) exactly
     * as the full benchmark runs it, without the binary, TLS and JSON legs; its RESULT line has {@code na} for those.
     *
     * @param plan     the FIX comparison's rounds and passes.
     * @param policy   the node's journal force policy.
     * @param yielding the gateway thread yields when idle instead of backing off.
     * @param client   the FIX load.
     * @param sessions the load's FIX sessions.
     * @throws IOException when the data directory cannot be made.
     * @throws ConfigError when QuickFIX/J refuses its settings.
     */
    static void fixOnly(
        final FixRounds.Plan plan, final ForcePolicy policy, final boolean yielding, final FixLegs.Client client,
        final int sessions) throws IOException, ConfigError
    {
        final Path directory = Files.createTempDirectory("dx-bench-gateway");
        try
        {
            final int port = FixLegs.freePort();
            final AtomicReference<FixGateway> fix = new AtomicReference<>();
            final FixComparison comparison;
            try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(directory.resolve("node"))
                .withForcePolicy(policy, 1_000_000L).withSnapshotEvery(0, 0), null, null);
                NodeGateways gateways = GatewayQuickBench.startGateways(node, yielding, port,
                    directory.resolve("fix"), fix::set))
            {
                System.out.printf(Locale.ROOT, "FIX legs only (--fix-only); node journal force policy %s%n", policy);
                comparison = compare(port, fix.get(), directory, plan, client, sessions);
            }
            System.out.println(GatewayPlan.resultLine(GatewayResult.onlyValues(comparison.values())));
        }
        finally
        {
            GatewayQuickBench.delete(directory);
        }
    }

    /** The arguments. */
    @Command(name = "FixLegBench")
    static final class Options
    {
        @Option(names = "--rounds", description = "Saturated windows (default 3).")
        int rounds = 3;

        @Option(names = "--rate", description = "The paced runs' orders/s (default 50,000).")
        long rate = 50_000;

        @Option(names = "--sessions", description = "The wire load's FIX sessions (default 1).")
        int sessions = 1;

        @Option(names = "--paced", description = "How many paced runs (default 1).")
        int paced = 1;

        @Option(names = "--anchor", description = "The QuickFIX/J anchor instead of our FIX gateway.")
        boolean anchor;
    }
}
