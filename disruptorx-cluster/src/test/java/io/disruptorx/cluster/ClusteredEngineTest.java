package io.disruptorx.cluster;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.engine.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three members in one JVM: commands through the cluster client reach the engine once, their events come back in
 * order with the log position of their command, the client signals each command's end right after its last event
 * (across a leader change too), every member reaches byte-identical state, and a member that stopped and
 * restarted catches up from its snapshot and the log.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusteredEngineTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldApplyCommandsOnceAndReachIdenticalStateOnEveryMember()
    {
        try (TestCluster cluster = new TestCluster("identical", 3, TestCluster::plainService))
        {
            cluster.startAll();
            cluster.awaitLeader(WAIT);
            try (TestGateway gateway = new TestGateway(
                ClusterClientConfig.of(7, cluster.ingressEndpoints(), cluster.clientAeronDirectory())))
            {
                setUpMarket(gateway);
                gateway.limit(1, 101, 1, Side.BUY, 10_000, 5);
                gateway.limit(2, 201, 1, Side.SELL, 10_000, 3);
                gateway.await((e) -> e.startsWith("trade "), WAIT);
                gateway.awaitCount(gateway.events().size(), WAIT);

                assertThat(gateway.events()).contains(
                    "accepted account=1 coid=101 order=1",
                    "accepted account=2 coid=201 order=2",
                    "trade id=1 price=10000 qty=3 maker=1 taker=2");
                assertThat(gateway.positions()).isSorted().allMatch((p) -> p > 0);
                gateway.assertEachCommandEndedOnceAfterItsLastEvent();

                final long position = cluster.snapshot(WAIT);
                final byte[] leaderState = cluster.stateDump(0, position);
                assertThat(leaderState.length).isGreaterThan(64);
                assertThat(cluster.stateDump(1, position)).isEqualTo(leaderState);
                assertThat(cluster.stateDump(2, position)).isEqualTo(leaderState);
            }
        }
    }

    @Test
    void shouldFollowANewLeaderAndCatchUpARestartedMember()
    {
        try (TestCluster cluster = new TestCluster("failover", 3, TestCluster::plainService))
        {
            cluster.startAll();
            final int firstLeader = cluster.awaitLeader(WAIT);
            try (TestGateway gateway = new TestGateway(
                ClusterClientConfig.of(9, cluster.ingressEndpoints(), cluster.clientAeronDirectory())))
            {
                setUpMarket(gateway);
                gateway.limit(1, 1, 1, Side.BUY, 9_990, 10);
                gateway.await((e) -> e.contains("coid=1 "), WAIT);
                cluster.snapshot(WAIT);
                gateway.limit(1, 2, 1, Side.BUY, 9_991, 10);
                gateway.await((e) -> e.contains("coid=2 "), WAIT);

                cluster.stop(firstLeader);
                final int secondLeader = cluster.awaitLeader(WAIT);
                assertThat(secondLeader).isNotEqualTo(firstLeader);
                for (int i = 3; i <= 20; i++)
                {
                    gateway.limit(1, i, 1, Side.BUY, 9_900 + i, 1);
                }
                gateway.await((e) -> e.contains("coid=20 "), WAIT);

                cluster.start(firstLeader);
                gateway.limit(2, 21, 1, Side.SELL, 9_950, 100);
                gateway.await((e) -> e.contains("coid=21 "), WAIT);
                final long position = cluster.snapshot(WAIT);
                final byte[] state = cluster.stateDump(secondLeader, position);
                for (int i = 0; i < cluster.size(); i++)
                {
                    assertThat(cluster.stateDump(i, position)).as("member %d state", i).isEqualTo(state);
                }

                final List<String> accepted = gateway.events().stream().filter((e) -> e.startsWith("accepted"))
                    .toList();
                final Set<String> distinct = new HashSet<>(accepted);
                assertThat(accepted).hasSize(21).hasSameSizeAs(distinct);
                assertThat(gateway.client().counters().eventsLost()).isZero();
                gateway.assertEachCommandEndedOnceAfterItsLastEvent();
            }
        }
    }

    private static void setUpMarket(final TestGateway gateway)
    {
        gateway.addInstrument(1);
        for (long account = 1; account <= 2; account++)
        {
            gateway.deposit(account, 0, 1_000_000_000L);
            gateway.deposit(account, 1, 1_000_000_000L);
        }
        gateway.await((e) -> e.startsWith("admin ADJUST_BALANCE 2") && e.endsWith("NONE"), WAIT);
    }
}
