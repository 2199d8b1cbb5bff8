package io.disruptorx.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.disruptorx.cluster.service.ServiceConfig;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.PostOnlyMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * Three (or more) members in this JVM, each in its own directory under {@code target/}, on a fresh block of
 * loopback ports, plus a media driver for clients.
 */
final class TestCluster implements AutoCloseable
{
    static final EngineConfig ENGINE = new EngineConfig(16, 8, 100_000, 1024, 0, PostOnlyMode.REJECT);

    private final Path root;
    private final List<ClusterMemberConfig> configs = new ArrayList<>();
    private final ClusterMember[] members;
    private final MediaDriver clientDriver;

    TestCluster(final String name, final int size, final IntFunction<ServiceConfig> service)
    {
        root = Path.of("target", "cluster-tests", name + "-" + System.nanoTime()).toAbsolutePath();
        final int base = FreePorts.block(size * 10);
        final List<MemberAddress> addresses = new ArrayList<>();
        for (int i = 0; i < size; i++)
        {
            addresses.add(new MemberAddress(i, "localhost", base + i * 10));
        }
        for (int i = 0; i < size; i++)
        {
            configs.add(new ClusterMemberConfig(i, addresses, root.resolve("member-" + i), ClusterTimeouts.tuned(),
                service.apply(i)));
        }
        members = new ClusterMember[size];
        clientDriver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(root.resolve("client-aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    static ServiceConfig plainService(final int memberId)
    {
        return ServiceConfig.of(ENGINE);
    }

    /**
     * Starts every member a quorum first ({@link ClusterStartup}) and waits until they agree on a leader,
     * restarting once a member still in its election after the join limit.
     */
    void startAll()
    {
        ClusterStartup.startAll(members.length, new ClusterStartup.Members()
        {
            @Override
            public void start(final int memberId)
            {
                TestCluster.this.start(memberId);
            }

            @Override
            public void stop(final int memberId)
            {
                TestCluster.this.stop(memberId);
            }

            @Override
            public MemberStatus status(final int memberId)
            {
                return ClusterProbe.status(configs.get(memberId));
            }

            @Override
            public String diagnostics(final int memberId)
            {
                return MemberDiagnostics.threadStacks(memberId) + MemberDiagnostics.errorLogs(configs.get(memberId));
            }
        }, ClusterStartup.JOIN_LIMIT, Duration.ofSeconds(45), System.err);
    }

    void start(final int memberId)
    {
        members[memberId] = ClusterMember.launch(configs.get(memberId), System.err);
    }

    /**
     * Starts a member running another clustered service than the engine's.
     */
    void start(final int memberId, final ClusteredService service)
    {
        members[memberId] = ClusterMember.launch(configs.get(memberId), System.err, service);
    }

    void stop(final int memberId)
    {
        CloseHelper.close(members[memberId]);
        members[memberId] = null;
    }

    ClusterMember member(final int memberId)
    {
        return members[memberId];
    }

    ClusterMemberConfig config(final int memberId)
    {
        return configs.get(memberId);
    }

    int size()
    {
        return members.length;
    }

    String ingressEndpoints()
    {
        return ClusterMemberConfig.ingressEndpoints(configs.get(0).members());
    }

    String clientAeronDirectory()
    {
        return clientDriver.aeronDirectoryName();
    }

    Path root()
    {
        return root;
    }

    /**
     * @param timeout longest wait.
     * @return the id of the one running member that leads.
     */
    int awaitLeader(final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline)
        {
            int leader = -1;
            int leaders = 0;
            for (int i = 0; i < members.length; i++)
            {
                if (members[i] != null && members[i].role() == Cluster.Role.LEADER)
                {
                    leader = i;
                    leaders++;
                }
            }
            if (leaders == 1)
            {
                return leader;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        throw new AssertionError("no single leader within " + timeout);
    }

    /**
     * Takes a snapshot on the leader and waits until every running member has written its state copy.
     *
     * @param timeout longest wait.
     * @return the snapshot's log position.
     */
    long snapshot(final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final long[] before = new long[members.length];
        for (int i = 0; i < members.length; i++)
        {
            before[i] = members[i] == null ? -1 : members[i].service().lastSnapshotPosition();
        }
        while (!member(awaitLeader(timeout)).requestSnapshot())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("snapshot request not taken within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        while (System.nanoTime() < deadline)
        {
            long position = -1;
            boolean all = true;
            for (int i = 0; i < members.length; i++)
            {
                if (members[i] == null)
                {
                    continue;
                }
                final long last = members[i].service().lastSnapshotPosition();
                if (last == before[i] || (position != -1 && last != position))
                {
                    all = false;
                }
                position = last;
            }
            if (all)
            {
                return position;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        throw new AssertionError("members did not all snapshot within " + timeout);
    }

    byte[] stateDump(final int memberId, final long position)
    {
        try
        {
            return Files.readAllBytes(configs.get(memberId).stateDirectory().resolve("state-" + position + ".bin"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        for (int i = 0; i < members.length; i++)
        {
            CloseHelper.quietClose(members[i]);
        }
        CloseHelper.quietClose(clientDriver);
        delete(root);
    }

    private static void delete(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
