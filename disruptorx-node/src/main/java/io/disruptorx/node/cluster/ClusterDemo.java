package io.disruptorx.node.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.aeron.cluster.service.Cluster;
import io.aeron.driver.MediaDriver;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterProbe;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.MemberStatus;
import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.cluster.service.StateDumps;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.node.demo.DemoGateway;

/**
 * {@code dx cluster}: a local cluster of member processes, the demo's traders sending through a cluster client,
 * the demo's binary gateway on a cluster client of its own with two traders on it over SoupBinTCP (and room for
 * {@code dx order}), and two feed subscribers (lines A+B and B+C). Every second it prints the members' roles and
 * the flow; it tells when a member dies and how long the cluster took to answer again, and restarts a member when
 * {@code dx cluster restart N} asks, once the running members agree on one leader ({@link MemberRestarts}). At the
 * end it snapshots, checks that every member holds the same bytes and
 * that the subscribers' books equal the engine's, and stops the members.
 */
final class ClusterDemo
{
    private static final long SECOND = 1_000_000_000L;

    private final Options options;
    private final PrintWriter out;
    private volatile boolean running = true;

    /**
     * Settings.
     *
     * @param directory   the cluster's directory.
     * @param members     members.
     * @param basePort    first port.
     * @param rate        commands per second offered.
     * @param seconds     how long to run, 0 for until stopped.
     * @param instruments instruments listed.
     * @param accounts    trading accounts.
     * @param seed        order flow seed.
     */
    record Options(
        Path directory, int members, int basePort, int rate, int seconds, int instruments, int accounts, long seed)
    {
    }

    ClusterDemo(final Options options, final PrintWriter out)
    {
        this.options = options;
        this.out = out;
    }

    void stop()
    {
        running = false;
    }

    int run()
    {
        final Path dir = options.directory().toAbsolutePath();
        if (ControlFiles.launcher(dir).isPresent())
        {
            out.println("dx cluster: another dx cluster (pid " + ControlFiles.launcher(dir).get() + ") runs on " +
                dir);
            return 1;
        }
        ControlFiles.claim(dir);
        final int base = options.basePort();
        final List<List<InetSocketAddress>> lines = List.of(
            List.of(LocalCluster.loopback(base + 200)),
            List.of(LocalCluster.loopback(base + 201), LocalCluster.loopback(base + 202)),
            List.of(LocalCluster.loopback(base + 203)));
        final ClusterFeedCheck feed = new ClusterFeedCheck();
        try (LocalCluster cluster = new LocalCluster(dir, options.members(), base, ClusterTimeouts.tuned(), lines,
            List.of("-Xms128m", "-Xmx512m"));
            MediaDriver driver = ClientDriver.launch(dir.resolve("client-aeron")))
        {
            cluster.startAll(Duration.ofSeconds(60));
            out.printf(Locale.ROOT, "dx cluster: %d members in %s (logs member-N.log); `./dx cluster status`, " +
                "`kill -9` a member, `./dx cluster restart N`%n", options.members(), dir);
            final ClusterMemberConfig first = cluster.config(0);
            final String session = first.service().feed().session();
            feed.add(session, "feed-AB", LocalCluster.loopback(base + 200), LocalCluster.loopback(base + 201),
                LocalCluster.loopback(base + 100), LocalCluster.loopback(base + 101));
            if (options.members() >= 3)
            {
                feed.add(session, "feed-BC", LocalCluster.loopback(base + 202), LocalCluster.loopback(base + 203),
                    LocalCluster.loopback(base + 120), LocalCluster.loopback(base + 121));
            }
            try (ClusterVenueClient client = ClusterVenueClient.create(
                ClusterClientConfig.of(1, cluster.ingressEndpoints(), driver.aeronDirectoryName())))
            {
                final ClusterTraders traders = new ClusterTraders(client, options.seed(), options.instruments(),
                    options.accounts(), System.currentTimeMillis() * 1000);
                final Runnable idle = idle(client, traders);
                traders.setUp(idle);
                final long firstGatewayAccount = options.accounts() + 1L;
                for (long account = firstGatewayAccount; account < firstGatewayAccount + 3; account++)
                {
                    traders.fund(account, idle);
                }
                final long fundedBy = System.nanoTime() + 10 * SECOND;
                while (client.unacknowledged() > 0 && System.nanoTime() < fundedBy)
                {
                    idle.run();
                }
                try (DemoGateway gateway = DemoGateway.start(() -> ClusterVenueClient.create(ClusterClientConfig.of(
                    2, cluster.ingressEndpoints(), driver.aeronDirectoryName())), DemoGateway.DEFAULT_PORT + 10,
                    options.instruments(), firstGatewayAccount, Math.max(100, options.rate() / 10), out))
                {
                    gateway.startTraders();
                    final Thread flow = new Thread(() -> trade(client, traders, idle), "dx-cluster-traders");
                    flow.start();
                    supervise(cluster, traders, feed);
                    running = false;
                    join(flow);
                    out.printf(Locale.ROOT, "dx cluster: sent %,d commands, %,d accepted, %,d rejected, " +
                        "%,d trades; client %s%n", traders.sent(), traders.accepted(), traders.rejected(),
                        traders.trades(), client.counters());
                    gateway.printSummary(out);
                }
                verify(cluster, feed);
            }
        }
        finally
        {
            feed.close();
            ControlFiles.release(dir);
        }
        out.println("dx cluster: members stopped");
        return 0;
    }

