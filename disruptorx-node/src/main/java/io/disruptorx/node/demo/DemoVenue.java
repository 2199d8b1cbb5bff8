package io.disruptorx.node.demo;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.core.metrics.LatencySnapshot;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.embedded.NodeTracing;
import io.disruptorx.node.http.NodeApi;
import io.disruptorx.node.http.NodeHttpServer;
import io.disruptorx.node.text.StateReport;
import io.disruptorx.node.venue.TlsEdges;

/**
 * The demo venue: an embedded node (journal, snapshots, engine, output ring) fed by simulated traders on a
 * producer thread at a paced rate, with an HTTP endpoint, the market data feed (lines A/B, retransmission,
 * recovery and TCP servers) followed by in-process subscribers, and a status line every second. It stops at the
 * end of its duration or on {@link #stop()} with a final snapshot, so the next run recovers where this one
 * ended; then the feed ends its session and every subscriber's book is compared with the engine's.
 */
public final class DemoVenue
{
    private static final long SECOND = 1_000_000_000L;
    private static final long TICK = 1_000_000L;

    private final Options options;
    private final NodeTracing tracing;
    private final DemoStats stats = new DemoStats();
    private final DemoStop stopping = new DemoStop();
    private volatile long sent;
    private DemoGateway gateway;
    private TlsEdges tls;

    /**
     * Demo settings.
     *
     * @param dataDirectory journal and snapshots.
     * @param instruments   instruments to list on a fresh data directory.
     * @param accounts      trading accounts.
     * @param seed          order flow seed.
     * @param rate          commands per second the traders offer.
     * @param httpPort      HTTP port on loopback (0 for any free port, -1 for none).
     * @param forcePolicy   journal force policy (every batch is durable against power loss; interval forces
     *                      every millisecond).
     * @param feed          market data feed settings.
     * @param gatewayPort   binary gateway port on loopback (0 for any free port, -1 for no gateway).
     */
    public record Options(
        Path dataDirectory,
        int instruments,
        int accounts,
        long seed,
        int rate,
        int httpPort,
        ForcePolicy forcePolicy,
        DemoFeed.Settings feed,
        int gatewayPort)
    {
    }

    /**
     * @param options settings.
     */
    public DemoVenue(final Options options)
    {
        this(options, NodeTracing.OFF);
    }

    /**
     * @param options settings.
     * @param tracing how the node records traces ({@code dx demo --trace-sample}); the caller closes its exporter
     *                after {@link #run} returns.
     */
    public DemoVenue(final Options options, final NodeTracing tracing)
    {
        this.options = options;
        this.tracing = tracing;
    }

    /**
     * Asks a running venue to stop and waits (up to a minute) until it has stopped cleanly, final snapshot
     * written: called from a shutdown hook on Ctrl-C, it keeps the JVM alive until then.
     */
    public void stop()
    {
        stopping.requestAndAwait();
    }

    /**
     * Runs until the duration has passed or {@link #stop()} is called, then stops the node and prints a summary.
     *
     * @param durationNanos how long.
     * @param out           where status and summary go.
     */
    public void run(final long durationNanos, final PrintWriter out)
    {
        final NodeConfig config = NodeConfig.defaults(options.dataDirectory()).withSegmentSize(16 * 1024 * 1024)
            .withForcePolicy(options.forcePolicy(), 1_000_000L);
        final DemoFeed feed = DemoFeed.start(options.feed());
        final EmbeddedNode node;
        try
        {
            node = EmbeddedNode.startTraced(config, feed.nodeFeed().sink(), stats, tracing);
        }
        catch (final RuntimeException ex)
        {
            feed.close();
            stopping.stopped();
            throw ex;
        }
        final NodeHttpServer http;
        try
        {
            http = options.httpPort() < 0 ? null :
                NodeApi.serve(node, new InetSocketAddress("127.0.0.1", options.httpPort()), null, feed.nodeFeed());
        }
        catch (final RuntimeException ex)
        {
            node.close();
            feed.close();
            stopping.stopped();
            throw ex;
        }
        try
        {
            out.printf(Locale.ROOT, "dx demo: data in %s (recovered to journal sequence %d, %,d commands replayed)%n",
                options.dataDirectory().toAbsolutePath(), node.recoveredSequence(), node.replayedCommands());
            feed.startSubscribers(node, out);
            if (http != null)
            {
                out.printf(Locale.ROOT, "dx demo: http://127.0.0.1:%d/metrics and /health%n", http.port());
                out.printf(Locale.ROOT, "dx demo: dashboard http://127.0.0.1:%d/dashboard/%n", http.port());
            }
            if (options.gatewayPort() >= 0)
            {
                gateway = DemoGateway.start(node, options.gatewayPort(), options.instruments(),
                    options.accounts() + 1, Math.max(1_000, options.rate() / 10), out, options.dataDirectory(),
                    feed.nodeFeed());
                if (http != null && gateway.gateways().users() != null)
                {
                    http.secureDashboard(gateway.gateways().users(), gateway.gateways().auditRing());
                    out.printf(Locale.ROOT, "dx demo: dashboard sign-in: ops (operator) or risk, password %s%n",
                        DemoGateway.PASSWORD);
                }
            }
            tls = DemoTls.start(DemoTls.certificates(options.dataDirectory()),
                gateway == null ? null : gateway.gateways().gateway(), options.gatewayPort() > 0,
                feed.nodeFeed().server(), options.feed().portBase() > 0, node.metrics(), out);
            out.printf(Locale.ROOT, "dx demo: %d instruments, %d traders offering %,d commands/s for %d s; " +
                "journal force policy %s; %s threading (%d cores)%n", options.instruments(), options.accounts(),
                options.rate(), durationNanos / SECOND, options.forcePolicy(),
                node.threadingMode().name().toLowerCase(Locale.ROOT), Runtime.getRuntime().availableProcessors());
            out.flush();
            final Thread traders = new Thread(() -> trade(node), "dx-demo-traders");
            traders.setDaemon(true);
            traders.start();
            reportEverySecond(node, feed, durationNanos, out);
            stopping.request();
            join(traders);
        }
        finally
        {
            if (http != null)
            {
                http.close();
            }
            if (tls != null)
            {
                tls.close();
            }
            if (gateway != null)
            {
                gateway.close();
            }
            node.close();
        }
        try
        {
            final List<List<String>> differences = feed.finish(node.engineAfterClose());
            printSummary(node, out);
            if (gateway != null)
            {
                gateway.printSummary(out);
            }
            feed.printSummary(differences, out);
        }
        finally
        {
            feed.close();
            stopping.stopped();
        }
    }

