package io.disruptorx.systemtest.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.aeron.cluster.service.Cluster;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.MemberStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the consensus timeouts were chosen (docs/cluster.md): for each candidate, three member JVMs under a steady
 * load, first watched for elections nobody caused (spurious: a member mistook a busy leader for a dead one), then
 * seven leader kills timed from the kill to the first answer from the new leader, the killed member restarted
 * (and, in one row, a snapshot taken) before the next kill. It measures and prints; it asserts
 * only that nothing was lost or duplicated. Run with {@code -Pslow -Dtest=ClusterTimeoutsMeasurement}.
 */
@Tag("slow")
class ClusterTimeoutsMeasurement
{
    private static final int QUIET_SECONDS = 60;
    private static final int KILLS = 7;

    @ParameterizedTest(name = "heartbeat timeout {0} ms, interval {1} ms, election {2} ms, status {3} ms, {4}/s, " +
        "snapshot after each restart: {5}")
    @CsvSource({
        "10000, 200, 1000, 100, 2000, false",
        "1000, 100, 200, 50, 2000, false",
        "500, 50, 200, 20, 2000, false",
        "500, 20, 100, 10, 2000, false",
        "500, 20, 100, 10, 2000, true",
        "400, 20, 100, 10, 2000, false",
        "300, 30, 100, 10, 2000, false"})
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void measure(
        final long heartbeatTimeout, final long heartbeatInterval, final long election, final long status,
        final int rate, final boolean snapshotAfterRestart)
    {
        final ClusterTimeouts timeouts = new ClusterTimeouts(Duration.ofMillis(heartbeatTimeout),
            Duration.ofMillis(heartbeatInterval), Duration.ofMillis(election), Duration.ofMillis(status),
            Duration.ofMillis(heartbeatTimeout * 4), Duration.ofSeconds(5));
        try (ClusterHarness harness = new ClusterHarness("timeouts-" + heartbeatTimeout + "-" + election + "-" +
            snapshotAfterRestart,
            List.of("localhost", "localhost", "localhost"),
            "127.0.0.1", (id) -> List.of(), timeouts))
        {
            harness.startAll();
            harness.startLoad(rate, 0x7173L);
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
            final long electionsBefore = elections(harness);
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(QUIET_SECONDS));
            final long spurious = elections(harness) - electionsBefore;
            harness.verify();
            final List<Long> failovers = new ArrayList<>();
            final List<Long> elections = new ArrayList<>();
            for (int kill = 0; kill < KILLS; kill++)
            {
                final int leader = harness.awaitLeader(120 * ClusterHarness.SECOND);
                final long killedAt = System.nanoTime();
                harness.load().markKill(killedAt);
                harness.cluster().kill(leader);
                final long elected = awaitNewLeader(harness, leader) - killedAt;
                final long failover = harness.load().awaitFirstAnswerAfterKill(120 * ClusterHarness.SECOND);
                assertThat(failover).isPositive();
                failovers.add(TimeUnit.NANOSECONDS.toMillis(failover));
                elections.add(TimeUnit.NANOSECONDS.toMillis(elected));
                harness.restart(leader);
                if (snapshotAfterRestart)
                {
                    harness.verify();
                }
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
            harness.verify();
            final List<Long> sorted = failovers.stream().sorted().toList();
            System.out.printf("TIMEOUTS heartbeat-timeout=%dms interval=%dms election=%dms status=%dms rate=%d/s " +
                "snapshot-after-restart=%b: spurious elections in %d s = %d; new leader seen after ms %s; " +
                "failover ms %s median %d max %d%n", heartbeatTimeout, heartbeatInterval, election, status, rate,
                snapshotAfterRestart, QUIET_SECONDS, spurious, elections, failovers, sorted.get(KILLS / 2),
                sorted.get(KILLS - 1));
        }
    }

    private static long awaitNewLeader(final ClusterHarness harness, final int old)
    {
        final long deadline = System.nanoTime() + 120 * ClusterHarness.SECOND;
        while (System.nanoTime() < deadline)
        {
            for (final MemberStatus status : harness.cluster().status())
            {
                if (status.memberId() != old && status.running() && status.role() == Cluster.Role.LEADER)
                {
                    return System.nanoTime();
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return -1;
    }

    private static long elections(final ClusterHarness harness)
    {
        long total = 0;
        for (final MemberStatus status : harness.cluster().status())
        {
            total += Math.max(0, status.elections());
        }
        return total;
    }
}
