package io.disruptorx.shard.move;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.ShardIds;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways in front of the same two shards (real engines), each with its own table file and move journal: the
 * first moves an instrument, the second learns the move from the shards' own events. During the move the second
 * gateway's new orders for the instrument are refused {@code INSTRUMENT_HALTED} and its cancels and mass cancels wait;
 * after it, both route by the same table version, the second's cancels by the orders' original ids find them on the
 * target, its mass cancel reaches every order once, and a restart of the second still routes the moved orders. Also:
 * the second gateway behind on the source's events, a move rolled back because the second gateway's mass cancel
 * reached the source before MoveOut, and a move the second gateway makes that the first follows.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TwoGatewayMoveTest
{
    private MoveScene scene;
    private TwoGateways venue;
    private int moving;
    private int staying;

    @BeforeEach
    void setUp(@TempDir final Path directory)
    {
        scene = new MoveScene(directory, 2);
        venue = scene.venue();
        moving = scene.instrumentOn(0);
        staying = scene.instrumentOn(1);
        scene.restBidsAndAnAsk(moving, staying);
        assertThat(venue.recorder(B).of(OrderAcceptedDecoder.TEMPLATE_ID)).as("every gateway sees every event")
            .hasSize(6);
    }

    @Test
    void shouldHoldTheSecondGatewaysCommandsDuringAMoveAndRouteThemToTheTargetAfterIt()
    {
        venue.lag(A, 1, true);
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, 1);
        venue.pump();
        assertThat(moved).as("the mover waits for the target's answers").isNotDone();
        assertThat(venue.client(B).movingInstrument()).as("the second gateway learned the move").isEqualTo(moving);
        venue.recorder(B).clear();

        venue.order(B, BOB, 15, moving, Side.BUY, 960, 1);
        venue.order(B, BOB, 16, staying, Side.SELL, 1_030, 1);
        assertThat(scene.cancel(B, BOB, 70, scene.id(11))).as("taken and held").isPositive();
        venue.pump();
        assertThat(reasonOfRejected(15)).isEqualTo(RejectReason.INSTRUMENT_HALTED.code());
        assertThat(venue.recorder(B).of(OrderCancelledDecoder.TEMPLATE_ID)).as("held").isEmpty();
        assertThat(accepted(B, 16)).as("another instrument flows on").isNotNull();

        venue.lag(A, 1, false);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);
        final RoutingTable routesA = venue.client(A).table();
        final RoutingTable routesB = venue.client(B).table();
        assertThat(routesB.version()).as("the same version").isEqualTo(routesA.version()).isEqualTo(2);
        assertThat(routesB.shardOf(moving)).isEqualTo(1).isEqualTo(routesA.shardOf(moving));
        assertThat(scene.cancelled(B, scene.id(11))).as("the held cancel reached the order on the target, once")
            .hasSize(1);
        assertThat(venue.book(0, moving)).as("nothing rests at the source").isEmpty();
        assertThat(venue.gateway(B).movesFollowed()).isEqualTo(1);

        assertThat(scene.cancel(B, BOB, 71, scene.id(12))).isPositive();
        venue.order(B, BOB, 17, moving, Side.SELL, 995, 1);
        venue.pump();
        assertThat(scene.cancelled(B, scene.id(12))).as("a cancel by the original id finds the moved order").hasSize(1);
        final List<RecordedEvent> trades = venue.recorder(B).of(TradeDecoder.TEMPLATE_ID);
        assertThat(trades).as("a new order trades on the target, with the first order in priority").hasSize(1);
        assertThat(trades.get(0).orderId()).isEqualTo(scene.id(2));
        assertThat(venue.book(1, moving)).containsExactly(scene.id(2), scene.id(1), scene.id(13));

        venue.restart(B);
        assertThat(venue.client(B).table().version()).as("stored").isEqualTo(2);
        venue.recorder(B).clear();
        assertThat(scene.cancel(B, BOB, 72, scene.id(13))).isPositive();
        venue.pump();
        assertThat(scene.cancelled(B, scene.id(13))).as("a restarted gateway still routes the moved orders").hasSize(1);
        scene.assertConserved();

        final CompletableFuture<String> back = venue.gateway(B).move(moving, 0);
        venue.pump();
        assertThat(back.join()).startsWith("moved instrument " + moving);
        assertThat(venue.client(A).table().version()).as("the first gateway follows the second's move")
            .isEqualTo(venue.client(B).table().version()).isEqualTo(3);
        assertThat(venue.gateway(A).movesFollowed()).isEqualTo(1);
        venue.recorder(A).clear();
        assertThat(scene.cancel(A, ALICE, 73, scene.id(1))).isPositive();
        venue.pump();
        assertThat(venue.recorder(A).matching(event -> event.templateId() == OrderCancelledDecoder.TEMPLATE_ID &&
            event.orderId() == scene.id(1))).as("moved twice, still found by its original id").hasSize(1);
        assertThat(venue.book(0, moving)).containsExactly(scene.id(2));
        assertThat(venue.book(1, moving)).isEmpty();
        scene.assertConserved();
    }

    /**
     * The second gateway stops right after it recorded the READ of the move it followed (its RESTORED and DONE not
     * recorded): restarted, it takes that move as another gateway's that ended, not as its own to finish. It sends the
     * shards nothing (its halt and resume at the target would end the halt of a move made since), records the move
     * DONE and routes the moved orders to the target.
     */
    @Test
    void shouldTakeAFollowedMoveLeftAtReadAsEndedWhenRestarted() throws IOException
    {
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, 1);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(venue.gateway(B).movesFollowed()).isEqualTo(1);
        venue.stop(B);
        final List<JournalCopy.Record> records = JournalCopy.read(scene.journal(B)).records;
        assertThat(records.subList(records.size() - 3, records.size())).extracting(JournalCopy.Record::step)
            .as("the followed move").containsExactly(MoveStep.READ, MoveStep.RESTORED, MoveStep.DONE);
        final MovePiece read = new MovePiece();
        read.load(records.get(records.size() - 3).payload());
        assertThat(read.restores()).as("marked followed").isEqualTo(MovePiece.RESTORES_FOLLOWED);
        JournalCopy.write(scene.journal(B), records.subList(0, records.size() - 2));

        venue.restart(B);
        venue.pump();
        assertNothingSentForTheFollowedMove();
        assertThat(JournalCopy.read(scene, B).steps).endsWith(MoveStep.READ, MoveStep.DONE);
        scene.assertFound(B, BOB, 80, scene.id(13));
        scene.assertConserved();
    }

    /**
     * The second gateway stops after it recorded the RESTORED of the move it followed (its DONE not recorded), a move
     * whose target refused one restore (bob's bid 14: his ask 14 rests on the target): restarted, it takes that move as
     * ended, sends the shards nothing, records DONE and routes the moved orders to the target but the refused one,
     * as RESTORED says, so the start's check of the routes drops none. A cancel of the refused order goes to its
     * source, which no longer has it.
     */
    @Test
    void shouldTakeAFollowedMoveLeftAtRestoredAsEndedWithoutItsRefusedOrderWhenRestarted() throws IOException
    {
        final long refused = moveWithARefusedRestoreAndStopTheFollowerBeforeItsLast(1);
        assertThat(JournalCopy.read(scene, B).steps).as("restarted").endsWith(MoveStep.READ, MoveStep.RESTORED,
            MoveStep.DONE);
        assertThat(scene.routes(B)).as("the journal's routes").hasSize(5).doesNotContainKey(refused)
            .isEqualTo(scene.routes(A));

        venue.pump();
        assertNothingSentForTheFollowedMove();
        final MovedRoutesCheck check = venue.gateway(B).routesCheck();
        assertThat(check.done()).isTrue();
        assertThat(check.checked()).isEqualTo(5);
        assertThat(check.dropped()).isZero();
        assertThat(scene.routes(B)).isEqualTo(scene.routes(A));
        assertRefusedOnItsSource(refused);
        assertThat(ShardIds.shardOf(scene.assertFound(B, BOB, 82, scene.id(13)).commandSequence()))
            .as("found on the target").isEqualTo(1);
        scene.assertConserved();
    }

    /**
     * The second gateway stops right after it recorded the READ of the move it followed, a move whose target refused
     * one restore: restarted, it takes that move as ended and routes every order of the piece to the target, the
     * refused one too (no RESTORED says otherwise); the start's check of the routes asks the target, drops that route
     * and compacts the journal to the routes left. A cancel of the refused order then goes to its source.
     */
    @Test
    void shouldDropTheRouteOfTheRefusedOrderOfAFollowedMoveLeftAtReadWhenRestarted() throws IOException
    {
        final long refused = moveWithARefusedRestoreAndStopTheFollowerBeforeItsLast(2);
        assertThat(JournalCopy.read(scene, B).steps).as("restarted").endsWith(MoveStep.READ, MoveStep.DONE);
        assertThat(scene.routes(B)).as("every order of the piece, the refused one too").hasSize(6)
            .containsEntry(refused, 1L);

        venue.pump();
        assertNothingSentForTheFollowedMove();
        final MovedRoutesCheck check = venue.gateway(B).routesCheck();
        assertThat(check.done()).isTrue();
        assertThat(check.checked()).isEqualTo(6);
        assertThat(check.dropped()).as("the refused order does not rest on the target").isEqualTo(1);
        assertThat(scene.routes(B)).doesNotContainKey(refused).isEqualTo(scene.routes(A));
        final JournalCopy journal = JournalCopy.read(scene, B);
        assertThat(journal.steps).as("compacted").doesNotContain(MoveStep.READ);
        assertThat(journal.orders).isEqualTo(scene.routes(B));
        assertRefusedOnItsSource(refused);
        scene.assertConserved();
    }

    /**
     * Bob's bid 14 on the moving instrument (his ask 14 rests on the target, so the target refuses its restore); the
     * first gateway moves the instrument to shard 1, the second follows; the second stops, its journal cut by its
     * last {@code dropped} records (of READ, RESTORED, DONE), and restarts.
     *
     * @return the refused order's global id.
     */
    private long moveWithARefusedRestoreAndStopTheFollowerBeforeItsLast(final int dropped) throws IOException
    {
        venue.order(B, BOB, 14, moving, Side.BUY, 960, 1);
        venue.pump();
        final List<Long> book = venue.book(0, moving);
        assertThat(book).hasSize(6);
        final long refused = book.get(5);
        assertThat(scene.move(A, moving, 1)).startsWith("moved instrument " + moving).contains("6 orders, 1 refused");
        assertThat(venue.gateway(B).movesFollowed()).isEqualTo(1);
        assertThat(scene.routes(B)).doesNotContainKey(refused).isEqualTo(scene.routes(A));
        venue.stop(B);
        final List<JournalCopy.Record> records = JournalCopy.read(scene.journal(B)).records;
        assertThat(records.subList(records.size() - 3, records.size())).extracting(JournalCopy.Record::step)
            .containsExactly(MoveStep.READ, MoveStep.RESTORED, MoveStep.DONE);
        JournalCopy.write(scene.journal(B), records.subList(0, records.size() - dropped));
        venue.restart(B);
        return refused;
    }

    private void assertNothingSentForTheFollowedMove()
    {
        assertThat(venue.recorder(B).matching(event -> event.templateId() == AdminResultDecoder.TEMPLATE_ID &&
            (event.code() == AdminType.HALT_INSTRUMENT.value() || event.code() == AdminType.RESUME_INSTRUMENT.value())))
            .as("no halt, no resume").isEmpty();
        assertThat(venue.mover(B).isIdle()).isTrue();
        assertThat(venue.mover(B).stats().moves()).as("none of its own").isZero();
    }

    private void assertRefusedOnItsSource(final long refused)
    {
        final RecordedEvent unknown = scene.assertUnknown(B, BOB, 81, refused);
        assertThat(ShardIds.shardOf(unknown.commandSequence())).as("sent to its source").isZero();
        assertThat(unknown.orderId()).isEqualTo(refused);
    }

    @Test
    void shouldApplyAMassCancelOfTheSecondGatewaySentDuringAMoveToEveryOrderOnce()
    {
        venue.lag(A, 1, true);
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, 1);
        venue.pump();
        assertThat(venue.client(B).movingInstrument()).isEqualTo(moving);
        assertThat(scene.massCancel(B, BOB, 0, 80)).isPositive();
        venue.pump();
        assertThat(venue.recorder(B).of(OrderCancelledDecoder.TEMPLATE_ID)).as("held").isEmpty();

        venue.lag(A, 1, false);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        for (final long order : new long[]{scene.id(11), scene.id(12), scene.id(13), scene.id(14)})
        {
            assertThat(scene.cancelled(B, order)).as("order " + order + " cancelled once").hasSize(1);
        }
        assertThat(venue.recorder(B).matching(event -> event.templateId() == AdminResultDecoder.TEMPLATE_ID &&
            event.code() == AdminType.MASS_CANCEL.value())).as("one answer").hasSize(1);
        assertThat(venue.book(1, moving)).containsExactly(scene.id(2), scene.id(1));
        assertThat(venue.book(0, moving)).isEmpty();
        scene.assertConserved();
    }

    @Test
    void shouldFollowAMoveWhoseTargetEventsArriveBeforeTheSourcesAnnouncement()
    {
        venue.lag(B, 0, true);
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, 1);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(venue.client(B).table().version()).as("nothing from the source yet").isEqualTo(1);
        venue.order(B, BOB, 18, moving, Side.BUY, 950, 1);
        assertThat(scene.cancel(B, BOB, 75, scene.id(11))).as("routed to the source: not held, the move unknown yet")
            .isPositive();

        venue.lag(B, 0, false);
        venue.pump();
        assertThat(reasonOfRejected(18)).as("the source stays halted for the instrument")
            .isEqualTo(RejectReason.INSTRUMENT_HALTED.code());
        assertThat(venue.client(B).table().version()).isEqualTo(2);
        assertThat(venue.client(B).table().shardOf(moving)).isEqualTo(1);
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);
        final List<RecordedEvent> lateCancel = venue.recorder(B).matching(
            event -> event.templateId() == CancelRejectedDecoder.TEMPLATE_ID && event.requestId() == 75);
        assertThat(lateCancel).as("the source no longer has it: answered as halted, to retry").hasSize(1);
        assertThat(lateCancel.get(0).code()).isEqualTo(RejectReason.INSTRUMENT_HALTED.code());
        assertThat(lateCancel.get(0).orderId()).isEqualTo(scene.id(11));
        assertThat(scene.cancel(B, BOB, 76, scene.id(11))).isPositive();
        assertThat(scene.cancel(B, BOB, 74, scene.id(12))).isPositive();
        venue.pump();
        assertThat(scene.cancelled(B, scene.id(12))).hasSize(1);
        assertThat(scene.cancelled(B, scene.id(11))).as("the retry finds it on the target").hasSize(1);
        venue.order(B, BOB, 19, moving, Side.BUY, 950, 1);
        venue.pump();
        assertThat(accepted(B, 19)).isNotNull();
        scene.assertConserved();
    }

    @Test
    void shouldHoldUntilTheTargetResumesWhenItsRestoresArriveBeforeTheAnnouncement()
    {
        venue.lag(B, 0, true);
        venue.lag(A, 1, true);
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, 1);
        venue.pump();
        venue.lag(B, 0, false);
        venue.pump();
        assertThat(moved).isNotDone();
        assertThat(venue.client(B).movingInstrument()).as("announced and restored: held, not switched yet")
            .isEqualTo(moving);
        assertThat(venue.client(B).table().version()).isEqualTo(1);
        assertThat(scene.cancel(B, BOB, 77, scene.id(12))).isPositive();
        venue.pump();
        assertThat(scene.cancelled(B, scene.id(12))).as("held").isEmpty();

        venue.lag(A, 1, false);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(venue.client(B).table().version()).isEqualTo(2);
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);
        assertThat(scene.cancelled(B, scene.id(12))).as("released to the target after the switch").hasSize(1);
        scene.assertConserved();
    }

    @Test
    void shouldRollBackWhenTheSecondGatewaysMassCancelReachesTheSourceBeforeMoveOut()
    {
        venue.lag(B, 0, true);
        venue.afterRead(() ->
        {
            venue.afterRead(() ->
            {
            });
            assertThat(scene.massCancel(B, BOB, 0, 81)).as("not yet aware of the move: sent at once").isPositive();
        });
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, 1);
        venue.pump();
        venue.lag(B, 0, false);
        venue.pump();
        assertThat(moved.join()).startsWith("rolled back instrument " + moving);
        assertThat(venue.client(A).table().version()).isEqualTo(1);
        assertThat(venue.client(B).table().version()).isEqualTo(1);
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);
        assertThat(venue.orderCount(1, moving))
            .as("the target never had the instrument (restores wait for MoveOut)").isEqualTo(-1);
        for (final long order : new long[]{scene.id(11), scene.id(12), scene.id(13), scene.id(14)})
        {
            assertThat(scene.cancelled(B, order)).as("order " + order + " cancelled once").hasSize(1);
        }
        assertThat(venue.book(0, moving)).containsExactly(scene.id(2), scene.id(1));
        venue.order(B, BOB, 20, moving, Side.SELL, 995, 1);
        venue.pump();
        assertThat(venue.recorder(B).of(TradeDecoder.TEMPLATE_ID)).as("trades on the source again").hasSize(1);
        scene.assertConserved();
    }

    private RecordedEvent accepted(final int gateway, final long clientOrderId)
    {
        return venue.recorder(gateway).matching(event -> event.templateId() == OrderAcceptedDecoder.TEMPLATE_ID &&
            event.requestId() == clientOrderId).stream().findFirst().orElse(null);
    }

    private int reasonOfRejected(final long clientOrderId)
    {
        final List<RecordedEvent> rejected = venue.recorder(B).matching(
            event -> event.templateId() == OrderRejectedDecoder.TEMPLATE_ID && event.requestId() == clientOrderId);
        assertThat(rejected).hasSize(1);
        return rejected.get(0).code();
    }
}
