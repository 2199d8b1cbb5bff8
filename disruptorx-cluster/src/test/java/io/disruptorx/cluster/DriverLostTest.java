package io.disruptorx.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway's media driver stops under its {@link ClusterVenueClient}. With Aeron's default error handler the
 * driver timeout that follows would {@code System.exit} the whole JVM (the surefire fork dies with code 255, as a
 * CI run's did); the client instead counts the error and the driver loss, reports its session lost, refuses
 * commands as not connected, and once a driver answers in the directory again opens a new Aeron client and session
 * that carry commands and their events as before, each event delivered once.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DriverLostTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldLoseTheSessionNotTheProcessWhenTheMediaDriverStops()
    {
        try (TestCluster cluster = new TestCluster("driver-lost", 1, TestCluster::plainService))
        {
            cluster.startAll();
            cluster.awaitLeader(WAIT);
            final String directory = cluster.root().resolve("gateway-aeron").toString();
            MediaDriver driver = launch(directory);
            try (TestGateway gateway = new TestGateway(
                ClusterClientConfig.of(12, cluster.ingressEndpoints(), directory)))
            {
                final ClusterVenueClient client = gateway.client();
                assertThat(client.awaitConnected(WAIT.toNanos())).as("connected").isTrue();
                gateway.addInstrument(1);
                gateway.await((e) -> e.startsWith("status 1 TRADING"), WAIT);

                driver.close();
                final long deadline = System.nanoTime() + WAIT.toNanos();
                while (client.counters().driverLosses() == 0 && System.nanoTime() - deadline < 0)
                {
                    gateway.poll();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }

                assertThat(client.counters().driverLosses()).as("driver losses: %s", client.counters())
                    .isEqualTo(1);
                assertThat(client.counters().aeronErrors()).as("errors Aeron reported").isPositive();
                assertThat(client.sessionOpen()).as("session open").isFalse();
                assertThat(client.isConnected()).as("connected").isFalse();
                assertThat(client.leaderMemberId()).as("leader").isEqualTo(-1);
                final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
                final int length = new SbeCommandEncoder().adjustBalance(command, 0, 0, 1, 0, 1_000L);
                assertThat(client.offer(command, 0, length)).as("a command without a driver")
                    .isEqualTo(VenueClient.NOT_CONNECTED);

                driver = launch(directory);
                assertThat(client.awaitConnected(WAIT.toNanos())).as("connected through the new driver: %s",
                    client.counters()).isTrue();
                assertThat(client.counters().sessions()).as("sessions").isEqualTo(2);
                gateway.deposit(1, 0, 1_000L);
                gateway.await((e) -> e.startsWith("admin ADJUST_BALANCE 1"), WAIT);
                assertThat(gateway.events()).as("every event once, in order").containsExactly(
                    "admin ADD_INSTRUMENT 1 NONE",
                    "status 1 TRADING",
                    "admin ADJUST_BALANCE 1 NONE");
                assertThat(client.counters().driverLosses()).as("driver losses at the end").isEqualTo(1);
            }
            finally
            {
                CloseHelper.quietClose(driver);
            }
        }
    }

    private static MediaDriver launch(final String directory)
    {
        return MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(directory)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }
}
