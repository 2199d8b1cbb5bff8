package io.disruptorx.bench.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.disruptorx.dashboard.TickTimes;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeTracing;
import io.disruptorx.node.feed.NodeFeed;
import io.disruptorx.node.http.NodeApi;
import io.disruptorx.node.http.NodeHttpServer;

/**
 * What open dashboards cost the embedded node: {@link NodeLatencyBench} at one rate on a node with its market data
 * feed and its HTTP server with the dashboard (whose book and tape come from the feed's own book), with no page open
 * and with N pages open: N real WebSocket clients (the JDK's) on {@code /dashboard/ws} in a child JVM
 * ({@link PageClients}), each subscribed to the bench's instrument as the page does ({@code {"instrument":1}} on open)
 * and taking every update. Each round runs, on fresh nodes, a 0-page run, an N-page run and two more 0-page runs, so
 * every N-page run has a 0-page run just before and just after it, and every round has two pairs of successive
 * 0-page runs: the control (0 vs 0, A/A), measured the same way as the pages' cost in the same invocation. The first
 * {@code --discard} rounds (class loading and compilation) are printed but left out of the summary, and before the
 * rounds the dashboard runs with its pages open for {@code --page-warmup} seconds, unmeasured, so that its code is
 * compiled (at ten ticks a second it would otherwise run interpreted through the short runs). The summary:
 * each configuration's median over the rounds with their range ({@code RESULT}), a {@code NOISE} line (the p99
 * differences of the control pairs beside those of each N-page run and its neighbours), a {@code CPU} line (what
 * the venue's threads and the harness's pages' process used, per configuration) and a {@code BURSTS} line: how long
 * each of the dashboard's ticks kept its thread on a CPU in the N-page runs ({@link TickTimes}: whole ticks, the
 * metrics reading's part, the writes' part, in buckets), since on cores the venue fills a background thread's
 * bursts, not only its CPU per second, are what can hold up the node's thread.
 * <p>
 * The pages stand in for browsers on other machines: they run in their own process (started in 0-page runs too, with
 * no page), so their CPU and garbage are not the node's, and that process runs at the priority of the venue's
 * background threads ({@link PagesProcess}: {@code SCHED_IDLE} by default, as the dashboard's own threads), so that
 * it takes only CPU the node leaves; {@code -Ddx.background.priority=normal} runs both at normal priority. What the
 * venue pays is its own threads' CPU (the HTTP server's I/O thread, which runs the dashboard's ticks and writes the
 * pages' updates; the dashboard's other threads; the feed's servers' thread, on which the dashboard's tap copies the
 * books); what the harness pays is the pages' process (its clients take and parse every update, as a browser would,
 * but on the venue's two cores here).
 * <p>
 * Each run's fresh node allocates its rings (hundreds of megabytes) just before the warm-up; a collection once the
 * pages are open moves them out of the young generation, so that the pauses inside a run come from what runs during
 * it (the dashboard's allocation among it), not from its set-up. Each run also says how often each group of threads
 * was woken and what the feed did for its subscribers (packets, retransmissions, snapshots, and the datagrams the
 * host dropped because a receiver's buffer was full): the profile of what the pages cost.
 */
public final class DashboardCostBench
{
    /** One round: the configurations' indexes in order (0: no page, 1: N pages). */
    private static final int[] ROUND = {0, 1, 0, 0};
    /** One round with {@code --synthetic} (2: no page, the synthetic load). */
    private static final int[] SYNTHETIC_ROUND = {0, 1, 0, 2, 0, 0};
    private static final String SYNTHETIC_FORM = "--synthetic=IO_MS,CLIENTS_MS[,PIECES] (CPU ms a second)";

    private DashboardCostBench()
    {
    }

