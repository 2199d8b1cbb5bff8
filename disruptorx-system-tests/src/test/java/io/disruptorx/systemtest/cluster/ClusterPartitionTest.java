package io.disruptorx.systemtest.cluster;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.aeron.cluster.service.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.MemberStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A leader cut off from its followers (each member in its own network namespace; every frame between it and the
 * others is dropped, while the gateway still reaches it) steps down, the others elect a leader,
 * and no order is acknowledged by the old one: every command the gateway sent is answered exactly once, and after
 * the partition heals the old leader's state is byte-identical to the others' and the answers match the engine.
 * If the isolated leader could still acknowledge, an order it acknowledged would be missing from the majority's
 * state (an open order the engine lacks) or answered twice once the gateway re-sent it to the new leader. (No feed
 * subscriber here: the failover tests check the feed.)
 */
class ClusterPartitionTest
{
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldMakeAnIsolatedLeaderStepDownWithoutAcknowledgingAnything()
    {
        try (NetworkNamespaces network = new NetworkNamespaces(3);
            ClusterHarness harness = new ClusterHarness("partition", network.hosts(), null,
                network::commandPrefix, ClusterTimeouts.tuned(), "aeron:udp?endpoint=" + network.hostAddress() + ":0"))
        {
            harness.startAll();
            harness.startLoad(1_000, 0x9A27L);
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
            harness.verify();

            final int leader = harness.awaitLeader(30 * ClusterHarness.SECOND);
            network.isolate(leader);
            final long isolatedAt = System.nanoTime();
            harness.load().markKill(isolatedAt);
            long steppedDownAt = 0;
            int newLeader = -1;
            final long deadline = isolatedAt + 30 * ClusterHarness.SECOND;
            while ((steppedDownAt == 0 || newLeader < 0) && System.nanoTime() < deadline)
            {
                final List<MemberStatus> statuses = harness.cluster().status();
                if (steppedDownAt == 0 && statuses.get(leader).role() != Cluster.Role.LEADER)
                {
                    steppedDownAt = System.nanoTime();
                }
                for (final MemberStatus status : statuses)
                {
                    if (status.memberId() != leader && status.role() == Cluster.Role.LEADER)
                    {
                        newLeader = status.memberId();
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertThat(steppedDownAt).as("the isolated leader stepped down").isPositive();
            assertThat(newLeader).as("the others elected a leader").isNotNegative();
            final long answered = harness.load().awaitFirstAnswerAfterKill(30 * ClusterHarness.SECOND);
            assertThat(answered).as("an answer from the new leader").isPositive();
            assertThat(answered).as("no answer before the followers could even notice the leader had gone: the " +
                "isolated leader acknowledged nothing").isGreaterThan(ClusterTimeouts.tuned().leaderHeartbeatTimeout()
                .toNanos());
            System.out.printf("cluster partition: member %d isolated, stepped down after %d ms; member %d leads; " +
                "first answer after %d ms%n", leader, TimeUnit.NANOSECONDS.toMillis(steppedDownAt - isolatedAt),
                newLeader, TimeUnit.NANOSECONDS.toMillis(answered));

            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
            network.heal(leader);
            harness.awaitCaughtUp(leader, 60 * ClusterHarness.SECOND);
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            harness.verify();
        }
    }
}
