package io.disruptorx.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.codecs.mark.ClusterComponentType;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterMarkFile;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.aeron.logbuffer.LogBufferDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start order that keeps every start-up election to a quorum, and the agreement it waits for: the statuses the
 * failed CI run showed (two leaders in two terms, followers stuck in election INIT) are not agreement.
 */
class ClusterStartupTest
{
    @Test
    void shouldAgreeOnlyOnOneLeaderInOneTermWithEveryElectionClosed()
    {
        assertThat(ClusterStartup.agreedLeader(List.of(
            member(0, Cluster.Role.FOLLOWER, ElectionState.CLOSED, 3),
            member(1, Cluster.Role.LEADER, ElectionState.CLOSED, 3),
            member(2, Cluster.Role.FOLLOWER, ElectionState.CLOSED, 3)))).isEqualTo(1);

        assertThat(ClusterStartup.agreedLeader(List.of(
            member(0, Cluster.Role.FOLLOWER, ElectionState.INIT, 0),
            member(1, Cluster.Role.LEADER, ElectionState.LEADER_READY, 1),
            member(2, Cluster.Role.FOLLOWER, ElectionState.INIT, 0)))).as("the CI run's split").isEqualTo(-1);
        assertThat(ClusterStartup.agreedLeader(List.of(
            member(0, Cluster.Role.LEADER, ElectionState.CLOSED, 0),
            member(1, Cluster.Role.LEADER, ElectionState.CLOSED, 1)))).as("two leaders").isEqualTo(-1);
        assertThat(ClusterStartup.agreedLeader(List.of(
            member(0, Cluster.Role.LEADER, ElectionState.CLOSED, 2),
            member(1, Cluster.Role.FOLLOWER, ElectionState.CLOSED, 1)))).as("two terms").isEqualTo(-1);
        assertThat(ClusterStartup.agreedLeader(List.of(
            member(0, Cluster.Role.FOLLOWER, ElectionState.CLOSED, 2),
            member(1, Cluster.Role.FOLLOWER, ElectionState.CLOSED, 2)))).as("no leader").isEqualTo(-1);
        assertThat(ClusterStartup.agreedLeader(List.of(
            member(0, Cluster.Role.LEADER, ElectionState.CLOSED, 2),
            member(1, Cluster.Role.CANDIDATE, ElectionState.CANDIDATE_BALLOT, 2)))).as("a candidate").isEqualTo(-1);
        assertThat(ClusterStartup.agreedLeader(List.of(
            member(0, Cluster.Role.LEADER, ElectionState.CLOSED, 2),
            new MemberStatus(1, false, null, null, -1, -1, -1, -1, -1, Map.of())))).as("one down").isEqualTo(-1);
        assertThat(ClusterStartup.agreedLeader(List.of())).isEqualTo(-1);
    }

    @Test
    void shouldStartAQuorumFirstAndTheRestOneAtATimeOnceTheStartedAgree()
    {
        final FakeMembers members = new FakeMembers((id, restarts) -> member(id,
            id == 1 ? Cluster.Role.LEADER : Cluster.Role.FOLLOWER, ElectionState.CLOSED, 0));
        final int leader = ClusterStartup.startAll(5, members, Duration.ofSeconds(5), Duration.ofSeconds(5),
            members.out());

        assertThat(leader).isEqualTo(1);
        assertThat(members.steps).containsExactly(
            "start 0", "start 1", "start 2", "status 0", "status 1", "status 2",
            "start 3", "status 0", "status 1", "status 2", "status 3",
            "start 4", "status 0", "status 1", "status 2", "status 3", "status 4");
        assertThat(members.printed()).isEmpty();
    }

    @Test
    void shouldRestartOnceAMemberStuckInItsElectionAndThenGoOn()
    {
        final FakeMembers members = new FakeMembers((id, restarts) -> id == 1 && restarts == 0 ?
            member(1, Cluster.Role.FOLLOWER, ElectionState.FOLLOWER_LOG_AWAIT, 0) :
            member(id, id == 0 ? Cluster.Role.LEADER : Cluster.Role.FOLLOWER, ElectionState.CLOSED, 0));

        final int leader = ClusterStartup.startAll(3, members, Duration.ofMillis(50), Duration.ofSeconds(5),
            members.out());

        assertThat(leader).isEqualTo(0);
        assertThat(members.steps).filteredOn((step) -> !step.startsWith("status")).containsExactly(
            "start 0", "start 1", "diagnostics 1", "stop 1", "start 1", "start 2");
        assertThat(members.printed())
            .startsWith("cluster start: members [1] still in an election after 50 ms, restarting them once: ")
            .contains("member 1: FOLLOWER term 0 commit 0 election FOLLOWER_LOG_AWAIT")
            .contains("member 0: LEADER term 0 commit 0 election CLOSED")
            .contains("member 1:\nstack of member 1, start 1");
    }

