package io.disruptorx.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.engine.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway process opens its listeners only once {@link io.disruptorx.cluster.client.ClusterVenueClient} has a
 * session: waiting says no while no member runs, says yes once a leader answers, and the session it opened then
 * carries commands and their events in order.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AwaitConnectedTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldWaitForALeaderBeforeSayingTheClientIsConnected()
    {
        try (TestCluster cluster = new TestCluster("await-connected", 3, TestCluster::plainService);
            TestGateway gateway = new TestGateway(
                ClusterClientConfig.of(9, cluster.ingressEndpoints(), cluster.clientAeronDirectory())))
        {
            assertThat(gateway.client().awaitConnected(TimeUnit.MILLISECONDS.toNanos(300)))
                .as("connected with no member running").isFalse();
            assertThat(gateway.client().leaderMemberId()).isEqualTo(-1);

            cluster.startAll();
            final int leader = cluster.awaitLeader(WAIT);

            assertThat(gateway.client().awaitConnected(WAIT.toNanos())).as("connected once a leader runs").isTrue();
            assertThat(gateway.client().leaderMemberId()).isEqualTo(leader);
            gateway.addInstrument(1);
            gateway.deposit(1, 0, 1_000_000_000L);
            gateway.deposit(1, 1, 1_000_000_000L);
            gateway.limit(1, 101, 1, Side.SELL, 10_000, 5);
            gateway.await((e) -> e.startsWith("accepted account=1 coid=101"), WAIT);
            assertThat(gateway.events()).as("every event, in order").containsExactly(
                "admin ADD_INSTRUMENT 1 NONE",
                "status 1 TRADING",
                "admin ADJUST_BALANCE 1 NONE",
                "admin ADJUST_BALANCE 1 NONE",
                "accepted account=1 coid=101 order=1");
        }
    }
}
