package io.disruptorx.systemtest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import io.aeron.cluster.service.Cluster;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterProbe;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.FreePorts;
import io.disruptorx.cluster.MemberStatus;
import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.cluster.service.StateDumps;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.client.FeedEndpoints;
import io.disruptorx.node.cluster.LocalCluster;
import io.disruptorx.node.feed.BookCheck;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three member JVMs ({@code dx cluster-node}) under {@code target/}, a client media driver, a load generator
 * through a cluster client, and a feed subscriber on lines A (member 0) and B (member 1); and the checks a test
 * makes after each disturbance: nothing acknowledged lost, nothing duplicated, every member's state
 * byte-identical, the subscriber's book equal to the engine's.
 */
final class ClusterHarness implements AutoCloseable
{
    static final long SECOND = 1_000_000_000L;
    private static final String SESSION = "DXCLUSTER";

    private final Path root;
    private final LocalCluster cluster;
    private final MediaDriver driver;
    private final FeedClientRunner subscriber;
    private final String egressChannel;
    private ClusterVenueClient client;
    private ClusterLoad load;

    ClusterHarness(
        final String name,
        final List<String> hosts,
        final String feedHost,
        final IntFunction<List<String>> prefix,
        final ClusterTimeouts timeouts)
    {
        this(name, hosts, feedHost, prefix, timeouts, "aeron:udp?endpoint=localhost:0");
    }

