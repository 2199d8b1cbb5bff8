package io.disruptorx.bench.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.disruptorx.bench.node.LatencySummary;
import io.disruptorx.cluster.ClusterProbe;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.ErrorLog;
import io.disruptorx.cluster.MemberStatus;
import io.disruptorx.cluster.client.ClientCounters;
import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.node.cluster.LocalCluster;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * The cluster benchmark ({@code dx bench cluster}): three member JVMs on this host running the engine
 * ({@code dx cluster-node}), and side by side, on the same configuration (timeouts, channels, threading, idle
 * strategies), three running a bare echo service (the anchor: what Aeron Cluster itself costs here). Both clusters
 * run at once for the throughput: answers per second flat out with a bounded window, the echo and the engine in
 * turn, {@code --rounds} rounds of {@code --round-seconds} (the leg going first alternating; the medians are
 * reported, so one busy spell of this shared host does not decide the comparison), after a paced and a flat-out
 * warm-up of each. Then latency from each request's intended send time to its answer at fixed offered rates
 * (coordinated-omission corrected): the echo's with the engine cluster idle beside it, the engine's after the echo
 * cluster has stopped (as for the failovers). The engine's egress and ingress messages per order are counted at its
 * client. A flat-out run whose window stays full for two seconds without an answer (an election under overload)
 * writes the window off and goes on; the stalls are reported. For the engine also the failover time over leader
 * kills: SIGKILL of the leader under 2,000 orders/s to the first answer to an order sent after the kill; the killed
 * member is restarted, catches up, and a snapshot is taken before the next kill. Orders never answered (lost) and
 * answered twice (duplicated) are counted over the whole run.
 *
 * <p>Progress goes to stderr; stdout ends with exactly one line:
 * {@code RESULT cluster ops=<n> echo_ops=<n> p50_us=<n> p99_us=<n> failover_median_ms=<n> failover_max_ms=<n>
 * lost=<n> duplicated=<n>}, latency at the first rate of {@code --rates} (5,000/s). {@code --quick} stays under
 * 120 s.
 */
public final class ClusterQuickBench
{
    private static final int WINDOW = 1024;
    private static final long WARM_UP_RATE = 2_000;
    private static final Duration AGREEMENT_TIMEOUT = Duration.ofSeconds(60);

    private ClusterQuickBench()
    {
    }