    private void trade(final EmbeddedNode node)
    {
        // every client order id of an earlier run is below the journal sequence it reached (one command each)
        final SimulatedTraders traders = new SimulatedTraders(
            node.newClient(true), stats, options.seed() + node.recoveredSequence(), options.instruments(),
            options.accounts(), node.recoveredSequence());
        if (node.recoveredSequence() == 0)
        {
            traders.setUp();
        }
        if (gateway != null)
        {
            gateway.startTraders(node, node.recoveredSequence() == 0);
        }
        final long perTick = Math.max(1, options.rate() / 1000);
        long next = System.nanoTime();
        while (stopping.running())
        {
            for (long i = 0; i < perTick; i++)
            {
                traders.step();
            }
            sent = sent + perTick;
            next += TICK;
            final long wait = next - System.nanoTime();
            if (wait > 0)
            {
                LockSupport.parkNanos(wait);
            }
            else if (-wait > 100 * TICK)
            {
                next = System.nanoTime();
            }
        }
    }

    private void reportEverySecond(
        final EmbeddedNode node, final DemoFeed feed, final long durationNanos, final PrintWriter out)
    {
        final long start = System.nanoTime();
        final long end = start + durationNanos;
        long lastReports = 0;
        long lastTrades = 0;
        long nextStatus = start + SECOND;
        node.orderToReportLatency().intervalSnapshot();
        while (stopping.running() && System.nanoTime() < end)
        {
            LockSupport.parkNanos(Math.max(1, Math.min(nextStatus, end) - System.nanoTime()));
            final long now = System.nanoTime();
            if (now >= nextStatus)
            {
                final long reports = node.orderReports();
                final long trades = node.trades();
                final LatencySnapshot latency = node.orderToReportLatency().intervalSnapshot();
                out.printf(Locale.ROOT,
                    "t=%3ds orders/s=%,d trades/s=%,d order-to-report p50=%.1fus p99=%.1fus journal=%.1fMB | %s%n",
                    (now - start) / SECOND, reports - lastReports, trades - lastTrades, latency.p50() / 1000.0,
                    latency.p99() / 1000.0, node.journalBytes() / 1e6, feed.status());
                out.flush();
                lastReports = reports;
                lastTrades = trades;
                nextStatus += SECOND;
            }
        }
    }

    private void printSummary(final EmbeddedNode node, final PrintWriter out)
    {
        final LatencySnapshot latency = node.orderToReportLatency().cumulativeSnapshot();
        out.printf(Locale.ROOT, "%nsummary: %,d commands sent; orders accepted %,d, rejected %,d; trades %,d " +
            "(quantity %,d); cancelled %,d; replaced %,d; cancel/replace refused %,d (order already gone)%n",
            sent, stats.accepted, stats.rejected, stats.trades, stats.tradedQuantity, stats.cancelled,
            stats.replaced, stats.cancelRejected);
        final StringBuilder reasons = new StringBuilder();
        for (final RejectReason reason : RejectReason.values())
        {
            final long count = stats.rejectsByReason.get(reason.code());
            if (count > 0)
            {
                reasons.append(reasons.length() == 0 ? "" : ", ").append(reason).append(' ').append(count);
            }
        }
        if (reasons.length() > 0)
        {
            out.println("  rejects by reason: " + reasons);
        }
        out.printf(Locale.ROOT, "  order-to-report latency over the run: p50=%.1fus p99=%.1fus p99.9=%.1fus " +
            "max=%.1fus%n", latency.p50() / 1000.0, latency.p99() / 1000.0, latency.p999() / 1000.0,
            latency.max() / 1000.0);
        out.printf(Locale.ROOT, "  journal %.1f MB, final snapshot at sequence %d; run again to recover from it%n",
            node.journalBytes() / 1e6, node.appliedSequence());
        final MatchingEngine engine = node.engineAfterClose();
        out.printf(Locale.ROOT, "  resting orders %,d; books (top 3 levels):%n", engine.restingOrderCount());
        StateReport.printBooks(engine, 3, out);
        out.flush();
    }

    private static void join(final Thread thread)
    {
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