    private static Runnable idle(final ClusterVenueClient client, final ClusterTraders traders)
    {
        return () ->
        {
            if (client.poll(traders, 256) == 0)
            {
                LockSupport.parkNanos(100_000);
            }
        };
    }

    private void trade(final ClusterVenueClient client, final ClusterTraders traders, final Runnable idle)
    {
        final long start = System.nanoTime();
        long taken = 0;
        while (running)
        {
            final long due = (System.nanoTime() - start) * options.rate() / SECOND;
            while (taken < due && running && traders.step())
            {
                taken++;
                if ((taken & 63) == 0)
                {
                    client.poll(traders, 256);
                }
            }
            idle.run();
        }
        final long drainUntil = System.nanoTime() + 2 * SECOND;
        while (client.unacknowledged() > 0 && System.nanoTime() < drainUntil)
        {
            idle.run();
        }
    }

    private void supervise(final LocalCluster cluster, final ClusterTraders traders, final ClusterFeedCheck feed)
    {
        final long start = System.nanoTime();
        long nextStatus = start + SECOND;
        int lastLeader = -1;
        long leaderDiedAt = 0;
        final boolean[] down = new boolean[cluster.size()];
        final boolean[] rejoining = new boolean[cluster.size()];
        final MemberRestarts restarts = new MemberRestarts(cluster.size());
        long lastSent = 0;
        while (running && (options.seconds() == 0 || System.nanoTime() - start < options.seconds() * SECOND))
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            for (int i = 0; i < cluster.size(); i++)
            {
                if (!down[i] && !cluster.alive(i))
                {
                    down[i] = true;
                    out.printf(Locale.ROOT, "dx cluster: member %d%s exited (%d); %d of %d left; " +
                        "`./dx cluster restart %d` brings it back%n", i, i == lastLeader ? " (the leader)" : "",
                        cluster.process(i).exitValue(), countUp(down), cluster.size(), i);
                    if (i == lastLeader)
                    {
                        leaderDiedAt = System.nanoTime();
                    }
                }
                if (ControlFiles.takeRestart(cluster.directory(), i))
                {
                    if (cluster.alive(i))
                    {
                        out.printf(Locale.ROOT, "dx cluster: member %d is running; not restarted%n", i);
                    }
                    else if (!restarts.pending(i))
                    {
                        restarts.request(i);
                        out.printf(Locale.ROOT, "dx cluster: member %d restarts once the running members agree " +
                            "on one leader%n", i);
                    }
                }
            }
            final int restarted = restarts.startDue(cluster::alive, cluster::runningStatuses, cluster::start);
            if (restarted >= 0)
            {
                down[restarted] = false;
                rejoining[restarted] = true;
                out.printf(Locale.ROOT, "dx cluster: member %d restarted (pid %d); it catches up from its " +
                    "snapshot and the log%n", restarted, cluster.process(restarted).pid());
            }
            snapshotOnceRejoined(cluster, rejoining);
            if (leaderDiedAt != 0 && traders.lastEventNanos() > leaderDiedAt)
            {
                out.printf(Locale.ROOT, "dx cluster: failover: the cluster answered again %d ms after the leader " +
                    "died%n", TimeUnit.NANOSECONDS.toMillis(traders.lastEventNanos() - leaderDiedAt));
                leaderDiedAt = 0;
            }
            if (System.nanoTime() >= nextStatus)
            {
                nextStatus += SECOND;
                final List<MemberStatus> statuses = cluster.status();
                final StringBuilder roles = new StringBuilder();
                for (final MemberStatus status : statuses)
                {
                    final boolean up = status.running() && cluster.alive(status.memberId());
                    roles.append(' ').append(status.memberId()).append(':').append(up ? status.role() : "DOWN");
                    if (up && status.role() == Cluster.Role.LEADER)
                    {
                        lastLeader = status.memberId();
                    }
                }
                final long sent = traders.sent();
                out.printf(Locale.ROOT, "dx cluster: %3ds members%s  sent %,d (%,d/s) accepted %,d trades %,d  " +
                    "feed %s%n", (System.nanoTime() - start) / SECOND, roles, sent, sent - lastSent,
                    traders.accepted(), traders.trades(), feed.describe());
                lastSent = sent;
                out.flush();
            }
        }
    }

    /**
     * A member that restarted replayed and caught up a long log; until the next snapshot the next election is
     * slower (docs/cluster.md), so once it has caught up the leader takes one.
     */
    private void snapshotOnceRejoined(final LocalCluster cluster, final boolean[] rejoining)
    {
        for (int i = 0; i < rejoining.length; i++)
        {
            if (rejoining[i] && cluster.alive(i) &&
                cluster.status().get(i).service().getOrDefault("feed transmitting", 0L) == 1)
            {
                rejoining[i] = false;
                for (int member = 0; member < cluster.size(); member++)
                {
                    if (ClusterProbe.requestSnapshot(cluster.config(member)))
                    {
                        out.printf(Locale.ROOT, "dx cluster: member %d caught up; snapshot requested%n", i);
                    }
                }
            }
        }
    }

    private void verify(final LocalCluster cluster, final ClusterFeedCheck feed)
    {
        final List<ClusterMemberConfig> running = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++)
        {
            if (cluster.alive(i))
            {
                running.add(cluster.config(i));
            }
        }
        feed.awaitQuiet(SECOND, 15 * SECOND);
        final long deadline = System.nanoTime() + 30 * SECOND;
        final long before = latestCommon(running);
        long position = -1;
        while (System.nanoTime() < deadline && position <= before)
        {
            for (final ClusterMemberConfig config : running)
            {
                ClusterProbe.requestSnapshot(config);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            position = latestCommon(running);
        }
        if (position <= before)
        {
            out.println("dx cluster: no snapshot taken by every running member; state not compared");
            return;
        }
        final byte[] reference = read(StateDumps.file(running.get(0).stateDirectory(), position));
        int identical = 0;
        for (final ClusterMemberConfig config : running)
        {
            identical += Arrays.equals(reference, read(StateDumps.file(config.stateDirectory(), position))) ? 1 : 0;
        }
        out.printf(Locale.ROOT, "dx cluster: snapshot at log position %d: %d of %d running members hold " +
            "byte-identical state (%,d bytes)%n", position, identical, running.size(), reference.length);
        final MatchingEngine engine = StateDumps.restoreEngine(reference, running.get(0).service().engine(),
            new EngineListenerAdapter()
            {
            });
        for (final String line : feed.compare(engine, 20 * SECOND))
        {
            out.println("dx cluster: " + line);
        }
    }

    private static long latestCommon(final List<ClusterMemberConfig> configs)
    {
        final List<Long> common = new ArrayList<>(StateDumps.positions(configs.get(0).stateDirectory()));
        for (final ClusterMemberConfig config : configs)
        {
            common.retainAll(StateDumps.positions(config.stateDirectory()));
        }
        return common.isEmpty() ? -1 : common.get(common.size() - 1);
    }

    private static int countUp(final boolean[] down)
    {
        int up = 0;
        for (final boolean d : down)
        {
            up += d ? 0 : 1;
        }
        return up;
    }

    private static byte[] read(final Path file)
    {
        try
        {
            return Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void join(final Thread thread)
    {
        try
        {
            thread.join(10_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
