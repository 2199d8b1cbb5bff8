package io.disruptorx.node.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The last command of a traced run is answered. {@code dx bench observability} lost exactly that report with
 * tracing on ("only 699999 of 700000 reports arrived"): the run's journal ended one command short, at the command
 * before the last cancel. The node's shared thread had begun a cycle while the producer had claimed the last slot
 * but not yet published it, and then waited for the claim after it, which never came. Tracing made it likelier
 * only by adding two threads (span building and the SDK's export) to compete for two cores, which stretches the
 * window between a claim and its publish. Here that window is made wide on purpose: the client's clock, read
 * between claiming the slot and publishing it, sleeps.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TracedLastCommandTest
{
    private static final long BUYER = 1;
    private static final long CLAIM_TO_PUBLISH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    @TempDir
    Path dir;

    @Test
    void shouldAnswerTheLastCommandWhoseSlotWasClaimedLongBeforeItWasPublished()
    {
        final AtomicLong traced = new AtomicLong();
        final CommandSpans spans = (traceIdHigh, traceIdLow, parentSpanId, receive, publish, durable, applied,
            sent) -> traced.incrementAndGet();
        final NodeConfig config = NodeConfig.defaults(dir).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096)
            .withSnapshotEvery(0, 0).withThreading(ThreadingMode.SHARED);
        final AtomicBoolean slowClock = new AtomicBoolean();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong cancelReports = new AtomicLong();
        try (EmbeddedNode node = EmbeddedNode.start(config, null, null, null,
            StartOptions.DEFAULT.withTracing(new NodeTracing(spans, 1))))
        {
            node.subscribe(BUYER, new EngineListenerAdapter()
            {
                @Override
                public void onOrderAccepted(
                    final long timestamp, final long orderId, final long clientOrderId, final long accountId,
                    final int instrumentId, final Side side, final OrderType type, final TimeInForce tif,
                    final long price, final long quantity)
                {
                    accepted.set(orderId);
                }

                @Override
                public void onOrderCancelled(
                    final long timestamp, final long orderId, final long clientOrderId, final long requestId,
                    final long accountId, final int instrumentId, final long cancelledQuantity,
                    final CancelReason reason)
                {
                    cancelReports.incrementAndGet();
                }

                @Override
                public void onCancelRejected(
                    final long timestamp, final long orderId, final long requestId, final long accountId,
                    final RejectReason reason)
                {
                    cancelReports.incrementAndGet();
                }
            });
            final NodeClient client = node.newClient(true, () ->
            {
                if (slowClock.get())
                {
                    LockSupport.parkNanos(CLAIM_TO_PUBLISH_NANOS);
                }
                return NodeClock.epochNanos();
            });
            client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
            client.adjustBalance(BUYER, 0, 1_000_000_000L);
            client.newOrder(BUYER, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 9_990, 1);
            await("the order accepted").atMost(Duration.ofSeconds(10)).until(() -> accepted.get() != 0);
            assertThat(traced.get()).as("the new order traced, as every new order is here").isEqualTo(1);

            slowClock.set(true);
            final long last = client.cancelOrder(BUYER, 2, accepted.get());
            slowClock.set(false);

            await("the last command journalled, applied and answered").atMost(Duration.ofSeconds(10))
                .until(() -> node.appliedSequence() == last && cancelReports.get() == 1);
            assertThat(node.durableSequence()).isEqualTo(last);
        }
    }
}
