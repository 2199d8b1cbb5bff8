package io.disruptorx.shard.venue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.TwoGateways;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways in front of two shards (real engines): the first moves an instrument with five resting bids, the
 * second follows the move from the shards' events. Each gateway routes the moved orders' ids to the target only while
 * the orders live there: a cancel, a full fill or a cancel by another gateway ends the route on both gateways alike
 * (a partial fill does not), and a later cancel naming an ended order is refused {@code UNKNOWN_ORDER} through
 * either gateway, as the target refuses it. Also when the second gateway sees an order end on the target before it
 * learned of the move (behind on the source's events).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MovedOrderRoutesTest
{
    private static final int A = 0;
    private static final int B = 1;
    private static final int SOURCE = 0;
    private static final int TARGET = 1;
    private static final long ALICE = 3;
    private static final long BOB = 4;
    private static final long CAROL = 5;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @TempDir
    Path directory;

    private TwoGateways venue;
    private int moving;
    private List<RecordedEvent> acceptedAtStart;

    @BeforeEach
    void setUp()
    {
        venue = new TwoGateways(2, directory);
        moving = TwoGateways.instrumentOn(venue.client(A).table(), SOURCE);
        venue.fundAndList(new long[]{ALICE, BOB, CAROL}, 1_000, 1_000_000, moving);
        venue.order(A, ALICE, 1, moving, Side.BUY, 990, 1);
        venue.order(A, ALICE, 2, moving, Side.BUY, 995, 2);
        venue.order(B, BOB, 11, moving, Side.BUY, 995, 1);
        venue.order(B, BOB, 12, moving, Side.BUY, 980, 1);
        venue.order(B, BOB, 13, moving, Side.BUY, 970, 2);
        venue.pump();
        acceptedAtStart = venue.recorder(A).of(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(acceptedAtStart).hasSize(5);
    }

    @Test
    void shouldForgetTheRouteOfAMovedOrderOnEveryGatewayOnceItEnded()
    {
        move();
        assertThat(routes(A)).as("every moved order routed to the target").isEqualTo(5);
        assertThat(routes(B)).as("the follower routes them alike").isEqualTo(5);

        assertThat(cancel(A, ALICE, 70, id(1))).isPositive();
        assertThat(cancel(B, BOB, 71, id(12))).isPositive();
        venue.pump();
        assertThat(cancelled(A, id(1))).hasSize(1);
        assertThat(cancelled(B, id(12))).hasSize(1);
        assertThat(routes(A)).as("cancelled through either gateway").isEqualTo(3);
        assertThat(routes(B)).isEqualTo(3);

        venue.order(A, CAROL, 21, moving, Side.SELL, 995, 3);
        venue.pump();
        assertThat(venue.book(TARGET, moving)).as("both bids at 995 filled").containsExactly(id(13));
        assertThat(routes(A)).as("filled orders").isEqualTo(1);
        assertThat(routes(B)).isEqualTo(1);

        venue.order(B, CAROL, 22, moving, Side.SELL, 970, 1);
        venue.pump();
        assertThat(routes(A)).as("a partial fill leaves the order open").isEqualTo(1);
        assertThat(routes(B)).isEqualTo(1);

        venue.recorder(B).clear();
        assertThat(cancel(B, BOB, 72, id(13))).isPositive();
        venue.pump();
        assertThat(cancelled(B, id(13))).as("the open order is still found on the target").hasSize(1);
        assertThat(routes(A)).isZero();
        assertThat(routes(B)).isZero();
        assertThat(venue.client(A).movedOrdersEndedFirst()).isZero();
        assertThat(venue.client(B).movedOrdersEndedFirst()).isZero();

        assertUnknownOnBothGateways(id(2), ALICE, 80);
        assertUnknownOnBothGateways(id(12), BOB, 82);
        assertUnknownOnBothGateways(id(13), BOB, 84);
    }

    @Test
    void shouldForgetAnOrderThatEndedOnTheTargetBeforeTheFollowerLearnedOfTheMove()
    {
        venue.lag(B, SOURCE, true);
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, TARGET);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(venue.client(B).movingInstrument()).as("the follower has not seen the source's read").isEqualTo(-1);

        assertThat(cancel(A, BOB, 70, id(12))).isPositive();
        venue.order(A, CAROL, 21, moving, Side.SELL, 995, 3);
        venue.pump();
        assertThat(cancelled(A, id(12))).hasSize(1);
        assertThat(venue.book(TARGET, moving)).containsExactly(id(1), id(13));
        assertThat(routes(A)).isEqualTo(2);
        assertThat(venue.client(B).movedOrdersEndedFirst()).as("ends seen before the move").isEqualTo(3);

        venue.lag(B, SOURCE, false);
        venue.pump();
        assertThat(venue.gateway(B).movesFollowed()).isEqualTo(1);
        assertThat(routes(B)).as("only the orders still open").isEqualTo(2);
        assertThat(venue.client(B).movedOrdersEndedFirst()).isZero();

        assertUnknownOnBothGateways(id(12), BOB, 80);
        assertUnknownOnBothGateways(id(11), BOB, 82);
        assertUnknownOnBothGateways(id(2), ALICE, 84);
        venue.recorder(B).clear();
        assertThat(cancel(B, ALICE, 86, id(1))).isPositive();
        venue.pump();
        assertThat(cancelled(B, id(1))).as("an open moved order is still found").hasSize(1);
        assertThat(routes(A)).isEqualTo(1);
        assertThat(routes(B)).isEqualTo(1);
    }

    private void move()
    {
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, TARGET);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(venue.gateway(B).movesFollowed()).isEqualTo(1);
        assertThat(venue.book(SOURCE, moving)).isEmpty();
        assertThat(venue.book(TARGET, moving)).hasSize(5);
    }

    /**
     * A cancel naming the ended order, through each gateway, is refused {@code UNKNOWN_ORDER} naming the order (not
     * {@code INSTRUMENT_HALTED}, which would have a client retry forever), as the target refuses one sent to it.
     */
    private void assertUnknownOnBothGateways(final long orderId, final long account, final long requestId)
    {
        for (final int gateway : new int[]{A, B})
        {
            venue.recorder(gateway).clear();
            assertThat(cancel(gateway, account, requestId + gateway, orderId)).isPositive();
            venue.pump();
            final List<RecordedEvent> rejected = venue.recorder(gateway).matching(event ->
                event.templateId() == CancelRejectedDecoder.TEMPLATE_ID && event.requestId() == requestId + gateway);
            assertThat(rejected).as("gateway " + gateway + ", order " + orderId).hasSize(1);
            assertThat(rejected.get(0).orderId()).isEqualTo(orderId);
            assertThat(rejected.get(0).code()).isEqualTo(RejectReason.UNKNOWN_ORDER.code());
        }
        assertThat(venue.client(A).movedOrderRoutes()).isEqualTo(venue.client(B).movedOrderRoutes());
    }

    private int routes(final int gateway)
    {
        return venue.client(gateway).movedOrderRoutes();
    }

    private long id(final long clientOrderId)
    {
        return acceptedAtStart.stream().filter(event -> event.requestId() == clientOrderId).findFirst().orElseThrow()
            .orderId();
    }

    private List<RecordedEvent> cancelled(final int gateway, final long orderId)
    {
        return venue.recorder(gateway).matching(event -> event.templateId() == OrderCancelledDecoder.TEMPLATE_ID &&
            event.orderId() == orderId);
    }

    private long cancel(final int gateway, final long account, final long requestId, final long orderId)
    {
        return venue.gateway(gateway).offer(buffer, 0, encoder.cancelOrder(buffer, 0, 0, account, requestId, orderId));
    }
}
