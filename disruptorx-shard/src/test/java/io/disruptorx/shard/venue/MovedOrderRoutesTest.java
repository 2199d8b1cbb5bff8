package io.disruptorx.shard.venue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.shard.support.MoveScene;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.TwoGateways;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.MoveScene.A;
import static io.disruptorx.shard.support.MoveScene.ALICE;
import static io.disruptorx.shard.support.MoveScene.B;
import static io.disruptorx.shard.support.MoveScene.BOB;
import static io.disruptorx.shard.support.MoveScene.CAROL;
import static io.disruptorx.shard.support.MoveScene.SOURCE;
import static io.disruptorx.shard.support.MoveScene.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways in front of two shards (real engines): the first moves an instrument with five resting bids, the
 * second follows the move from the shards' events. Each gateway routes the moved orders' ids to the target only while
 * the orders live there: a cancel, a full fill or a cancel by another gateway ends the route on both gateways alike
 * (a partial fill does not), and a later cancel naming an ended order is refused {@code UNKNOWN_ORDER} through
 * either gateway, as the target refuses it. Also when the second gateway sees an order end on the target before it
 * learned of the move (behind on the source's events), even when other moves end on that gateway before it learns
 * of it (told to its client as a move of another instrument rolled back, twice).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MovedOrderRoutesTest
{
    @TempDir
    Path directory;

    private MoveScene scene;
    private TwoGateways venue;
    private int moving;

    @BeforeEach
    void setUp()
    {
        scene = new MoveScene(directory, 2);
        venue = scene.venue();
        moving = scene.instrumentOn(SOURCE);
        scene.fundAndList(new long[]{CAROL}, moving);
        scene.restAlicesBids(moving);
        venue.order(B, BOB, 11, moving, Side.BUY, 995, 1);
        venue.order(B, BOB, 12, moving, Side.BUY, 980, 1);
        venue.order(B, BOB, 13, moving, Side.BUY, 970, 2);
        venue.pump();
        assertThat(scene.keepAccepted()).hasSize(5);
    }

    @Test
    void shouldForgetTheRouteOfAMovedOrderOnEveryGatewayOnceItEnded()
    {
        move();
        assertThat(routes(A)).as("every moved order routed to the target").isEqualTo(5);
        assertThat(routes(B)).as("the follower routes them alike").isEqualTo(5);

        assertThat(scene.cancel(A, ALICE, 70, scene.id(1))).isPositive();
        assertThat(scene.cancel(B, BOB, 71, scene.id(12))).isPositive();
        venue.pump();
        assertThat(scene.cancelled(A, scene.id(1))).hasSize(1);
        assertThat(scene.cancelled(B, scene.id(12))).hasSize(1);
        assertThat(routes(A)).as("cancelled through either gateway").isEqualTo(3);
        assertThat(routes(B)).isEqualTo(3);

        venue.order(A, CAROL, 21, moving, Side.SELL, 995, 3);
        venue.pump();
        assertThat(venue.book(TARGET, moving)).as("both bids at 995 filled").containsExactly(scene.id(13));
        assertThat(routes(A)).as("filled orders").isEqualTo(1);
        assertThat(routes(B)).isEqualTo(1);

        venue.order(B, CAROL, 22, moving, Side.SELL, 970, 1);
        venue.pump();
        assertThat(routes(A)).as("a partial fill leaves the order open").isEqualTo(1);
        assertThat(routes(B)).isEqualTo(1);

        venue.recorder(B).clear();
        assertThat(scene.cancel(B, BOB, 72, scene.id(13))).isPositive();
        venue.pump();
        assertThat(scene.cancelled(B, scene.id(13))).as("the open order is still found on the target").hasSize(1);
        assertThat(routes(A)).isZero();
        assertThat(routes(B)).isZero();
        assertThat(venue.client(A).movedOrdersEndedFirst()).isZero();
        assertThat(venue.client(B).movedOrdersEndedFirst()).isZero();

        assertUnknownOnBothGateways(scene.id(2), ALICE, 80);
        assertUnknownOnBothGateways(scene.id(12), BOB, 82);
        assertUnknownOnBothGateways(scene.id(13), BOB, 84);
    }

    @Test
    void shouldForgetAnOrderThatEndedOnTheTargetBeforeTheFollowerLearnedOfTheMove()
    {
        venue.lag(B, SOURCE, true);
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, TARGET);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(venue.client(B).movingInstrument()).as("the follower has not seen the source's read").isEqualTo(-1);

        assertThat(scene.cancel(A, BOB, 70, scene.id(12))).isPositive();
        venue.order(A, CAROL, 21, moving, Side.SELL, 995, 3);
        venue.pump();
        assertThat(scene.cancelled(A, scene.id(12))).hasSize(1);
        assertThat(venue.book(TARGET, moving)).containsExactly(scene.id(1), scene.id(13));
        assertThat(routes(A)).isEqualTo(2);
        assertThat(venue.client(B).movedOrdersEndedFirst()).as("ends seen before the move").isEqualTo(3);

        venue.lag(B, SOURCE, false);
        venue.pump();
        assertThat(venue.gateway(B).movesFollowed()).isEqualTo(1);
        assertThat(routes(B)).as("only the orders still open").isEqualTo(2);
        assertThat(venue.client(B).movedOrdersEndedFirst()).isZero();

        assertUnknownOnBothGateways(scene.id(12), BOB, 80);
        assertUnknownOnBothGateways(scene.id(11), BOB, 82);
        assertUnknownOnBothGateways(scene.id(2), ALICE, 84);
        venue.recorder(B).clear();
        assertThat(scene.cancel(B, ALICE, 86, scene.id(1))).isPositive();
        venue.pump();
        assertThat(scene.cancelled(B, scene.id(1))).as("an open moved order is still found").hasSize(1);
        assertThat(routes(A)).isEqualTo(1);
        assertThat(routes(B)).isEqualTo(1);
    }

    @Test
    void shouldRememberAnEndSeenBeforeTheMoveWhileOtherMovesEndOnTheFollower()
    {
        venue.lag(B, SOURCE, true);
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, TARGET);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(scene.cancel(A, BOB, 70, scene.id(12))).isPositive();
        venue.order(A, CAROL, 21, moving, Side.SELL, 995, 3);
        venue.pump();
        assertThat(venue.client(B).movedOrdersEndedFirst()).as("ends seen before the move").isEqualTo(3);

        final int other = TwoGateways.instrumentOn(venue.client(B).table(), TARGET);
        for (int i = 0; i < 2; i++)
        {
            venue.client(B).beginMove(other);
            venue.client(B).endMove(null);
        }
        assertThat(venue.client(B).movedOrdersEndedFirst()).as("kept while two other moves end here").isEqualTo(3);
        venue.recorder(B).clear();
        assertThat(scene.cancel(B, BOB, 90, scene.id(12))).as("by its id, to the source, which moved it out")
            .isPositive();

        venue.lag(B, SOURCE, false);
        venue.pump();
        assertThat(venue.gateway(B).movesFollowed()).isEqualTo(1);
        assertThat(routes(B)).as("only the orders still open").isEqualTo(2);
        assertThat(venue.client(B).movedOrdersEndedFirst()).isZero();
        final List<RecordedEvent> rejected = scene.cancelsRefused(B, 90);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).code()).as("the order ended: not retryable").isEqualTo(
            RejectReason.UNKNOWN_ORDER.code());
        assertUnknownOnBothGateways(scene.id(12), BOB, 80);
        assertUnknownOnBothGateways(scene.id(2), ALICE, 84);
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
            assertThat(scene.assertUnknown(gateway, account, requestId + gateway, orderId).orderId())
                .isEqualTo(orderId);
        }
        assertThat(venue.client(A).movedOrderRoutes()).isEqualTo(venue.client(B).movedOrderRoutes());
    }

    private int routes(final int gateway)
    {
        return venue.client(gateway).movedOrderRoutes();
    }
}
