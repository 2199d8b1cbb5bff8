package io.disruptorx.node.cluster;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToLongFunction;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.http.BackgroundPriority;
import io.disruptorx.node.http.NodeApi;
import io.disruptorx.node.http.NodeHttpServer;

/**
 * The members of a cluster wherever they run, read over the network: each member's HTTP server ({@code dx
 * cluster-node --http}, its address in the member files' {@code cluster.members-http}) is asked for its
 * {@code /api/member} every {@value #POLL_MILLIS} ms by one thread of this process ({@code dx-cluster-poll}, at the
 * background priority), all members at once, each answer awaited at most {@value #TIMEOUT_MILLIS} ms. A member that
 * refuses, times out, answers with an error or as another member is {@code unreachable} until it answers again.
 * <p>
 * What the members said is served as the local members are ({@link ClusterMembersHttp}): the same
 * {@code dx_cluster_*} series by {@code member} (its last answer; while unreachable it counts as not running and
 * has no role), plus {@code dx_cluster_member_reachable}, so the dashboard's cluster card shows them side by side
 * with their roles, term, commit position and lag, an unreachable member as such, and marks leader changes;
 * {@code /health} ({@code UP} while exactly one reachable running member leads and none is electing) and
 * {@code /api/members} (each member's address, reachability and last answer or error).
 */
public final class RemoteMembers implements AutoCloseable
{
    /** How often the members are asked. */
    static final long POLL_MILLIS = 500;
    /** How long one answer is awaited (connect and response). */
    static final long TIMEOUT_MILLIS = 1_000;
    private static final String[] ROLES = {"leader", "follower", "candidate"};

    private final List<String> addresses;
    private final AtomicReferenceArray<MemberReading> readings;
    private final ExecutorService callbacks;
    private final HttpClient client;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread poller;

