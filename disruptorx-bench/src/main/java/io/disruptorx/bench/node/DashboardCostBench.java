package io.disruptorx.bench.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeTracing;
import io.disruptorx.node.feed.NodeFeed;
import io.disruptorx.node.http.NodeApi;
import io.disruptorx.node.http.NodeHttpServer;

/**
 * What open dashboards cost the embedded node: {@link NodeLatencyBench} at one rate on a node with its market data
 * feed and its HTTP server with the dashboard (whose book and tape come from a subscriber of the feed), with no
 * page open and with N pages open: N real WebSocket clients (the JDK's) on {@code /dashboard/ws}, each subscribed to
 * the bench's instrument as the page does ({@code {"instrument":1}} on open) and taking every update. The two run
 * in turn, in a rotating order, for several rounds on fresh nodes; the result is each configuration's median over
 * the rounds, with the spread of the rounds as the noise.
 * <p>
 * Each run's fresh node allocates its rings (hundreds of megabytes) just before the warm-up; a collection once the
 * pages are open moves them out of the young generation, so that the pauses inside a run come from what runs during
 * it (the dashboard's allocation among it), not from its set-up. Each run also says how much CPU the dashboard's
 * threads ({@code dx-dashboard} and the HTTP server's), the pages' clients (the JDK's HttpClient threads, here in
 * the node's process) and the dashboard's feed subscriber ({@code dx-dashboard-md}, there with and without pages)
 * used per second of the run: the profile of what the pages cost.
 */
public final class DashboardCostBench
{
    private static final long CONNECT_TIMEOUT_SECONDS = 10;

    private DashboardCostBench()
    {
    }

    /**
     * @param args {@code --rate=N} (default 100000), {@code --pages=N} (5), {@code --rounds=N} (3),
     *             {@code --warmup=SECONDS} (2), {@code --seconds=SECONDS} (5), {@code --policy=...} (NEVER),
     *             {@code --mode=SHARED|DEDICATED|AUTO} (AUTO), {@code --dir=PATH}; {@code --quick}: 2 rounds of
     *             1 + 3 s.
     * @throws IOException if the scratch directory cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        final int pages = Integer.parseInt(NodeQuickBench.option(args, "--pages", "5"));
        final CostBenchOptions options = CostBenchOptions.parse(args, 3, 2, "dx-bench-dash-");
        System.err.printf("dashboard cost: 0 and %d pages, %s%n", pages, options.describe());
        final int[] configs = {0, pages};
        final List<List<NodeLatencyBench.Run>> byConfig = List.of(new ArrayList<>(), new ArrayList<>());
        int run = 0;
        for (int round = 0; round < options.rounds(); round++)
        {
            for (int i = 0; i < configs.length; i++)
            {
                final int config = (i + round) % configs.length;
                final Pages open = new Pages(configs[config]);
                final NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXBENCH").build());
                final NodeLatencyBench.Run result;
                try
                {
                    result = NodeLatencyBench.run(options.base().resolve("run-" + run++), options.mode(),
                        options.policy(), 1_000_000, options.rate(), options.warmup(), options.seconds(), true,
                        NodeTracing.OFF, feed.sink(), node -> open.attach(node, feed));
                }
                finally
                {
                    feed.close();
                }
                byConfig.get(config).add(result);
                System.err.printf("round %d %d pages %s; %s%n", round + 1, configs[config], result.describe(),
                    open.describe());
            }
        }
        for (int config = 0; config < configs.length; config++)
        {
            System.out.println(options.result("dashboard", configs[config] + "-pages", byConfig.get(config)));
        }
    }

    /**
     * The node's HTTP server with its dashboard and {@code count} pages open on it for one run.
     */
    static final class Pages
    {
        private final int count;
        private final List<WebSocket> sockets = new ArrayList<>();
        private final AtomicLong updates = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private String cpu = "";

        Pages(final int count)
        {
            this.count = count;
        }

        NodeLatencyBench.Attachment attach(final EmbeddedNode node, final NodeFeed feed)
        {
            final ThreadCpu threads = new ThreadCpu();
            final NodeHttpServer server = NodeApi.serve(node, new InetSocketAddress("127.0.0.1", 0), null, feed);
            final HttpClient client = HttpClient.newHttpClient();
            final URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/dashboard/ws");
            try
            {
                for (int i = 0; i < count; i++)
                {
                    final WebSocket socket = client.newWebSocketBuilder().buildAsync(uri, new Counting()).get(
                        CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    socket.sendText("{\"instrument\":1}", true).get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    sockets.add(socket);
                }
            }
            catch (final Exception ex)
            {
                server.close();
                throw new IllegalStateException("opening dashboard page " + (sockets.size() + 1) + " at " + uri, ex);
            }
            System.gc();
            return () ->
            {
                cpu = threads.describe();
                for (final WebSocket socket : sockets)
                {
                    socket.abort();
                }
                server.close();
            };
        }

        long updates()
        {
            return updates.get();
        }

        String describe()
        {
            return String.format(Locale.ROOT, "%d pages took %,d updates (%,d bytes); %s", count, updates.get(),
                bytes.get(), cpu);
        }

        /** A page's socket: takes every message and counts the complete ones. */
        private final class Counting implements WebSocket.Listener
        {
            @Override
            public CompletionStage<?> onText(final WebSocket socket, final CharSequence data, final boolean last)
            {
                bytes.addAndGet(data.length());
                if (last)
                {
                    updates.incrementAndGet();
                }
                socket.request(1);
                return null;
            }
        }
    }
}
