package io.disruptorx.node.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PassiveReplicaTest
{
    @TempDir
    Path dir;

    private NodeConfig config()
    {
        return NodeConfig.defaults(dir).withSegmentSize(256 * 1024).withRingSizes(1024, 4096)
            .withSnapshotEvery(2_000, 0);
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.yield();
        }
    }

    private static long flow(final NodeClient client, final int first, final int count)
    {
        long last = 0;
        for (int i = first; i < first + count; i++)
        {
            final boolean sell = i % 2 == 0;
            last = client.newOrder(sell ? 2 : 1, i, 1, sell ? Side.SELL : Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 10_000 + (i % 9) - 4, 1 + i % 3);
        }
        return last;
    }

    private static byte[] snapshotOf(final MatchingEngine engine)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = engine.snapshot(buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    @Test
    void shouldFollowTheActiveAndTakeOverWithItsExactStateWhenItDies()
    {
        final EmbeddedNode active = EmbeddedNode.start(config(), null, null);
        final NodeClient client = active.newClient(true);
        client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
        client.adjustBalance(1, 0, 1_000_000_000_000L);
        client.adjustBalance(2, 1, 1_000_000_000L);
        flow(client, 0, 3_000);

        final PassiveReplica replica = PassiveReplica.start(config());
        assertThat(replica.activeIsRunning()).isTrue();
        final long last = flow(client, 3_000, 3_000);
        await(() -> active.appliedSequence() == last && replica.appliedSequence() == last, "replica to catch up");
        active.crashForTest();
        final byte[] activeState = snapshotOf(active.engine());

        try (EmbeddedNode promoted = replica.promote(Duration.ofSeconds(10), null, null))
        {
            assertThat(replica.failure()).isNull();
            assertThat(snapshotOf(replica.engine())).isEqualTo(activeState);
            assertThat(promoted.recoveredSequence()).isEqualTo(last);
            assertThat(promoted.replayedCommands()).as("takes over from the hot engine").isZero();
            final long next = flow(promoted.newClient(true), 6_000, 10);
            assertThat(next).isEqualTo(last + 10);
            await(() -> promoted.appliedSequence() == next, "promoted node to apply new commands");
        }
    }

    @Test
    void shouldRefuseToPromoteWhileTheActiveRuns()
    {
        try (EmbeddedNode active = EmbeddedNode.start(config(), null, null);
            PassiveReplica replica = PassiveReplica.start(config()))
        {
            assertThatThrownBy(() -> replica.promote(Duration.ofMillis(100), null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("still holds");
            assertThat(active.appliedSequence()).isZero();
        }
    }

    @Test
    void shouldRefuseASecondActiveNodeOnTheSameDataDirectory()
    {
        try (EmbeddedNode active = EmbeddedNode.start(config(), null, null))
        {
            assertThatThrownBy(() -> EmbeddedNode.start(config(), null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another node is running");
            assertThat(active.recoveredSequence()).isZero();
        }
    }
}