    ClusterHarness(
        final String name,
        final List<String> hosts,
        final String feedHost,
        final IntFunction<List<String>> prefix,
        final ClusterTimeouts timeouts,
        final String egressChannel)
    {
        this.egressChannel = egressChannel;
        final Path parent = Path.of("target", "cluster-system-tests").toAbsolutePath();
        deleteEarlierRuns(parent, name);
        root = parent.resolve(name + "-" + System.nanoTime());
        final int base = FreePorts.block(200);
        final InetSocketAddress lineA = new InetSocketAddress(feedHost == null ? "127.0.0.1" : feedHost, base + 90);
        final InetSocketAddress lineB = new InetSocketAddress(feedHost == null ? "127.0.0.1" : feedHost, base + 91);
        final List<List<InetSocketAddress>> lines =
            feedHost == null ? List.of() : List.of(List.of(lineA), List.of(lineB));
        cluster = new LocalCluster(root, hosts, base, timeouts, lines,
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), prefix);
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(root.resolve("client-aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        final ClusterMemberConfig member2 = cluster.config(Math.min(2, hosts.size() - 1));
        subscriber = feedHost == null ? null : new FeedClientRunner(
            FeedClientConfig.builder().session(SESSION).build(),
            new FeedEndpoints(lineA, lineB, false, null,
            new InetSocketAddress(member2.service().feed().bindAddress(), member2.service().feed().retransmitPort()),
            new InetSocketAddress(member2.service().feed().bindAddress(), member2.service().feed().recoveryPort())),
            new MarketDataListener()
            {
            }).start("cluster-feed-subscriber");
    }

    static ClusterHarness onLoopback(final String name)
    {
        return new ClusterHarness(name, List.of("localhost", "localhost", "localhost"), "127.0.0.1",
            (id) -> List.of(), ClusterTimeouts.tuned());
    }

    LocalCluster cluster()
    {
        return cluster;
    }

    /**
     * @return the test's client media driver, for more cluster clients.
     */
    String aeronDirectory()
    {
        return driver.aeronDirectoryName();
    }

    ClusterLoad load()
    {
        return load;
    }

    ClusterVenueClient client()
    {
        return client;
    }

    /**
     * Starts the members a quorum first, then the last once those agree on a leader ({@code ClusterStartup} says
     * why), and waits until all of them agree.
     */
    void startAll()
    {
        cluster.startAll(Duration.ofSeconds(60));
    }

    /**
     * Waits until every running member is out of its election and in one term with the others, exactly one
     * leading.
     *
     * @param timeoutNanos longest wait.
     * @return the leader.
     */
    int awaitAgreement(final long timeoutNanos)
    {
        return cluster.awaitAgreement(Duration.ofNanos(timeoutNanos));
    }

    /**
     * Brings a stopped or killed member back: once the running members agree on a leader (a member that starts
     * during an election could take part in it), starts it, waits until it has caught up and all agree.
     *
     * @param memberId the member.
     */
    void restart(final int memberId)
    {
        awaitAgreement(60 * SECOND);
        cluster.start(memberId);
        awaitCaughtUp(memberId, 60 * SECOND);
        awaitAgreement(60 * SECOND);
    }

    /**
     * Connects the gateway and starts the load.
     *
     * @param rate orders per second.
     * @param seed flow seed.
     */
    void startLoad(final int rate, final long seed)
    {
        final ClusterClientConfig config = ClusterClientConfig.of(11, cluster.ingressEndpoints(),
            driver.aeronDirectoryName()).withPendingCapacity(16 * 1024);
        client = ClusterVenueClient.create(new ClusterClientConfig(config.gatewayId(), config.incarnation(),
            config.ingressEndpoints(), config.aeronDirectory(), egressChannel, null, config.cancelOnDisconnect(),
            config.pendingCapacity(), config.resendAfter(), config.keepAliveInterval(), config.connectTimeout()));
        assertThat(client.awaitConnected(30 * SECOND)).as("the load's client connected: %s", cluster.status())
            .isTrue();
        load = new ClusterLoad(client, rate, seed);
        load.start();
    }

    /**
     * @param timeoutNanos longest wait.
     * @return the single running member that leads.
     */
    int awaitLeader(final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline)
        {
            final int leader = cluster.leader();
            if (leader >= 0)
            {
                return leader;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("no single leader within " + timeoutNanos / SECOND + " s: " + cluster.status());
    }

    /**
     * Waits until a member runs, follows (or leads) and has caught up: its feed line opened, which it does once it
     * has replayed its log and come within 64 KiB of the commit position.
     *
     * @param memberId     the member.
     * @param timeoutNanos longest wait.
     */
    void awaitCaughtUp(final int memberId, final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline)
        {
            final MemberStatus member = cluster.status().get(memberId);
            if (member.running() && member.role() != null && member.role() != Cluster.Role.CANDIDATE &&
                member.service().getOrDefault("feed transmitting", 0L) == 1)
            {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("member " + memberId + " did not catch up: " + cluster.status());
    }

    /**
     * Pauses the load, waits for every answer, snapshots, and checks: nothing lost or duplicated, the running
     * members' states byte-identical, the events' open orders equal to the engine's, the subscriber's book equal
     * to the engine's. Resumes the load.
     *
     * @return the snapshot's log position.
     */
    long verify()
    {
        load.pause();
        final boolean answered = load.awaitAnswered(60 * SECOND);
        final List<Long> unanswered = load.unanswered();
        assertThat(answered).as("every command answered; %d unanswered, the first %s; client %s; members %s",
            unanswered.size(), unanswered.stream().sorted().limit(10).toList(), client.counters(), cluster.status())
            .isTrue();
        assertThat(load.answeredTwice()).as("commands answered twice").isEmpty();
        assertThat(load.duplicateTrades()).as("trades seen twice").isZero();
        assertThat(load.conflictingOrderIds()).as("order ids given to two orders").isZero();

        final List<ClusterMemberConfig> running = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++)
        {
            if (cluster.alive(i))
            {
                running.add(cluster.config(i));
            }
        }
        final long position = snapshot(running);
        final byte[] state = read(StateDumps.file(running.get(0).stateDirectory(), position));
        for (final ClusterMemberConfig config : running)
        {
            assertThat(Arrays.equals(state, read(StateDumps.file(config.stateDirectory(), position))))
                .as("member %d's state at %d equals member %d's", config.memberId(), position,
                running.get(0).memberId()).isTrue();
        }
        final MatchingEngine engine = StateDumps.restoreEngine(state, running.get(0).service().engine(),
            new EngineListenerAdapter()
            {
            });
        assertThat(load.restingDifferences(engine)).as("open orders: events against the engine").isEmpty();
        if (subscriber != null)
        {
            final long lastFeed = engine.nextFeedSequence() - 1;
            final long deadline = System.nanoTime() + 30 * SECOND;
            while (subscriber.client().nextSequence() <= lastFeed && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertThat(subscriber.client().nextSequence() - 1).as("subscriber's feed sequence").isEqualTo(lastFeed);
            assertThat(BookCheck.differences(engine, subscriber.book()))
                .as("subscriber's book against the engine's").isEmpty();
        }
        load.resume();
        return position;
    }

    private long snapshot(final List<ClusterMemberConfig> running)
    {
        final long before = latestCommon(running);
        final long deadline = System.nanoTime() + 60 * SECOND;
        long requestedAt = 0;
        while (System.nanoTime() < deadline)
        {
            final long position = latestCommon(running);
            if (position > before)
            {
                return position;
            }
            if (System.nanoTime() - requestedAt > 5 * SECOND)
            {
                for (final ClusterMemberConfig config : running)
                {
                    if (ClusterProbe.requestSnapshot(config))
                    {
                        requestedAt = System.nanoTime();
                    }
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("no snapshot common to every running member: " + cluster.status());
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

    static void deleteEarlierRuns(final Path parent, final String name)
    {
        if (!Files.isDirectory(parent))
        {
            return;
        }
        try (Stream<Path> runs = Files.list(parent))
        {
            for (final Path run : runs.filter((p) -> p.getFileName().toString().startsWith(name + "-")).toList())
            {
                try (Stream<Path> files = Files.walk(run))
                {
                    files.sorted(Comparator.reverseOrder()).forEach((f) -> f.toFile().delete());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
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

    @Override
    public void close()
    {
        CloseHelper.quietClose(load);
        CloseHelper.quietClose(client);
        if (subscriber != null)
        {
            subscriber.close();
        }
        cluster.close();
        CloseHelper.quietClose(driver);
    }
}
