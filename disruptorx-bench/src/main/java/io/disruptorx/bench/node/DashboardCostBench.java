package io.disruptorx.bench.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeTracing;
import io.disruptorx.node.feed.NodeFeed;
import io.disruptorx.node.http.NodeApi;
import io.disruptorx.node.http.NodeHttpServer;

/**
 * What open dashboards cost the embedded node: {@link NodeLatencyBench} at one rate on a node with its market data
 * feed and its HTTP server with the dashboard (whose book and tape come from the feed's message store), with no
 * page open and with N pages open: N real WebSocket clients (the JDK's) on {@code /dashboard/ws} in a child JVM
 * ({@link PageClients}), each subscribed to the bench's instrument as the page does ({@code {"instrument":1}} on open)
 * and taking every update. The two alternate (0, N, 0, N, ...) for several rounds on fresh nodes; the result is each
 * configuration's median over the rounds with their range, and a {@code NOISE} line: the p99 differences between
 * successive 0-page runs (the run-to-run noise) beside those between each N-page run and the 0-page run before it
 * (the pages' cost).
 * <p>
 * The pages stand in for browsers on other machines: they run in their own process (started in 0-page runs too, with
 * no page), so their CPU and garbage are not the node's, and that process runs at the priority of the venue's
 * background threads ({@link PagesProcess}: {@code SCHED_IDLE} by default, as the dashboard's own threads), so that
 * it takes only CPU the node leaves; {@code -Ddx.background.priority=normal} runs both at normal priority.
 * <p>
 * Each run's fresh node allocates its rings (hundreds of megabytes) just before the warm-up; a collection once the
 * pages are open moves them out of the young generation, so that the pauses inside a run come from what runs during
 * it (the dashboard's allocation among it), not from its set-up. Each run also says how much CPU the dashboard's
 * threads ({@code dx-dashboard} and the HTTP server's, whose I/O thread also reads the feed's message store while a
 * page is open), the pages' process (all its threads), the feed subscriber earlier builds gave the dashboard
 * ({@code dx-dashboard-md}; none now), the node's threads and the feed's servers used per second of the run, how
 * often each was woken, and what the feed did for its subscribers (packets, retransmissions, snapshots, and the
 * datagrams the host dropped because a receiver's buffer was full): the profile of what the pages cost.
 */
public final class DashboardCostBench
{
    private DashboardCostBench()
    {
    }

    /**
     * @param args {@code --rate=N} (default 100000), {@code --pages=N} (5), {@code --rounds=N} (3),
     *             {@code --warmup=SECONDS} (2), {@code --seconds=SECONDS} (5), {@code --policy=...} (NEVER),
     *             {@code --mode=SHARED|DEDICATED|AUTO} (AUTO), {@code --dir=PATH}; {@code --quick}: 2 rounds of
     *             1 + 3 s; {@code --stopped-clients}: the pages' process is stopped (SIGSTOP) once its pages are
     *             open, through the run (in 0-page runs too), so the node serves the pages and the clients take no
     *             CPU (their updates wait in the sockets' buffers): the venue's cost apart from the clients'.
     * @throws IOException if the scratch directory cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        final int pages = Integer.parseInt(NodeQuickBench.option(args, "--pages", "5"));
        final boolean stopped = Arrays.asList(args).contains("--stopped-clients");
        final CostBenchOptions options = CostBenchOptions.parse(args, 3, 2, "dx-bench-dash-");
        System.err.printf("dashboard cost: 0 and %d pages%s, %s%n", pages,
            stopped ? " (their clients' process stopped once they opened)" : "", options.describe());
        final int[] configs = {0, pages};
        final List<List<NodeLatencyBench.Run>> byConfig = List.of(new ArrayList<>(), new ArrayList<>());
        for (int run = 0; run < 2 * options.rounds(); run++)
        {
            final int config = run % 2;
            final Pages open = new Pages(configs[config], stopped);
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
            byConfig.get(config).add(result);
            System.err.printf("round %d %d pages %s; %s%n", run / 2 + 1, configs[config], result.describe(),
                open.describe());
        }
        for (int config = 0; config < configs.length; config++)
        {
            System.out.println(options.result("dashboard", configs[config] + "-pages", byConfig.get(config)));
        }
        System.out.println(noise(p99s(byConfig.get(0)), p99s(byConfig.get(1))));
    }

    private static long[] p99s(final List<NodeLatencyBench.Run> runs)
    {
        return runs.stream().mapToLong(r -> r.latency().p99()).toArray();
    }

    /**
     * The runs alternate 0, N, 0, N, ...: the noise is the difference between one 0-page run and the next (the same
     * configuration twice, a round apart), the effect the difference between each N-page run and the 0-page run
     * just before it.
     *
     * @return {@code NOISE dashboard p99 zero_vs_zero_us=[...] median_abs=... max_abs=...
     * pages_vs_zero_us=[...] median=... higher=k/n}.
     */
    static String noise(final long[] zero, final long[] open)
    {
        final long[] same = new long[Math.max(0, zero.length - 1)];
        for (int i = 0; i + 1 < zero.length; i++)
        {
            same[i] = zero[i + 1] - zero[i];
        }
        final int pairs = Math.min(zero.length, open.length);
        final long[] effect = new long[pairs];
        int higher = 0;
        for (int i = 0; i < pairs; i++)
        {
            effect[i] = open[i] - zero[i];
            higher += effect[i] > 0 ? 1 : 0;
        }
        final long[] sameAbs = Arrays.stream(same).map(Math::abs).toArray();
        return String.format(Locale.ROOT, "NOISE dashboard p99 zero_vs_zero_us=%s median_abs=%.1f max_abs=%.1f " +
            "pages_vs_zero_us=%s median=%.1f higher=%d/%d", micros(same), median(sameAbs) / 1e3,
            Arrays.stream(sameAbs).max().orElse(0) / 1e3, micros(effect), median(effect) / 1e3, higher, pairs);
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
        private PagesProcess.Report report = new PagesProcess.Report(0, 0, 0);
        private String cpu = "";

        Pages(final int count, final boolean stopped)
        {
            this.count = count;
            this.stopped = stopped;
        }

        NodeLatencyBench.Attachment attach(final EmbeddedNode node, final NodeFeed feed)
        {
            final ThreadCpu threads = new ThreadCpu();
            final NodeHttpServer server = NodeApi.serve(node, new InetSocketAddress("127.0.0.1", 0), null, feed);
            final URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/dashboard/ws");
            final PagesProcess pages;
            try
            {
                pages = PagesProcess.start(uri, count, 1);
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
            System.gc();
            final ThreadSwitches switches = new ThreadSwitches();
            final FeedActivity activity = new FeedActivity(feed.server());
            return () ->
            {
                cpu = threads.describe() + "; " + switches.describe() + "; " + activity.describe();
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

        long updates()
        {
            return report.updates();
        }

        String describe()
        {
            return String.format(Locale.ROOT, "%d pages%s %s; %s", count, stopped ? " (clients stopped)" : "",
                report.describe(), cpu);
        }
    }
}
