package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.disruptorx.bench.fix.FixLegs;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The binary legs of {@code dx bench gateway} alone, for profiling them: the plain load (warm-up, 50k/s paced,
 * saturated windows) and, with {@code --tls} (the JDK's provider) or {@code --tls-provider}, the same load over
 * the gateway's TLS listener (its 5 s warm-up, then as many saturated windows), on the same node and gateway as the
 * full benchmark starts them. After each saturated window it prints the CPU each thread of this JVM used during it
 * (from {@code /proc/self/task}; share of a core and microseconds per order), so what bounds the leg shows: the
 * load's thread, the gateway thread or the node's.
 *
 * <p>Arguments: {@code [--rounds N] [--tls | --tls-provider jdk|openssl]}. Run with the jar's class path:
 * {@code java -cp disruptorx-bench/target/dx-bench.jar io.disruptorx.bench.gateway.BinaryLegBench}.
 */
public final class BinaryLegBench
{
    private static final int WINDOW = 4_096;

    private BinaryLegBench()
    {
    }

    /**
     * @param args {@code [--rounds N] [--tls | --tls-provider jdk|openssl]}.
     * @throws IOException when the data directory cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        final Options options = ToolArgs.parse(new Options(), args);
        final int rounds = options.rounds;
        final TlsConfig.Provider tls = options.tls && options.provider == null ? TlsConfig.Provider.JDK
            : options.provider;
        final Path directory = Files.createTempDirectory("dx-bench-binary");
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(directory.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = GatewayQuickBench.startGateways(node, false, FixLegs.freePort(),
                directory.resolve("fix")))
        {
            try (GatewayLoad load = new GatewayLoad(
                new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort()), "bench",
                GatewayQuickBench.PASSWORD))
            {
                System.out.println("warm-up: " + load.paced(100_000, 1, 1).describe());
                System.out.println(load.paced(50_000, 1, 2).describe());
                saturatedWindows("plain", load, gateways, rounds);
            }
            if (tls != null)
            {
                try (TlsLeg.Connection connection = TlsLeg.open(gateways.gateway(),
                    TlsLeg.certificates(directory.resolve("tls")), "tlsb", GatewayQuickBench.PASSWORD,
                    GatewayQuickBench.firstAccount("tlsb"), tls))
                {
                    System.out.println("TLS warm-up: " +
                        connection.load().paced(50_000, 1, TlsLeg.WARMUP_FACTOR).describe());
                    saturatedWindows("TLS " + tls.name().toLowerCase(Locale.ROOT), connection.load(), gateways,
                        rounds);
                }
            }
        }
    }

    /**
     * Saturated windows, each followed by the CPU each thread used during it (share of a core and microseconds per
     * order) and the bytes the gateway and node threads allocated per order.
     */
    private static void saturatedWindows(
        final String tag, final GatewayLoad load, final NodeGateways gateways, final int rounds) throws IOException
    {
        for (int round = 0; round < rounds; round++)
        {
            final Map<Integer, long[]> before = threadTimes();
            final Map<String, Long> allocatedBefore = allocated();
            final long answeredBefore = gateways.gateway().core().counters().commandsSent();
            final long start = System.nanoTime();
            final GatewayLoad.Run run = load.saturated(WINDOW, 1, 2);
            final long elapsed = System.nanoTime() - start;
            final Map<String, Long> allocatedAfter = allocated();
            final long orders = gateways.gateway().core().counters().commandsSent() - answeredBefore;
            System.out.println(tag + " " + run.describe());
            printCpu(before, threadTimes(), elapsed, orders);
            for (final Map.Entry<String, Long> entry : allocatedAfter.entrySet())
            {
                final long bytes = entry.getValue() - allocatedBefore.getOrDefault(entry.getKey(), 0L);
                System.out.printf(Locale.ROOT, "  allocated on %s: %,d bytes over %,d orders (%.4f " +
                    "bytes/order)%n", entry.getKey(), bytes, orders, (double)bytes / Math.max(1, orders));
            }
        }
    }

    /**
     * @return bytes allocated so far by the gateway thread and the node's threads, by thread name.
     */
    private static Map<String, Long> allocated()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Map<String, Long> bytes = new TreeMap<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith("dx-gateway") || thread.getName().startsWith("[dx-gateway") ||
                thread.getName().startsWith("dx-node"))
            {
                bytes.put(thread.getName(), threads.getThreadAllocatedBytes(thread.getId()));
            }
        }
        return bytes;
    }

    static Map<Integer, long[]> threadTimes() throws IOException
    {
        final Map<Integer, long[]> times = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task")))
        {
            for (final Path task : (Iterable<Path>)tasks::iterator)
            {
                try
                {
                    final String stat = Files.readString(task.resolve("stat"));
                    final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    times.put(Integer.parseInt(task.getFileName().toString()),
                        new long[]{Long.parseLong(fields[11]), Long.parseLong(fields[12])});
                }
                catch (final IOException ex)
                {
                    continue;
                }
            }
        }
        return times;
    }

    static void printCpu(final Map<Integer, long[]> before, final Map<Integer, long[]> after,
        final long elapsedNanos) throws IOException
    {
        printCpu(before, after, elapsedNanos, 0);
    }

    /**
     * Prints each thread's CPU between two {@link #threadTimes()}, and per order when {@code orders} is positive.
     */
    static void printCpu(final Map<Integer, long[]> before, final Map<Integer, long[]> after,
        final long elapsedNanos, final long orders) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        final double ticks = elapsedNanos / 1e7;
        for (final Map.Entry<Integer, long[]> entry : after.entrySet())
        {
            final long[] was = before.getOrDefault(entry.getKey(), new long[2]);
            final long user = entry.getValue()[0] - was[0];
            final long system = entry.getValue()[1] - was[1];
            if (user + system > ticks * 0.02)
            {
                String name;
                try
                {
                    name = Files.readString(Path.of("/proc/self/task/" + entry.getKey() + "/comm")).trim();
                }
                catch (final IOException ex)
                {
                    name = "?";
                }
                lines.add(String.format(Locale.ROOT, "  %-24s %5.1f%% cpu (user %5.1f%%, sys %5.1f%%)%s", name,
                    100.0 * (user + system) / ticks, 100.0 * user / ticks, 100.0 * system / ticks, orders > 0 ?
                    String.format(Locale.ROOT, ", %.2f us per order", (user + system) * 1e4 / orders) : ""));
            }
        }
        lines.sort(null);
        lines.forEach(System.out::println);
    }

    /** The arguments. */
    @Command(name = "BinaryLegBench")
    static final class Options
    {
        @Option(names = "--rounds", description = "Saturated windows (default 3).")
        int rounds = 3;

        @Option(names = "--tls", description = "Also the TLS leg, with the JDK's provider.")
        boolean tls;

        @Option(names = "--tls-provider", description = "Also the TLS leg, with this provider: jdk or openssl.")
        TlsConfig.Provider provider;
    }
}
