package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.disruptorx.bench.fix.FixLegs;
import io.disruptorx.bench.fix.FixWireLoad;
import io.disruptorx.bench.fix.QfjLoad;
import io.disruptorx.gateway.fix.FixGateway;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;

/**
 * The FIX leg of {@code dx bench gateway} alone, for profiling it: the same node, gateways and wire load
 * ({@link FixWireLoad}) as the full benchmark, a 4 s unmeasured saturated warm-up, then saturated windows and one
 * paced run. After each it prints the CPU each thread of this JVM used during it (from {@code /proc/self/task}, user
 * and system time apart): the gateway thread, Artio's engine thread, its media driver and archive, the node, the
 * load.
 *
 * <p>Arguments: {@code [--rounds N] [--rate N]}. Run with the jar's class path and {@code ./dx}'s JVM flags:
 * {@code java -cp disruptorx-bench/target/dx-bench.jar io.disruptorx.bench.gateway.FixLegBench}.
 */
public final class FixLegBench
{
    private static final String[] ACCOUNTS = {"3", "4"};
    private static final String SYMBOL = "BENCH";

    private FixLegBench()
    {
    }

    /**
     * @param args {@code [--rounds N] [--rate N]}.
     * @throws Exception when the node, the gateway or the load cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        int rounds = 3;
        long rate = 50_000;
        for (int i = 0; i < args.length; i++)
        {
            if ("--rounds".equals(args[i]) && i + 1 < args.length)
            {
                rounds = Integer.parseInt(args[++i]);
            }
            else if ("--rate".equals(args[i]) && i + 1 < args.length)
            {
                rate = Long.parseLong(args[++i]);
            }
            else
            {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        final Path directory = Files.createTempDirectory("dx-bench-fix");
        final int port = FixLegs.freePort();
        final AtomicReference<FixGateway> fix = new AtomicReference<>();
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(directory.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = GatewayQuickBench.startGateways(node, false, port, directory.resolve("fix"),
                fix::set);
            FixWireLoad load = new FixWireLoad(port, FixLegs.FIX_USER, FixLegs.COMP_ID, GatewayQuickBench.PASSWORD,
                SYMBOL, ACCOUNTS))
        {
            System.out.println(load.saturated(FixLegs.WINDOW, 4, 0.1).describe("fix warm-up (not measured)"));
            for (int round = 0; round < rounds; round++)
            {
                measured(load, true, rate);
            }
            measured(load, false, rate);
            System.out.printf(Locale.ROOT, "FIX load: %,d blocked writes parked%n", load.blockedPasses());
            System.out.printf(Locale.ROOT, "FIX edge: %,d reports pushed back by Artio, %,d messages held back, "
                + "%,d orders decoded by Artio's decoder%n", fix.get().counters().sendsBackPressured(),
                fix.get().counters().messagesHeldBack(), fix.get().counters().ordersDecodedByArtio());
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

    private static void measured(final FixWireLoad load, final boolean saturated, final long rate) throws IOException
    {
        final Map<Integer, long[]> before = BinaryLegBench.threadTimes();
        final long start = System.nanoTime();
        final QfjLoad.Run run = saturated ? load.saturated(FixLegs.WINDOW, 1, 2) : load.paced(rate, 1, 2);
        final long elapsed = System.nanoTime() - start;
        System.out.println(run.describe("fix"));
        BinaryLegBench.printCpu(before, BinaryLegBench.threadTimes(), elapsed);
    }
}