    private RemoteMembers(final List<String> addresses)
    {
        this.addresses = List.copyOf(addresses);
        readings = new AtomicReferenceArray<>(addresses.size());
        for (int id = 0; id < addresses.size(); id++)
        {
            readings.set(id, MemberReading.unreachable(id, null, "not asked yet"));
        }
        callbacks = Executors.newSingleThreadExecutor(BackgroundPriority.threads("dx-cluster-poll-io-"));
        client = HttpClient.newBuilder().executor(callbacks).connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS))
            .build();
        poller = BackgroundPriority.named("dx-cluster-poll", this::run);
    }

    /**
     * Starts asking the members and serves what they say.
     *
     * @param addresses each member's HTTP address ({@code HOST:PORT}), in member id order.
     * @param address   where to listen (port 0 picks a free port).
     * @return the running poller and server; closing it stops both.
     * @throws java.io.UncheckedIOException when it cannot listen, naming the address.
     */
    public static Served serve(final List<String> addresses, final InetSocketAddress address)
    {
        final RemoteMembers members = new RemoteMembers(addresses);
        final MetricsRegistry metrics = new MetricsRegistry();
        members.register(metrics);
        members.poller.start();
        try
        {
            return new Served(members, NodeApi.serveWithDashboard(address, metrics, members::health,
                Map.of("/api/members", members::members)));
        }
        catch (final RuntimeException ex)
        {
            members.close();
            throw ex;
        }
    }

    private void register(final MetricsRegistry metrics)
    {
        for (int id = 0; id < addresses.size(); id++)
        {
            final int member = id;
            final String label = Integer.toString(id);
            metrics.gauge("dx_cluster_member_reachable", "1 while the member's HTTP server answers this dashboard",
                () -> readings.get(member).reachable() ? 1 : 0, "member", label);
            metrics.gauge("dx_cluster_member_running", "1 while this member's media driver and consensus module run",
                () -> readings.get(member).running() ? 1 : 0, "member", label);
            for (final String role : ROLES)
            {
                metrics.gauge("dx_cluster_role", "1 for the role this member has now (leader, follower, candidate)",
                    () -> role.equals(readings.get(member).role()) ? 1 : 0, "member", label, "role", role);
            }
            metrics.gauge("dx_cluster_election_in_progress", "1 while an election is open on this member",
                () -> readings.get(member).electing() ? 1 : 0, "member", label);
            gauge(metrics, member, "dx_cluster_leadership_term_id", "The current leadership term",
                MemberReading::term);
            gauge(metrics, member, "dx_cluster_commit_position_bytes", "The log position a majority of members holds",
                MemberReading::commitPosition);
            gauge(metrics, member, "dx_cluster_last_snapshot_position_bytes",
                "Log position of the latest snapshot in this member's recording log (-1: none)",
                MemberReading::lastSnapshot);
            metrics.counter("dx_cluster_elections_total", "Elections this member took part in",
                () -> Math.max(0, readings.get(member).elections()), "member", label);
            metrics.counter("dx_cluster_snapshots_total", "Snapshots this member took",
                () -> Math.max(0, readings.get(member).snapshots()), "member", label);
        }
    }

    private void gauge(final MetricsRegistry metrics, final int member, final String name, final String help,
        final ToLongFunction<MemberReading> value)
    {
        metrics.gauge(name, help, () -> value.applyAsLong(readings.get(member)), "member", Integer.toString(member));
    }

    private void run()
    {
        try
        {
            do
            {
                pollOnce();
            }
            while (!stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks every member once, all at once, and waits for each answer at most {@value #TIMEOUT_MILLIS} ms.
     *
     * @throws InterruptedException when interrupted.
     */
    void pollOnce() throws InterruptedException
    {
        final List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (final String address : addresses)
        {
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://" + address + "/api/member"))
                .timeout(Duration.ofMillis(TIMEOUT_MILLIS)).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS + POLL_MILLIS);
        for (int id = 0; id < answers.size(); id++)
        {
            final CompletableFuture<HttpResponse<String>> answer = answers.get(id);
            MemberReading reading;
            try
            {
                final HttpResponse<String> response =
                    answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                reading = response.statusCode() == 200 ? MemberReading.parse(id, response.body(), readings.get(id)) :
                    MemberReading.unreachable(id, readings.get(id), "HTTP " + response.statusCode());
            }
            catch (final ExecutionException ex)
            {
                final Throwable cause = ex.getCause() == null ? ex : ex.getCause();
                reading = MemberReading.unreachable(id, readings.get(id), cause instanceof HttpTimeoutException ?
                    "no answer in " + TIMEOUT_MILLIS + " ms" : cause.getClass().getSimpleName() +
                    (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            }
            catch (final TimeoutException ex)
            {
                answer.cancel(true);
                reading = MemberReading.unreachable(id, readings.get(id), "no answer in " + TIMEOUT_MILLIS + " ms");
            }
            readings.set(id, reading);
        }
    }

    /**
     * @return the {@code /health} body: {@code UP} while exactly one reachable running member leads and none is
     *     electing, with every member.
     */
    String health()
    {
        int leaders = 0;
        boolean electing = false;
        for (int id = 0; id < readings.length(); id++)
        {
            final MemberReading reading = readings.get(id);
            leaders += reading.running() && "leader".equals(reading.role()) ? 1 : 0;
            electing |= reading.electing();
        }
        return "{\"status\":\"" + (leaders == 1 && !electing ? "UP" : "DOWN") + "\",\"members\":" + members() + "}";
    }

    /**
     * @return the {@code /api/members} body: per member its address, whether it answered, and its last answer or
     *     why it did not.
     */
    String members()
    {
        final StringBuilder out = new StringBuilder("[");
        for (int id = 0; id < readings.length(); id++)
        {
            out.append(id == 0 ? "" : ",").append(readings.get(id).json(addresses.get(id)));
        }
        return out.append(']').toString();
    }

    @Override
    public void close()
    {
        stop.countDown();
        try
        {
            poller.join(2 * TIMEOUT_MILLIS + POLL_MILLIS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        callbacks.shutdownNow();
    }

    /**
     * The poller and the HTTP server that serves what it read.
     *
     * @param members the poller.
     * @param server  the server.
     */
    public record Served(RemoteMembers members, NodeHttpServer server) implements AutoCloseable
    {
        /**
         * @return the server's port.
         */
        public int port()
        {
            return server.port();
        }

        @Override
        public void close()
        {
            server.close();
            members.close();
        }
    }

    /**
     * @param members how many members the list must have.
     * @param list    HOST:PORT addresses.
     * @return the problem with the list, or null when it has one valid HOST:PORT per member.
     */
    static String problem(final int members, final List<String> list)
    {
        if (list.size() != members)
        {
            return String.format(Locale.ROOT, "wants one HOST:PORT per member (%d), got %d", members, list.size());
        }
        for (final String address : list)
        {
            try
            {
                final URI uri = URI.create("http://" + address + "/");
                if (uri.getHost() == null || uri.getPort() <= 0 || !uri.getPath().equals("/"))
                {
                    return "wants HOST:PORT, got " + address;
                }
            }
            catch (final IllegalArgumentException ex)
            {
                return "wants HOST:PORT, got " + address;
            }
        }
        return null;
    }
}
