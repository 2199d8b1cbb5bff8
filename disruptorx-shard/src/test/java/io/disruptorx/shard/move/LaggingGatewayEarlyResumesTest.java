package io.disruptorx.shard.move;

import java.io.IOException;
import java.nio.file.Path;

import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.shard.support.MoveScene;
import io.disruptorx.shard.support.TwoGateways;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.MoveScene.A;
import static io.disruptorx.shard.support.MoveScene.ALICE;
import static io.disruptorx.shard.support.MoveScene.B;
import static io.disruptorx.shard.support.MoveScene.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways in front of two shards (real engines); the second is behind on shard 0 while the first makes two
 * moves, so it reads a move's target events (restores, resume) before that move's announcement, for both moves: two
 * moves from shard 0 to shard 1 (both targets' resumes and restore answers come before either announcement; one
 * restore of the first move is refused), and a move from shard 1 to shard 0 followed by one from shard 0 to shard 1
 * (the second move's target resumes while the second gateway still follows the first). Either way the second gateway
 * follows both moves to their switch, routes each moved order as the first does (not the refused one) and holds
 * nothing after them. A refused move followed by a second move of the same instrument: the second's target resume
 * switches the second, not the refused one.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LaggingGatewayEarlyResumesTest
{
    @TempDir
    Path directory;

    private MoveScene scene;
    private TwoGateways venue;

    @BeforeEach
    void setUp()
    {
        scene = new MoveScene(directory, 2);
        venue = scene.venue();
    }

    @Test
    void shouldFollowTwoMovesToTheSameTargetWhoseTargetEventsAllComeBeforeEitherAnnouncement()
    {
        final int first = scene.instrumentOn(0);
        final int second = nextOn(0, first);
        final int staying = scene.instrumentOn(1);
        assertThat(scene.restTwoBooksAndAClash(first, second, staying)).hasSize(6);

        venue.lag(B, 0, true);
        assertThat(scene.move(A, first, 1)).as("the client order id 21 rests on the target already")
            .startsWith("moved instrument " + first).contains("3 orders, 1 refused");
        assertThat(scene.move(A, second, 1)).startsWith("moved instrument " + second);
        assertThat(venue.client(B).table().version()).as("no announcement read yet").isEqualTo(1);
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);

        venue.lag(B, 0, false);
        venue.pump();

        assertFollowedBoth(first, second);
        assertThat(scene.cancel(B, BOB, 70, scene.id(11))).isPositive();
        assertThat(scene.cancel(B, BOB, 71, scene.id(12))).isPositive();
        venue.pump();
        assertThat(scene.cancelled(B, scene.id(11))).as("found on the target").hasSize(1);
        assertThat(scene.cancelled(B, scene.id(12))).as("found on the target").hasSize(1);
        assertThat(venue.book(1, first)).containsExactly(scene.id(1));
        assertThat(venue.book(1, second)).containsExactly(scene.id(2));
        assertNewOrderAccepted(second, 30);
        scene.assertConserved();
    }

    @Test
    void shouldFollowAMoveWhoseTargetResumedWhileAnotherMoveWasFollowed()
    {
        final int first = scene.instrumentOn(1);
        final int second = scene.instrumentOn(0);
        scene.fundAndList(first, second);
        venue.order(A, ALICE, 1, first, Side.BUY, 990, 1);
        venue.order(B, BOB, 11, first, Side.BUY, 995, 1);
        venue.order(A, ALICE, 2, second, Side.BUY, 980, 1);
        venue.order(B, BOB, 12, second, Side.BUY, 975, 1);
        venue.pump();
        assertThat(scene.keepAccepted()).hasSize(4);

        venue.lag(B, 0, true);
        assertThat(scene.move(A, first, 0)).startsWith("moved instrument " + first);
        assertThat(venue.client(B).movingInstrument()).as("announced on shard 1, its switch not read yet")
            .isEqualTo(first);
        assertThat(scene.move(A, second, 1)).startsWith("moved instrument " + second);
        assertThat(venue.client(B).movingInstrument()).as("the second move's resume read while following the first")
            .isEqualTo(first);

        venue.lag(B, 0, false);
        venue.pump();

        assertFollowedBoth(first, second);
        assertThat(scene.cancel(B, BOB, 70, scene.id(11))).isPositive();
        assertThat(scene.cancel(B, BOB, 71, scene.id(12))).isPositive();
        venue.pump();
        assertThat(scene.cancelled(B, scene.id(11))).as("found on shard 0").hasSize(1);
        assertThat(scene.cancelled(B, scene.id(12))).as("found on shard 1").hasSize(1);
        assertThat(venue.book(0, first)).containsExactly(scene.id(1));
        assertThat(venue.book(1, second)).containsExactly(scene.id(2));
        assertNewOrderAccepted(second, 30);
        scene.assertConserved();
    }

    /**
     * The first gateway's first move of the instrument is refused (the second gateway, not aware of it, cancels one of
     * its orders after the read) and rolled back; a new order rests on the source; its second move of the instrument to
     * the same target switches. The second gateway reads the second move's target resume before either announcement:
     * it must not switch the first move with it (that move's source never applied MoveOut), so it rolls the first
     * back, follows the second and routes the order placed between the two to the target.
     */
    @Test
    void shouldNotSwitchARefusedMoveWithTheTargetResumeOfALaterMoveOfTheSameInstrument() throws IOException
    {
        final int moving = scene.instrumentOn(0);
        scene.fundAndList(moving);
        venue.order(A, ALICE, 1, moving, Side.BUY, 990, 1);
        venue.order(B, BOB, 11, moving, Side.BUY, 995, 1);
        venue.order(B, BOB, 12, moving, Side.BUY, 985, 1);
        venue.pump();
        assertThat(scene.keepAccepted()).hasSize(3);

        venue.lag(B, 0, true);
        venue.afterRead(() ->
        {
            venue.afterRead(() ->
            {
            });
            assertThat(scene.cancel(B, BOB, 70, scene.id(12))).as("not aware of the move: sent at once").isPositive();
        });
        assertThat(scene.move(A, moving, 1)).startsWith("rolled back instrument " + moving);
        venue.order(A, BOB, 40, moving, Side.BUY, 980, 1);
        venue.pump();
        final long between = venue.recorder(A).matching(event -> event.templateId() ==
            OrderAcceptedDecoder.TEMPLATE_ID && event.requestId() == 40).get(0).orderId();
        assertThat(scene.move(A, moving, 1)).startsWith("moved instrument " + moving);
        assertThat(venue.book(1, moving)).containsExactly(scene.id(11), scene.id(1), between);
        assertThat(venue.client(B).table().version()).as("no announcement read yet").isEqualTo(1);
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);

        venue.lag(B, 0, false);
        venue.pump();

        assertThat(venue.client(B).movingInstrument()).as("nothing held").isEqualTo(-1);
        assertThat(venue.mover(B).follower().rolledBack()).as("the refused move").isEqualTo(1);
        assertThat(venue.gateway(B).movesFollowed()).as("the second move").isEqualTo(1);
        assertThat(venue.client(B).table().version()).isEqualTo(venue.client(A).table().version()).isEqualTo(2);
        assertThat(venue.client(B).table().shardOf(moving)).isEqualTo(1);
        assertThat(scene.routes(B)).as("each moved order routed as the mover routes it").isEqualTo(scene.routes(A))
            .containsEntry(between, 1L);
        assertThat(JournalCopy.read(scene, B).orders).as("the second move recorded, not the first")
            .isEqualTo(JournalCopy.read(scene, A).orders).containsEntry(between, 1L);
        scene.assertFound(B, BOB, 71, between);
        assertThat(venue.book(1, moving)).containsExactly(scene.id(11), scene.id(1));
        assertNewOrderAccepted(moving, 30);
        scene.assertConserved();
    }

    private void assertFollowedBoth(final int first, final int second)
    {
        assertThat(venue.client(B).movingInstrument()).as("nothing held").isEqualTo(-1);
        assertThat(venue.gateway(B).movesFollowed()).isEqualTo(2);
        assertThat(venue.client(B).table().version()).isEqualTo(venue.client(A).table().version()).isEqualTo(3);
        assertThat(venue.client(B).table().shardOf(first)).isEqualTo(venue.client(A).table().shardOf(first));
        assertThat(venue.client(B).table().shardOf(second)).isEqualTo(venue.client(A).table().shardOf(second));
        assertThat(scene.routes(B)).as("each moved order routed as the mover routes it").isEqualTo(scene.routes(A));
    }

    private void assertNewOrderAccepted(final int instrument, final long clientOrderId)
    {
        venue.order(B, BOB, clientOrderId, instrument, Side.BUY, 950, 1);
        venue.pump();
        assertThat(venue.recorder(B).matching(event -> event.templateId() == OrderAcceptedDecoder.TEMPLATE_ID &&
            event.requestId() == clientOrderId)).as("trading on its new shard").hasSize(1);
    }

    private int nextOn(final int shard, final int after)
    {
        int instrument = after + 1;
        while (venue.client(A).table().shardOf(instrument) != shard)
        {
            instrument++;
        }
        return instrument;
    }
}
