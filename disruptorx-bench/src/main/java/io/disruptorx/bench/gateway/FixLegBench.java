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
 * the load. {@link #fixOnly}: {@code dx bench gateway --fix-only}, both legs as the full benchmark measures them.
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
                    FixLoad load = FixLegs.connect(FixLegs.Client.WIRE, sessions, port, FixLegs::anchorUser,
                        "ANCHOR", "anchor", GatewayQuickBench.SYMBOL))
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

    static FixLegs.Leg oursLeg(
        final int port, final FixGateway fix, final boolean quick, final FixLegs.Client client, final int sessions)
        throws ConfigError
    {
        System.out.printf(Locale.ROOT, "FIX 4.4 gateway (Artio) on 127.0.0.1:%d, %s load, %d FIX session%s%n", port,
            client.describe(), sessions, sessions == 1 ? "" : "s on one thread");
        final FixLegs.Leg leg = FixLegs.ours(port, GatewayQuickBench.PASSWORD, GatewayQuickBench.SYMBOL, quick,
            client, sessions);
        printEdge(fix);
        return leg;
    }

    static FixLegs.Leg anchorLeg(
        final Path directory, final FixLegs.Leg fix, final boolean quick, final FixLegs.Client client,
        final int sessions) throws ConfigError
    {
        System.out.printf(Locale.ROOT, "anchor: QuickFIX/J 3.0.0 acceptor answering each NewOrderSingle with an " +
            "ExecutionReport, same %s load, %d FIX session%s%n", client.describe(), sessions, sessions == 1 ? "" : "s");
        final FixLegs.Leg anchor = FixLegs.anchor(directory.resolve("anchor"), GatewayQuickBench.SYMBOL, quick,
            client, sessions);
        System.out.printf(Locale.ROOT, "fix_ops/qfj_ops = %.2f; fix p99 %,d us vs qfj p99 %,d us%n",
            (double)fix.ops() / Math.max(1, anchor.ops()), fix.p99Micros(), anchor.p99Micros());
        final long rate = anchor.paced().rate();
        final long same = fix.p99MicrosAt(rate);
        System.out.println(same < 0 ? String.format(Locale.ROOT, "p99 at the same rate: not measured (the anchor " +
            "was paced at %,d/s, our leg was not)", rate) : String.format(Locale.ROOT, "p99 at the same rate, " +
            "%,d orders/s: fix %,d us vs qfj %,d us (%s)", rate, same, anchor.p99Micros(),
            same < anchor.p99Micros() ? "ours lower" : "ours not lower"));
        return anchor;
    }

    /**
     * {@code dx bench gateway --fix-only}: the node, gateways and our FIX leg, then the anchor's leg, exactly as the
     * full benchmark runs them, without the binary, TLS and JSON legs; its RESULT line has {@code na} for those.
     *
     * @param quick    short runs.
     * @param policy   the node's journal force policy.
     * @param yielding the gateway thread yields when idle instead of backing off.
     * @param client   the FIX load.
     * @param sessions the load's FIX sessions.
     * @throws IOException when the data directory cannot be made.
     * @throws ConfigError when QuickFIX/J refuses its settings.
     */
    static void fixOnly(
        final boolean quick, final ForcePolicy policy, final boolean yielding, final FixLegs.Client client,
        final int sessions) throws IOException, ConfigError
    {
        final Path directory = Files.createTempDirectory("dx-bench-gateway");
        try
        {
            final int port = FixLegs.freePort();
            final AtomicReference<FixGateway> fix = new AtomicReference<>();
            final FixLegs.Leg ours;
            try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(directory.resolve("node"))
                .withForcePolicy(policy, 1_000_000L).withSnapshotEvery(0, 0), null, null);
                NodeGateways gateways = GatewayQuickBench.startGateways(node, yielding, port,
                    directory.resolve("fix"), fix::set))
            {
                System.out.printf(Locale.ROOT, "FIX legs only (--fix-only); node journal force policy %s%n", policy);
                ours = oursLeg(port, fix.get(), quick, client, sessions);
            }
            final FixLegs.Leg anchor = anchorLeg(directory, ours, quick, client, sessions);
            System.out.println("RESULT gateway binary_ops=na binary_p50_us=na binary_p99_us=na fix_ops=" + ours.ops() +
                " fix_p99_us=" + ours.p99Micros() + " qfj_ops=" + anchor.ops() + " qfj_p99_us=" + anchor.p99Micros() +
                " json_ops=na json_p99_us=na");
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
