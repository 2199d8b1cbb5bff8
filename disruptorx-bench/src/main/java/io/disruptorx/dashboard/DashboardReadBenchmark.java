package io.disruptorx.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.core.metrics.RegistryReader;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.feed.FeedMetrics;
import io.disruptorx.node.feed.NodeFeed;
import io.disruptorx.node.http.NodeApi;
import io.disruptorx.node.http.NodeHttpServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the dashboard's once-a-second metrics reading costs its thread, on the registry of a real node: an embedded
 * node with its market data feed, served as {@code dx node} serves it ({@link NodeApi#serve}: the node's metrics,
 * the HTTP server's, the JVM's, and the feed's, {@link FeedMetrics}), with {@code instruments} instruments traded,
 * so that every per-instrument and per-reason series exists. Before each read the node applies {@code orders} more
 * orders (crossing ones, so trades, reports and every stage's latency are recorded), in the invocation's set-up, not
 * timed.
 * <ul>
 *     <li>{@code reading}: the dashboard's whole reading, exactly as its tick does it when the metrics are due
 *         ({@link DashboardUpdates#tick}: the registry read through {@link RegistryReader} as {@code Dashboard}
 *         wires it, and the update's metrics JSON built);</li>
 *     <li>{@code collectCurrent}: {@link PrometheusCollector#collectCurrent()}, the whole registry in the
 *         Prometheus model, which the reading was built on until issue 13's last change, for comparison.</li>
 * </ul>
 * Run: {@code java -cp dx-bench.jar org.openjdk.jmh.Main DashboardReadBenchmark -prof gc} (warm: the read's cost
 * once its code is compiled), and {@code java -cp dx-bench.jar org.openjdk.jmh.Main DashboardReadBenchmark.reading
 * -bm ss -wi 30 -i 60 -f 2}: one read per iteration, as rarely as the dashboard reads (once a second; 30 reads
 * before measuring, as the dashboard bench's 30 s of page warm-up), so the code runs as compiled (or not) and on the
 * caches as the venue's reading does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
public class DashboardReadBenchmark
{
    private static final int BASE_ASSET_FIRST = 1;
    private static final int QUOTE_ASSET = 0;
    private static final long FUNDS = 1_000_000_000_000_000L;
    private static final long PRICE = 10_000;
    private static final long BUYER = 1;
    private static final long SELLER = 2;
    private static final long APPLY_TIMEOUT_NANOS = 10_000_000_000L;

    /** A node, its feed and HTTP server, and the dashboard's reader of its registry. */
    @State(Scope.Thread)
    public static class Node
    {
        /** Instruments added and traded. */
        @Param({"20"})
        public int instruments;

        /** Orders applied before each read (half of them trade). */
        @Param({"200"})
        public int orders;

        private Path directory;
        private NodeFeed feed;
        private EmbeddedNode node;
        private NodeHttpServer server;
        private NodeClient client;
        private PrometheusCollector collector;
        private DashboardUpdates updates;
        private long clientOrderId;
        private long readNanos;

        /**
         * Starts the node, its feed and server, and trades every instrument once.
         *
         * @throws IOException if the scratch directory cannot be made.
         */
        @Setup(Level.Trial)
        public void setUp() throws IOException
        {
            directory = Files.createTempDirectory("dx-bench-dashread-");
            feed = NodeFeed.start(FeedServerConfig.builder().session("DXBENCH").build());
            node = EmbeddedNode.start(NodeConfig.defaults(directory).withForcePolicy(ForcePolicy.NEVER, 1_000_000),
                feed.sink(), null);
            FeedMetrics.register(node.metrics(), feed.server());
            server = NodeApi.serve(node, new InetSocketAddress("127.0.0.1", 0), null, feed);
            client = node.newClient(true);
            long sequence = 0;
            for (int i = 0; i < instruments; i++)
            {
                final int instrument = i + 1;
                client.addInstrument(instrument, BASE_ASSET_FIRST + i, QUOTE_ASSET, 1, 1, 2, 0, 0, 0, PRICE, 0,
                    1_000);
                client.adjustBalance(BUYER, BASE_ASSET_FIRST + i, FUNDS);
                sequence = client.adjustBalance(SELLER, BASE_ASSET_FIRST + i, FUNDS);
            }
            client.adjustBalance(BUYER, QUOTE_ASSET, FUNDS);
            sequence = client.adjustBalance(SELLER, QUOTE_ASSET, FUNDS);
            awaitApplied(sequence);
            collector = new PrometheusCollector(node.metrics());
            final RegistryReader reader = new RegistryReader(node.metrics());
            updates = new DashboardUpdates(new MarketView(), () -> MetricsReading.of(reader),
                System::currentTimeMillis);
            trade(instruments * 2);
        }

        /**
         * Applies {@link #orders} more orders.
         */
        @Setup(Level.Invocation)
        public void record()
        {
            trade(orders);
        }

        private void trade(final int count)
        {
            long sequence = -1;
            for (int i = 0; i < count; i++)
            {
                final int instrument = 1 + (int)(clientOrderId % instruments);
                final boolean buy = (clientOrderId / instruments) % 2 == 0;
                sequence = client.newOrder(buy ? BUYER : SELLER, ++clientOrderId, instrument,
                    buy ? Side.BUY : Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                    SelfTradePrevention.CANCEL_NEWEST, PRICE, 1);
            }
            awaitApplied(sequence);
        }

        private void awaitApplied(final long sequence)
        {
            final long deadline = System.nanoTime() + APPLY_TIMEOUT_NANOS;
            while (node.appliedSequence() < sequence)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("node did not apply sequence " + sequence);
                }
                LockSupport.parkNanos(100_000);
            }
        }

        /**
         * Stops everything and removes the node's files.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            server.close();
            node.close();
            feed.close();
            try (var files = Files.walk(directory))
            {
                files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /**
     * @param node the node's registry and the dashboard's reader.
     */
    @Benchmark
    public void reading(final Node node)
    {
        node.readNanos += DashboardUpdates.METRICS_INTERVAL_NANOS;
        node.updates.tick(node.readNanos);
    }

    /**
     * @param node the node's registry.
     * @param hole consumes the collection.
     */
    @Benchmark
    public void collectCurrent(final Node node, final Blackhole hole)
    {
        hole.consume(node.collector.collectCurrent());
    }
}