    @Test
    void shouldFailWithTheStatusesAndDiagnosticsWhenARestartedMemberStaysInItsElection()
    {
        final FakeMembers members = new FakeMembers((id, restarts) -> id == 1 ?
            member(1, Cluster.Role.FOLLOWER, ElectionState.FOLLOWER_LOG_AWAIT, 0) :
            member(id, Cluster.Role.LEADER, ElectionState.CLOSED, 0));

        assertThatThrownBy(() -> ClusterStartup.startAll(3, members, Duration.ofMillis(50), Duration.ofMillis(50),
            members.out()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("did not agree on one leader")
            .hasMessageContaining("within 100 ms (members [1] restarted after 50 ms)")
            .hasMessageContaining("member 1: FOLLOWER term 0 commit 0 election FOLLOWER_LOG_AWAIT")
            .hasMessageContaining("before the restart:\nmember 1:\nstack of member 1, start 1")
            .hasMessageContaining("after the restart:\nmember 1:\nstack of member 1, start 2");
        assertThat(members.steps).filteredOn((step) -> !step.startsWith("status")).containsExactly(
            "start 0", "start 1", "diagnostics 1", "stop 1", "start 1", "diagnostics 1");
    }

    @Test
    void shouldNameTheMembersWhenTheyDoNotAgreeInTime()
    {
        final FakeMembers members = new FakeMembers((id, restarts) ->
            member(id, Cluster.Role.LEADER, ElectionState.CLOSED, id));
        assertThatThrownBy(() -> ClusterStartup.startAll(3, members, Duration.ofMillis(50), Duration.ofMillis(50),
            members.out()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("did not agree on one leader")
            .hasMessageContaining("member 1: LEADER term 1")
            .hasMessageNotContaining("restarted")
            .hasMessageContaining("member 0:\nstack of member 0, start 1");
        assertThat(members.steps).as("every election closed: nothing to restart")
            .noneMatch((step) -> step.startsWith("stop"));
        assertThat(members.printed()).isEmpty();
    }

    @Test
    void shouldReadTheDistinctErrorsOfAMembersMarkFiles(@TempDir final Path directory) throws IOException
    {
        final ClusterMemberConfig config = new ClusterMemberConfig(0,
            List.of(new MemberAddress(0, "localhost", 20_000)), directory, ClusterTimeouts.tuned(),
            TestCluster.plainService(0));
        assertThat(MemberDiagnostics.errorLogs(config)).isEmpty();
        Files.createDirectories(config.clusterDirectory());

        try (ClusterMarkFile markFile = new ClusterMarkFile(
            config.clusterDirectory().resolve(ClusterMarkFile.FILENAME).toFile(),
            ClusterComponentType.CONSENSUS_MODULE, ClusterMarkFile.ERROR_BUFFER_MIN_LENGTH,
            SystemEpochClock.INSTANCE, 0, LogBufferDescriptor.PAGE_MIN_SIZE))
        {
            final DistinctErrorLog errors = new DistinctErrorLog(markFile.errorBuffer(), SystemEpochClock.INSTANCE);
            final IllegalStateException stuck = new IllegalStateException("awaiting the service's ack");
            errors.record(stuck);
            errors.record(stuck);
            markFile.signalReady(System.currentTimeMillis());
        }

        assertThat(MemberDiagnostics.errorLogs(config))
            .startsWith("cluster-mark.dat errors (1 distinct):\n  x2 java.lang.IllegalStateException: " +
                "awaiting the service's ack\n    at io.disruptorx.cluster.ClusterStartupTest.");
    }

    @Test
    @Timeout(120)
    void shouldLeaveThreeMembersAgreedOnOneLeader()
    {
        try (TestCluster cluster = new TestCluster("startup", 3, TestCluster::plainService))
        {
            cluster.startAll();
            final List<MemberStatus> statuses = new ArrayList<>();
            for (int i = 0; i < cluster.size(); i++)
            {
                statuses.add(ClusterProbe.status(cluster.config(i)));
            }
            assertThat(ClusterStartup.agreedLeader(statuses)).as("%s", statuses).isNotNegative();
            assertThat(MemberDiagnostics.threadStacks(1)).as("the member's threads carry its id")
                .contains("thread consensus-module-member-1 ").contains("thread clustered-service-member-1 ")
                .contains("org.agrona.concurrent.AgentRunner.run");
        }
    }

    @Test
    @Timeout(180)
    void shouldRestartAMemberWhoseServiceNeverStartsAndShowWhereItsThreadWas()
    {
        final AtomicInteger launches = new AtomicInteger();
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (TestCluster cluster = new TestCluster("stuck", 3, TestCluster::plainService))
        {
            final int leader = ClusterStartup.startAll(3, new ClusterStartup.Members()
            {
                @Override
                public void start(final int memberId)
                {
                    if (memberId == 1 && launches.getAndIncrement() == 0)
                    {
                        cluster.start(1, new NeverStarts());
                    }
                    else
                    {
                        cluster.start(memberId);
                    }
                }

                @Override
                public void stop(final int memberId)
                {
                    cluster.stop(memberId);
                }

                @Override
                public MemberStatus status(final int memberId)
                {
                    return ClusterProbe.status(cluster.config(memberId));
                }

                @Override
                public String diagnostics(final int memberId)
                {
                    return MemberDiagnostics.threadStacks(memberId) + MemberDiagnostics.errorLogs(
                        cluster.config(memberId));
                }
            }, Duration.ofSeconds(5), Duration.ofSeconds(60), new PrintStream(printed, true, StandardCharsets.UTF_8));

            final List<MemberStatus> statuses = new ArrayList<>();
            for (int i = 0; i < cluster.size(); i++)
            {
                statuses.add(ClusterProbe.status(cluster.config(i)));
            }
            assertThat(ClusterStartup.agreedLeader(statuses)).as("%s", statuses).isEqualTo(leader).isNotNegative();
            System.err.print(printed.toString(StandardCharsets.UTF_8));
            assertThat(launches).as("member 1 restarted once").hasValue(2);
            assertThat(printed.toString(StandardCharsets.UTF_8))
                .containsPattern("cluster start: members \\[(0, )?1\\] still in an election after 5 s, restarting")
                .contains("member 1: FOLLOWER term")
                .contains("thread clustered-service-member-1 ")
                .contains("NeverStarts.onStart");
        }
    }

    private static MemberStatus member(
        final int id, final Cluster.Role role, final ElectionState election, final long term)
    {
        return new MemberStatus(id, true, role, election, term, 0, 1, 0, -1, Map.of());
    }


    /**
     * A clustered service whose start never returns (until its thread is interrupted by the member's close): its
     * consensus module waits for the service's first ack and the member never leaves its election.
     */
    private static final class NeverStarts implements ClusteredService
    {
        @Override
        public void onStart(final Cluster cluster, final Image snapshotImage)
        {
            try
            {
                new CountDownLatch(1).await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onSessionOpen(final ClientSession session, final long timestamp)
        {
        }

        @Override
        public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
        {
        }

        @Override
        public void onSessionMessage(
            final ClientSession session,
            final long timestamp,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final Header header)
        {
        }

        @Override
        public void onTimerEvent(final long correlationId, final long timestamp)
        {
        }

        @Override
        public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
        {
        }

        @Override
        public void onRoleChange(final Cluster.Role newRole)
        {
        }

        @Override
        public void onTerminate(final Cluster cluster)
        {
        }
    }
    /**
     * Members whose statuses are a function of their id and how often each was restarted; every call is logged.
     */
    private static final class FakeMembers implements ClusterStartup.Members
    {
        private final BiFunction<Integer, Integer, MemberStatus> statuses;
        private final List<String> steps = new ArrayList<>();
        private final Map<Integer, Integer> starts = new HashMap<>();
        private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

        FakeMembers(final BiFunction<Integer, Integer, MemberStatus> statuses)
        {
            this.statuses = statuses;
        }

        PrintStream out()
        {
            return new PrintStream(printed, true, StandardCharsets.UTF_8);
        }

        String printed()
        {
            return printed.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void start(final int memberId)
        {
            steps.add("start " + memberId);
            starts.merge(memberId, 1, Integer::sum);
        }

        @Override
        public void stop(final int memberId)
        {
            steps.add("stop " + memberId);
        }

        @Override
        public MemberStatus status(final int memberId)
        {
            steps.add("status " + memberId);
            final int started = starts.getOrDefault(memberId, 0);
            return started == 0 ? new MemberStatus(memberId, false, null, null, -1, -1, -1, -1, -1, Map.of()) :
                statuses.apply(memberId, started - 1);
        }

        @Override
        public String diagnostics(final int memberId)
        {
            steps.add("diagnostics " + memberId);
            return "stack of member " + memberId + ", start " + starts.getOrDefault(memberId, 0) + "\n";
        }
    }
}