    /**
     * @param args {@code --quick}, {@code --rates=5000,20000,50000}, {@code --seconds=S}, {@code --kills=N},
     *             {@code --rounds=N}, {@code --round-seconds=S}, {@code --dir=PATH}.
     * @throws IOException if the scratch directory cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        final boolean quick = Arrays.asList(args).contains("--quick");
        final long[] rates = Arrays.stream(option(args, "--rates", "5000,20000,50000").split(","))
            .mapToLong(Long::parseLong).toArray();
        final double seconds = Double.parseDouble(option(args, "--seconds", quick ? "3" : "10"));
        final int kills = Integer.parseInt(option(args, "--kills", quick ? "5" : "10"));
        final int rounds = Integer.parseInt(option(args, "--rounds", quick ? "5" : "9"));
        final double roundSeconds = Double.parseDouble(option(args, "--round-seconds", quick ? "2" : "5"));
        final String dirOption = option(args, "--dir", null);
        final Path base = dirOption == null ? Files.createTempDirectory("dx-bench-cluster-") :
            Files.createTempDirectory(Files.createDirectories(Path.of(dirOption)), "dx-bench-cluster-");
        final int port = 24_000 + (int)(ProcessHandle.current().pid() % 40) * 400;
        final long start = System.nanoTime();
        progress("cluster bench%s in %s; %d cores; java %s; timeouts %s", quick ? " --quick" : "", base,
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), ClusterTimeouts.tuned());
        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(base.resolve("client-aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
            LocalCluster engine = cluster(base.resolve("engine"), port + 200);
            LocalCluster echo = cluster(base.resolve("echo"), port).runs(List.of(EchoMember.class.getName())))
        {
            startAll(echo);
            startAll(engine);
            try (ClusterVenueClient client = ClusterVenueClient.create(ClusterClientConfig.of(1,
                clusterEndpoints(engine), driver.aeronDirectoryName()).withPendingCapacity(16 * 1024)))
            {
                final EngineTarget target = new EngineTarget(client);
                target.setUp();
                final EchoTarget echoTarget = new EchoTarget(new AeronCluster.Context()
                    .errorHandler(new ErrorLog("echo client", System.err))
                    .aeronDirectoryName(driver.aeronDirectoryName())
                    .ingressChannel("aeron:udp")
                    .ingressEndpoints(echo.ingressEndpoints())
                    .egressChannel("aeron:udp?endpoint=localhost:0"));
                final LoadDriver load = new LoadDriver(target, 8 * 1024 * 1024);
                final LoadDriver echoLoad = new LoadDriver(echoTarget, 8 * 1024 * 1024);
                load.alongside(echoTarget);
                echoLoad.alongside(target);
                final Messages messages = new Messages(client.counters(), load);
                warmUp(echoLoad, seconds);
                warmUp(load, seconds);
                final Comparison throughput = alternate(echoLoad, load, messages, rounds, roundSeconds);
                final List<LatencySummary> echoLatency = new ArrayList<>();
                for (final long rate : rates)
                {
                    echoLatency.add(echoLoad.paced(rate, seconds));
                }
                load.alongside(null);
                echoTarget.close();
                echo.close();
                final List<LatencySummary> engineLatency = new ArrayList<>();
                for (int i = 0; i < rates.length; i++)
                {
                    messages.mark();
                    final LatencySummary latency = load.paced(rates[i], seconds);
                    engineLatency.add(latency);
                    progress("at %,d/s: engine %s; echo p50 %,d p99 %,d us; engine %s", rates[i],
                        latency.describe(), LatencySummary.micros(echoLatency.get(i).p50()),
                        LatencySummary.micros(echoLatency.get(i).p99()), messages.describe());
                }
                report(engine, load, kills, throughput, engineLatency.get(0), start);
            }
        }
        finally
        {
            delete(base);
        }
    }

    /**
     * The failovers (the echo cluster stopped), the totals and the RESULT line.
     */
    private static void report(
        final LocalCluster engine, final LoadDriver load, final int kills, final Comparison throughput,
        final LatencySummary first, final long start)
    {
        final List<Long> failovers = failovers(engine, load, kills, WARM_UP_RATE);
        final List<Long> sorted = failovers.stream().filter((f) -> f >= 0).sorted().toList();
        final long median = sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
        final long max = sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
        progress("failover over %d leader kills (ms, kill to the first answer from the new leader): %s; " +
            "median %d, max %d", kills, failovers, median, max);
        progress("%,d orders sent: %d never answered, %d answered twice; %.0f s in all", load.requests(),
            load.lost(), load.duplicated(), (System.nanoTime() - start) / 1e9);
        System.out.println("RESULT cluster ops=" + Math.round(throughput.engine()) + " echo_ops=" +
            Math.round(throughput.echo()) + " p50_us=" + LatencySummary.micros(first.p50()) + " p99_us=" +
            LatencySummary.micros(first.p99()) + " failover_median_ms=" + median + " failover_max_ms=" + max +
            " lost=" + load.lost() + " duplicated=" + load.duplicated());
    }