    /**
     * @param args {@code --rate=N} (default 100000), {@code --pages=N} (5), {@code --rounds=N} (3),
     *             {@code --discard=N} (1; 0 with {@code --quick}): first rounds left out of the summary,
     *             {@code --page-warmup=SECONDS} (30; 0 with {@code --quick}): the dashboard run with the pages open
     *             that long first, not measured, so that its code is compiled as in a venue whose pages have been
     *             open a while,
     *             {@code --warmup=SECONDS} (2), {@code --seconds=SECONDS} (5), {@code --policy=...} (NEVER),
     *             {@code --mode=SHARED|DEDICATED|AUTO} (AUTO), {@code --dir=PATH}; {@code --quick}: 2 rounds of
     *             1 + 3 s; {@code --stopped-clients}: the pages' process is stopped (SIGSTOP) once its pages are
     *             open, through the run (in 0-page runs too), so the node serves the pages and the clients take no
     *             CPU (their updates wait in the sockets' buffers): the venue's cost apart from the clients';
     *             {@code --clients=jdk|raw} (jdk): the pages' clients, the JDK's WebSocket client or the lean
     *             {@link RawPages} (one thread reading the frames), which costs the shared cores least;
     *             {@code --producer=yield|park|spin} (yield): how the load generator waits between sends
     *             ({@link ProducerWait}: a yield can hand its core to the pages' or the dashboard's threads);
     *             {@code --synthetic=IO_MS,CLIENTS_MS[,PIECES]}: a third configuration in every round (0, N, 0,
     *             synthetic, 0, 0), no page and the {@link SyntheticLoad} in the pages' process instead, burning
     *             those CPU milliseconds a second in two threads woken ten times a second (the second's share of a
     *             tick in PIECES wake-ups, 1 by default): the control that needs no dashboard; {@code --pin}: the
     *             node's thread alone on the last CPU, everything else (the producer, the feed, the HTTP server, the
     *             pages' process) on the others ({@link CorePinning}).
     * @throws IOException if the scratch directory cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        final int pages = Integer.parseInt(NodeQuickBench.option(args, "--pages", "5"));
        final boolean stopped = Arrays.asList(args).contains("--stopped-clients");
        final boolean pin = Arrays.asList(args).contains("--pin");
        final String clients = NodeQuickBench.option(args, "--clients", "jdk");
        if (!clients.equals("jdk") && !clients.equals("raw"))
        {
            throw new IllegalArgumentException("--clients=jdk or --clients=raw, not " + clients);
        }
        final String synthetic = synthetic(NodeQuickBench.option(args, "--synthetic", null));
        final CostBenchOptions options = CostBenchOptions.parse(args, 3, 2, "dx-bench-dash-");
        NodeLatencyBench.producerWait(ProducerWait.valueOf(
            NodeQuickBench.option(args, "--producer", "yield").toUpperCase(Locale.ROOT)));
        final int discard = Math.min(options.rounds() - 1, Integer.parseInt(NodeQuickBench.option(args,
            "--discard", Arrays.asList(args).contains("--quick") ? "0" : "1")));
        final double pageWarmup = Double.parseDouble(NodeQuickBench.option(args, "--page-warmup",
            Arrays.asList(args).contains("--quick") ? "0" : "30"));
        final int[] round = synthetic == null ? ROUND : SYNTHETIC_ROUND;
        System.err.printf("dashboard cost: 0 and %d pages (%s clients)%s%s%s, %s; each round %s pages; rounds 1 " +
            "to %d left out of the summary; %.0f s of dashboard warm-up first; producer waits: %s%n", pages, clients,
            stopped ? " (their clients' process stopped once they opened)" : "",
            synthetic == null ? "" : " and 0 pages with the synthetic load " + synthetic,
            pin ? ", the node's thread pinned alone" : "", options.describe(),
            Arrays.toString(round).replace("1", Integer.toString(pages)).replace("2", "synthetic"), discard,
            pageWarmup, NodeLatencyBench.producerWait().name().toLowerCase(Locale.ROOT));
        if (pageWarmup > 0)
        {
            warmUpDashboard(options, pages, pageWarmup, clients, pin);
        }
        final int[] configs = {0, pages, 0};
        final String[] labels = {"0-pages", pages + "-pages", "synthetic"};
        final int used = synthetic == null ? 2 : 3;
        final List<List<NodeLatencyBench.Run>> byConfig = List.of(new ArrayList<>(), new ArrayList<>(),
            new ArrayList<>());
        final List<List<double[]>> cpuByConfig = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        final long[][] ticksByConfig = {new long[0], new long[0], new long[0]};
        final List<Integer> sequence = new ArrayList<>();
        final List<Long> p99s = new ArrayList<>();
        for (int run = 0; run < round.length * options.rounds(); run++)
        {
            final int config = round[run % round.length];
            final int roundNumber = run / round.length + 1;
            final Pages open = config == 2 ? new Pages(0, false, synthetic, pin) :
                new Pages(configs[config], stopped, clients, pin);
            final NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXBENCH").build());
            final NodeLatencyBench.Run result;
            try
            {
                result = NodeLatencyBench.run(options.base().resolve("run-" + run), options.mode(),
                    options.policy(), 1_000_000, options.rate(), options.warmup(), options.seconds(), true,
                    NodeTracing.OFF, feed.sink(), node -> open.attach(node, feed));
            }
            finally
            {
                feed.close();
            }
            System.err.printf("round %d %s %s; %s%n", roundNumber, labels[config], result.describe(),
                open.describe());
            if (roundNumber > discard)
            {
                byConfig.get(config).add(result);
                cpuByConfig.get(config).add(open.cpu());
                ticksByConfig[config] = Pages.add(ticksByConfig[config], open.ticks());
                sequence.add(config);
                p99s.add(result.latency().p99());
            }
        }
        for (int config = 0; config < used; config++)
        {
            System.out.println(options.result("dashboard", labels[config], byConfig.get(config)));
        }
        System.out.println(noise(sequence.stream().mapToInt(Integer::intValue).toArray(),
            p99s.stream().mapToLong(Long::longValue).toArray()));
        System.out.println(cpu(Arrays.copyOf(labels, used), cpuByConfig));
        final long[] none = new long[ticksByConfig[1].length];
        System.out.println("BURSTS dashboard " + configs[1] + "-pages summarised runs: " +
            (none.length == 0 ? "-" : TickTimes.describe(none, ticksByConfig[1])));
    }

    /**
     * @param option {@code --synthetic}'s value, {@code IO_MS,CLIENTS_MS[,PIECES]}, or {@code null}.
     * @return the pages' process's argument for it ({@code burn:IO_MS:CLIENTS_MS:PIECES}), or {@code null}.
     * @throws IllegalArgumentException on another form or negative milliseconds.
     */
    static String synthetic(final String option)
    {
        if (option == null)
        {
            return null;
        }
        final String[] parts = option.split(",");
        if (parts.length < 2 || parts.length > 3)
        {
            throw new IllegalArgumentException(SYNTHETIC_FORM + ", not " + option);
        }
        try
        {
            final double io = Double.parseDouble(parts[0]);
            final double pages = Double.parseDouble(parts[1]);
            final int pieces = parts.length == 3 ? Integer.parseInt(parts[2].trim()) : 1;
            if (!(io >= 0 && pages >= 0 && io + pages <= 1000.0) || pieces < 1)
            {
                throw new IllegalArgumentException("--synthetic's milliseconds are 0 to 1000 together, its pieces " +
                    "1 or more, not " + option);
            }
            return "burn:" + parts[0].trim() + ":" + parts[1].trim() + ":" + pieces;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(SYNTHETIC_FORM + ", not " + option, ex);
        }
    }