    /**
     * Flat out, the echo anchor and the engine in turn, {@code rounds} times, the leg that goes first alternating:
     * both clusters run throughout, so a busy spell on this shared host hits the two legs of a round alike rather
     * than one whole leg. Reports each round and the medians.
     */
    private static Comparison alternate(
        final LoadDriver echo, final LoadDriver engine, final Messages messages, final int rounds,
        final double seconds)
    {
        final double[] echoOps = new double[rounds];
        final double[] engineOps = new double[rounds];
        final double[] ratios = new double[rounds];
        messages.mark();
        for (int round = 0; round < rounds; round++)
        {
            if ((round & 1) == 0)
            {
                echoOps[round] = echo.saturate(seconds, WINDOW);
            }
            engineOps[round] = engine.saturate(seconds, WINDOW);
            if ((round & 1) == 1)
            {
                echoOps[round] = echo.saturate(seconds, WINDOW);
            }
            ratios[round] = engineOps[round] / echoOps[round];
            progress("round %d: engine %,.0f orders/s, echo %,.0f answers/s flat out = %.2fx", round + 1,
                engineOps[round], echoOps[round], ratios[round]);
        }
        final Comparison comparison = new Comparison(median(engineOps), median(echoOps), median(ratios));
        progress("flat out over %d alternating rounds of %.0f s (window %d; stalls: engine %d, echo %d): engine " +
            "median %,.0f orders/s committed and answered, echo median %,.0f; median of the rounds' ratios %.2fx " +
            "(min %.2f, max %.2f); engine %s", rounds, seconds, WINDOW, engine.stalls(), echo.stalls(),
            comparison.engine(), comparison.echo(), comparison.ratio(), Arrays.stream(ratios).min().orElse(0),
            Arrays.stream(ratios).max().orElse(0), messages.describe());
        return comparison;
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return (sorted.length & 1) == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * Flat-out medians.
     *
     * @param engine engine orders per second.
     * @param echo   echo answers per second.
     * @param ratio  median of the rounds' engine / echo ratios.
     */
    private record Comparison(double engine, double echo, double ratio)
    {
    }

    /**
     * The engine client's messages per answered order since the last {@link #mark}: egress frames read (EVENT,
     * EVENTS, ACK) and command messages sent (COMMAND or BATCH frames). The echo anchor sends one of each per
     * request by construction.
     */
    private static final class Messages
    {
        private final ClientCounters counters;
        private final LoadDriver load;
        private long egress;
        private long ingress;
        private long answered;

        Messages(final ClientCounters counters, final LoadDriver load)
        {
            this.counters = counters;
            this.load = load;
        }

        void mark()
        {
            egress = counters.egressMessages();
            ingress = counters.ingressMessages();
            answered = load.answered();
        }

        String describe()
        {
            final double orders = Math.max(1, load.answered() - answered);
            return String.format(Locale.ROOT, "%.3f egress messages and %.3f ingress messages per order",
                (counters.egressMessages() - egress) / orders, (counters.ingressMessages() - ingress) / orders);
        }
    }

    /**
     * Paced first (three JVMs compiling on two cores under a flood miss heartbeats), then flat out, not counted: a
     * flat-out run straight after the paced one measured the JIT compilers as much as the cluster (C2 took 45% of a
     * core in the echo members during it), and the engine members have more code to compile than the echo ones.
     */
    private static void warmUp(final LoadDriver load, final double seconds)
    {
        load.paced(WARM_UP_RATE, seconds);
        load.saturate(seconds, WINDOW);
    }

    private static List<Long> failovers(
        final LocalCluster engine, final LoadDriver load, final int kills, final long rate)
    {
        final List<Long> failovers = new ArrayList<>();
        for (int kill = 0; kill < kills; kill++)
        {
            final int leader = awaitLeader(engine);
            final long failover = load.pacedAcross(rate, 3, 0.5, () -> engine.kill(leader));
            failovers.add(failover < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(failover));
            progress("kill %d: member %d, answered again after %d ms", kill + 1, leader,
                failovers.get(failovers.size() - 1));
            engine.awaitAgreement(AGREEMENT_TIMEOUT);
            engine.start(leader);
            awaitCaughtUp(engine, leader);
            engine.awaitAgreement(AGREEMENT_TIMEOUT);
            snapshot(engine);
        }
        return failovers;
    }

    /**
     * As an operator would after bringing a member back: an election right after a member replayed a long log is
     * slower until the next snapshot (docs/cluster.md).
     */
    private static void snapshot(final LocalCluster cluster)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            for (int i = 0; i < cluster.size(); i++)
            {
                if (ClusterProbe.requestSnapshot(cluster.config(i)))
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
                    return;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static LocalCluster cluster(final Path directory, final int basePort)
    {
        return new LocalCluster(directory, 3, basePort, ClusterTimeouts.tuned(), List.of(),
            List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC"));
    }

    private static String clusterEndpoints(final LocalCluster cluster)
    {
        return cluster.ingressEndpoints();
    }

    private static void startAll(final LocalCluster cluster)
    {
        cluster.startAll(AGREEMENT_TIMEOUT);
    }

    private static int awaitLeader(final LocalCluster cluster)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            final int leader = cluster.leader();
            if (leader >= 0)
            {
                return leader;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new IllegalStateException("no leader within 60 s: " + cluster.status());
    }

    private static void awaitCaughtUp(final LocalCluster cluster, final int member)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            final MemberStatus status = cluster.status().get(member);
            if (status.running() && status.service().getOrDefault("feed transmitting", 0L) == 1)
            {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new IllegalStateException("member " + member + " did not catch up within 60 s");
    }

    private static String option(final String[] args, final String name, final String fallback)
    {
        for (final String arg : args)
        {
            if (arg.startsWith(name + "="))
            {
                return arg.substring(name.length() + 1);
            }
        }
        return fallback;
    }

    private static void progress(final String format, final Object... values)
    {
        System.err.println(String.format(Locale.ROOT, format, values));
        System.err.flush();
    }

    private static void delete(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
        }
    }
}