    private static void warmUpDashboard(final CostBenchOptions options, final int pages, final double seconds,
        final String clients, final boolean pin)
    {
        final Pages open = new Pages(pages, false, clients, pin);
        try (NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXBENCH").build()))
        {
            final NodeLatencyBench.Run result = NodeLatencyBench.run(options.base().resolve("page-warmup"),
                options.mode(), options.policy(), 1_000_000, Math.max(1, options.rate() / 5), seconds, 1, true,
                NodeTracing.OFF, feed.sink(), node -> open.attach(node, feed));
            System.err.printf("dashboard warm-up %.0f s, %d pages (not measured) %s; %s%n", seconds, pages,
                result.describe(), open.describe());
        }
    }

    /**
     * The pairs of successive runs in the order they ran: two 0-page runs in a row are the control (the same
     * configuration twice: the run-to-run noise), an N-page run and the 0-page run just before or just after it the
     * pages' cost, both as the later (the N-page) run's p99 minus the other's; likewise a synthetic-load run and its
     * 0-page neighbours, the synthetic load's cost.
     *
     * @param configs each run's configuration (0: no page, 1: N pages, 2: no page and the synthetic load), in the
     *                order they ran.
     * @param p99     each run's p99 in nanoseconds.
     * @return {@code NOISE dashboard p99 control_us=[...] median=... median_abs=... max_abs=... higher=k/n
     * pages_vs_zero_us=[...] median=... higher=k/n}, and {@code synthetic_vs_zero_us=[...] median=... higher=k/n}
     * when there were synthetic-load runs.
     */
    static String noise(final int[] configs, final long[] p99)
    {
        final List<Long> control = new ArrayList<>();
        final List<List<Long>> effect = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i + 1 < configs.length; i++)
        {
            if (configs[i] == 0 && configs[i + 1] == 0)
            {
                control.add(p99[i + 1] - p99[i]);
            }
            else if (configs[i] == 0 || configs[i + 1] == 0)
            {
                final int other = Math.max(configs[i], configs[i + 1]);
                effect.get(other).add(configs[i + 1] != 0 ? p99[i + 1] - p99[i] : p99[i] - p99[i + 1]);
            }
        }
        final long[] same = control.stream().mapToLong(Long::longValue).toArray();
        final long[] sameAbs = Arrays.stream(same).map(Math::abs).toArray();
        final StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "NOISE dashboard p99 control_us=%s " +
            "median=%.1f median_abs=%.1f max_abs=%.1f higher=%d/%d", micros(same), median(same) / 1e3,
            median(sameAbs) / 1e3, Arrays.stream(sameAbs).max().orElse(0) / 1e3,
            Arrays.stream(same).filter(d -> d > 0).count(), same.length));
        final String[] names = {"", "pages_vs_zero_us", "synthetic_vs_zero_us"};
        for (int config = 1; config < names.length; config++)
        {
            final long[] cost = effect.get(config).stream().mapToLong(Long::longValue).toArray();
            if (config == 1 || cost.length > 0)
            {
                out.append(String.format(Locale.ROOT, " %s=%s median=%.1f higher=%d/%d", names[config],
                    micros(cost), median(cost) / 1e3, Arrays.stream(cost).filter(d -> d > 0).count(),
                    cost.length));
            }
        }
        return out.toString();
    }

    /**
     * @param labels the configurations' names, e.g. {@code 0-pages}, {@code 5-pages}.
     * @return {@code CPU dashboard ms/s 0-pages: venue http_io=... dashboard_other=... feed_servers=...
     * harness pages_process=...; 5-pages: ...}, each the median (min..max) over the summarised runs.
     */
    static String cpu(final String[] labels, final List<List<double[]>> byConfig)
    {
        final String[] names = {"venue http_io", "dashboard_other", "feed_servers", "harness pages_process"};
        final StringBuilder out = new StringBuilder("CPU dashboard ms/s");
        for (int config = 0; config < labels.length; config++)
        {
            out.append(config == 0 ? " " : "; ").append(labels[config]).append(':');
            for (int k = 0; k < names.length; k++)
            {
                final int column = k;
                final long[] micros = byConfig.get(config).stream()
                    .mapToLong(values -> Math.round(values[column] * 1e3)).toArray();
                out.append(' ').append(names[k]).append('=').append(micros.length == 0 ? "-" :
                    CostBenchOptions.spread(micros));
            }
        }
        return out.toString();
    }

    private static String micros(final long[] nanos)
    {
        final StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < nanos.length; i++)
        {
            out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.0f", nanos[i] / 1e3));
        }
        return out.append(']').toString();
    }

    private static double median(final long[] values)
    {
        if (values.length == 0)
        {
            return 0;
        }
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /**
     * The node's HTTP server with its dashboard and {@code count} pages open on it for one run, the pages in a child
     * JVM ({@link PagesProcess}); the child runs (with no page) in 0-page runs too, so both configurations have the
     * same processes and differ only in the pages served.
     */
    static final class Pages
    {
        private final int count;
        private final boolean stopped;
        private final String clients;
        private final boolean pin;
        private String pinned = "";
        private PagesProcess.Report report = new PagesProcess.Report(0, 0, 0);
        private String cpu = "";
        private double[] venue = new double[ThreadCpu.FEED_SERVERS + 1];
        private long[] ticks = new long[0];

        Pages(final int count, final boolean stopped)
        {
            this(count, stopped, "jdk");
        }

        Pages(final int count, final boolean stopped, final String clients)
        {
            this(count, stopped, clients, false);
        }

        /**
         * @param clients {@code jdk}, {@code raw}, or with no page a synthetic load ({@code burn:IO_MS:CLIENTS_MS},
         *                {@link SyntheticLoad}).
         * @param pin     whether to pin the node's thread alone on a CPU ({@link CorePinning}).
         */
        Pages(final int count, final boolean stopped, final String clients, final boolean pin)
        {
            this.count = count;
            this.stopped = stopped;
            this.clients = clients;
            this.pin = pin;
        }

        NodeLatencyBench.Attachment attach(final EmbeddedNode node, final NodeFeed feed)
        {
            final ThreadCpu threads = new ThreadCpu();
            final NodeHttpServer server = NodeApi.serve(node, new InetSocketAddress("127.0.0.1", 0), null, feed);
            final URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/dashboard/ws");
            final PagesProcess pages;
            try
            {
                pages = PagesProcess.start(uri, count, 1, clients);
                if (stopped)
                {
                    pages.signal(true);
                }
            }
            catch (final RuntimeException ex)
            {
                server.close();
                throw new IllegalStateException("opening " + count + " dashboard pages at " + uri, ex);
            }
            try
            {
                pinned = pin ? "; " + CorePinning.pin(pages.pid()) : "";
            }
            catch (final RuntimeException ex)
            {
                pages.close();
                server.close();
                throw new IllegalStateException("pinning the node's thread", ex);
            }
            System.gc();
            final TickTimes times = server.dashboardTicks();
            final long[] ticksBefore = times.snapshot();
            final ThreadSwitches switches = new ThreadSwitches();
            final FeedActivity activity = new FeedActivity(feed.server());
            return () ->
            {
                venue = threads.perSecond();
                final long[] ticksAfter = times.snapshot();
                ticks = difference(ticksBefore, ticksAfter);
                cpu = threads.describe() + "; " + switches.describe() + "; " + activity.describe() + "; " +
                    TickTimes.describe(ticksBefore, ticksAfter);
                try
                {
                    if (stopped)
                    {
                        pages.signal(false);
                    }
                    report = pages.report();
                }
                finally
                {
                    pages.close();
                    server.close();
                }
            };
        }

        /**
         * @return the run's dashboard ticks' counts, sums and maxima (a {@link TickTimes#snapshot()}'s fields, from
         *     just after the pages opened to the run's end).
         */
        long[] ticks()
        {
            return ticks;
        }

        private static long[] difference(final long[] before, final long[] after)
        {
            final long[] difference = after.clone();
            for (int i = 0; i < difference.length; i++)
            {
                if ((i + 1) % TickTimes.FIELDS != 0)
                {
                    difference[i] -= before[i];
                }
            }
            return difference;
        }

        /**
         * @return the two runs' ticks summed (their maxima: the larger).
         */
        static long[] add(final long[] sum, final long[] run)
        {
            if (sum.length == 0)
            {
                return run.clone();
            }
            final long[] total = sum.clone();
            for (int i = 0; i < total.length && i < run.length; i++)
            {
                total[i] = (i + 1) % TickTimes.FIELDS == 0 ? Math.max(total[i], run[i]) : total[i] + run[i];
            }
            return total;
        }

        long updates()
        {
            return report.updates();
        }

        String describe()
        {
            return String.format(Locale.ROOT, "%d pages%s, harness: %s; venue: %s%s", count,
                stopped ? " (clients stopped)" : clients.equals("raw") ? " (raw clients)" :
                    clients.startsWith("burn:") ? " (" + clients + ")" : "", report.describe(), cpu, pinned);
        }

        /**
         * @return CPU ms/s of the run: the venue's HTTP I/O thread, the dashboard's other threads, the feed's
         *     servers, and the harness's pages' process.
         */
        double[] cpu()
        {
            return new double[] {venue[ThreadCpu.HTTP_IO], venue[ThreadCpu.DASHBOARD_OTHER],
                venue[ThreadCpu.FEED_SERVERS], report.cpuMillisPerSecond()};
        }
    }
}
