package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OrderReplacedDecoder;
import io.disruptorx.shard.support.MoveScene;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.TwoGateways;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.disruptorx.shard.support.MoveScene.A;
import static io.disruptorx.shard.support.MoveScene.B;
import static io.disruptorx.shard.support.MoveScene.BOB;
import static io.disruptorx.shard.support.MoveScene.SOURCE;
import static io.disruptorx.shard.support.MoveScene.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways in front of the same two shards (real engines): the first moves an instrument, the second is behind
 * on the source's events and sends, before it learns of the move, commands that the source applies after MoveOut
 * (the first gateway is kept from seeing MoveOut's answer, so its restores wait: the target has none of the orders
 * yet either). The second gateway's mass cancels still cancel every moved order of the account, on the target, and
 * are answered once, after those cancels; its cancels and replaces by client order id of moved orders are answered
 * {@code INSTRUMENT_HALTED} (retryable), never {@code UNKNOWN_ORDER} while the order rests on the target, and a retry
 * finds the order; an order the client sends after its mass cancel is not cancelled by it.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LaggingGatewayMoveTest
{
    private MoveScene scene;
    private TwoGateways venue;
    private int moving;
    private int staying;
    private CompletableFuture<String> moved;

    @BeforeEach
    void setUp(@TempDir final Path directory)
    {
        scene = new MoveScene(directory, 2);
        venue = scene.venue();
        moving = scene.instrumentOn(SOURCE);
        staying = scene.instrumentOn(TARGET);
        assertThat(scene.restBidsAndAnAsk(moving, staying)).hasSize(6);
    }

    /**
     * @param sourceFirst whether the second gateway, behind on both shards, reads the source's events (announcement,
     *                    MoveOut, its mass cancel's answer) before the target's (restores and resume), or the target's
     *                    first (it is behind on the source only).
     */
    @ParameterizedTest(name = "source first: {0}")
    @ValueSource(booleans = {false, true})
    void shouldCancelTheMovedOrdersOfAMassCancelTheSourceAppliedAfterMoveOut(final boolean sourceFirst)
    {
        venue.lag(B, TARGET, sourceFirst);
        moveOutWhileTheSecondGatewayIsBehind();
        assertThat(scene.massCancel(B, BOB, moving, 90)).as("the move unknown here: routed to the source").isPositive();
        venue.pump();
        completeTheMove();
        assertThat(venue.book(TARGET, moving)).as("the mass cancel missed them at the source")
            .containsExactly(scene.id(2), scene.id(11), scene.id(1), scene.id(12), scene.id(13));

        venue.lag(B, SOURCE, false);
        venue.pump();
        venue.lag(B, TARGET, false);
        venue.pump();
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);
        assertThat(venue.client(B).table().shardOf(moving)).isEqualTo(TARGET);
        assertThat(venue.book(TARGET, moving)).as("every moved order of the account cancelled")
            .containsExactly(scene.id(2), scene.id(1));
        assertThat(venue.book(SOURCE, moving)).isEmpty();
        final List<RecordedEvent> events = venue.recorder(B).events();
        final List<RecordedEvent> answers = scene.massCancelAnswers(B, BOB);
        assertThat(answers).as("one answer").hasSize(1);
        assertThat(answers.get(0).result()).isEqualTo(RejectReason.NONE.code());
        for (final long order : new long[]{scene.id(11), scene.id(12), scene.id(13)})
        {
            final List<RecordedEvent> cancels = scene.cancelled(B, order);
            assertThat(cancels).as("order " + order + " cancelled once").hasSize(1);
            assertThat(cancels.get(0).requestId()).as("as the client's mass cancel").isEqualTo(90);
            assertThat(cancels.get(0).code()).isEqualTo(CancelReason.MASS_CANCEL.code());
            assertThat(events.indexOf(cancels.get(0))).as("before the answer")
                .isLessThan(events.indexOf(answers.get(0)));
        }
        assertThat(venue.client(B).massCancelsResent()).isEqualTo(1);
        scene.assertConserved();
    }

    /**
     * The same account's order placed on the target through the other gateway after the move's resume, before the
     * lagging gateway read the source's answer and sent its mass cancel again: the re-send cancels only the orders
     * the move restored there, so that order, placed after the mass cancel, stays.
     */
    @Test
    void shouldLeaveAnOrderPlacedOnTheTargetAfterTheResumeWhenItSendsTheMassCancelAgain()
    {
        moveOutWhileTheSecondGatewayIsBehind();
        assertThat(scene.massCancel(B, BOB, moving, 100)).isPositive();
        venue.pump();
        completeTheMove();
        venue.order(A, BOB, 31, moving, Side.BUY, 960, 1);
        venue.pump();
        final List<RecordedEvent> accepted = venue.recorder(A).matching(
            event -> event.templateId() == OrderAcceptedDecoder.TEMPLATE_ID && event.requestId() == 31);
        assertThat(accepted).as("placed on the target, through the other gateway").hasSize(1);
        final long placed = accepted.get(0).orderId();
        assertThat(venue.book(TARGET, moving))
            .containsExactly(scene.id(2), scene.id(11), scene.id(1), scene.id(12), scene.id(13), placed);

        venue.lag(B, SOURCE, false);
        venue.pump();
        assertThat(venue.client(B).massCancelsResent()).isEqualTo(1);
        assertThat(venue.book(TARGET, moving)).as("the account's moved orders cancelled, its order placed after not")
            .containsExactly(scene.id(2), scene.id(1), placed);
        assertThat(scene.cancelled(B, placed)).isEmpty();
        for (final long order : new long[]{scene.id(11), scene.id(12), scene.id(13)})
        {
            assertThat(scene.cancelled(B, order)).as("order " + order + " cancelled once").hasSize(1);
        }
        final List<RecordedEvent> answers = scene.massCancelAnswers(B, BOB);
        assertThat(answers).as("one answer").hasSize(1);
        assertThat(answers.get(0).result()).isEqualTo(RejectReason.NONE.code());
        scene.assertConserved();
    }

    @Test
    void shouldCancelTheMovedOrdersOfAMassCancelOfAllInstrumentsTheSourceAppliedAfterMoveOut()
    {
        moveOutWhileTheSecondGatewayIsBehind();
        assertThat(scene.massCancel(B, BOB, 0, 91)).isPositive();
        venue.pump();
        assertThat(scene.cancelled(B, scene.id(14))).as("the target applied it before the restores").hasSize(1);
        completeTheMove();
        assertThat(venue.book(TARGET, moving))
            .containsExactly(scene.id(2), scene.id(11), scene.id(1), scene.id(12), scene.id(13));

        venue.lag(B, SOURCE, false);
        venue.pump();
        assertThat(venue.book(TARGET, moving)).containsExactly(scene.id(2), scene.id(1));
        assertThat(venue.book(TARGET, staying)).isEmpty();
        for (final long order : new long[]{scene.id(11), scene.id(12), scene.id(13), scene.id(14)})
        {
            assertThat(scene.cancelled(B, order)).as("order " + order + " cancelled once").hasSize(1);
        }
        final List<RecordedEvent> answers = scene.massCancelAnswers(B, BOB);
        assertThat(answers).as("one answer, after the last cancel").hasSize(1);
        final List<RecordedEvent> events = venue.recorder(B).events();
        assertThat(events.indexOf(answers.get(0)))
            .isGreaterThan(events.indexOf(scene.cancelled(B, scene.id(13)).get(0)));
        scene.assertConserved();
    }

    @Test
    void shouldAnswerACancelAndAReplaceByClientOrderIdOfAMovedOrderAsHaltedNotUnknown()
    {
        moveOutWhileTheSecondGatewayIsBehind();
        assertThat(scene.cancel(B, BOB, 92, 0, 12)).isPositive();
        assertThat(scene.replace(B, BOB, 93, 970, 2, 13)).isPositive();
        assertThat(scene.cancel(B, BOB, 94, 0, 99)).as("an order that never existed").isPositive();
        venue.pump();
        completeTheMove();

        venue.lag(B, SOURCE, false);
        venue.pump();
        assertThat(venue.book(TARGET, moving)).as("both still live on the target")
            .containsExactly(scene.id(2), scene.id(11), scene.id(1), scene.id(12), scene.id(13));
        assertThat(rejectedCancel(92)).isEqualTo(RejectReason.INSTRUMENT_HALTED.code());
        assertThat(rejectedCancel(93)).isEqualTo(RejectReason.INSTRUMENT_HALTED.code());
        assertThat(rejectedCancel(94)).as("unknown where no moved order has it")
            .isEqualTo(RejectReason.UNKNOWN_ORDER.code());
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);

        assertThat(scene.cancel(B, BOB, 95, 0, 12)).isPositive();
        assertThat(scene.replace(B, BOB, 96, 970, 2, 13)).isPositive();
        venue.pump();
        assertThat(scene.cancelled(B, scene.id(12))).as("the retry finds it on the target").hasSize(1);
        assertThat(venue.recorder(B).matching(event -> event.templateId() == OrderReplacedDecoder.TEMPLATE_ID &&
            event.requestId() == 96 && event.orderId() == scene.id(13))).hasSize(1);
        assertThat(venue.book(TARGET, moving)).containsExactly(scene.id(2), scene.id(11), scene.id(1), scene.id(13));
        scene.assertConserved();
    }

    @Test
    void shouldKeepHoldingAfterTheSwitchUntilTheSourceAnsweredTheMassCancel()
    {
        moveOutWhileTheSecondGatewayIsBehind();
        assertThat(scene.massCancel(B, BOB, moving, 97)).isPositive();
        venue.pump();
        completeTheMove();

        venue.lag(B, SOURCE, false);
        int steps = 0;
        while (venue.client(B).table().version() == 1)
        {
            assertThat(++steps).as("switches on the announcement's last order").isLessThan(100);
            venue.gateway(B).poll(venue.recorder(B), 1);
        }
        assertThat(scene.massCancelAnswers(B, BOB)).as("the source's answer not read yet").isEmpty();
        assertThat(venue.client(B).movingInstrument()).as("still held: the mass cancel may have to go again")
            .isEqualTo(moving);
        venue.order(B, BOB, 21, moving, Side.BUY, 900, 1);
        venue.pump();
        assertThat(venue.book(TARGET, moving)).containsExactly(scene.id(2), scene.id(1));
        assertThat(scene.massCancelAnswers(B, BOB)).hasSize(1);
        final List<RecordedEvent> refused = venue.recorder(B).matching(
            event -> event.templateId() == OrderRejectedDecoder.TEMPLATE_ID && event.requestId() == 21);
        assertThat(refused).as("refused as halted, not accepted and then cancelled by the earlier mass cancel")
            .hasSize(1);
        assertThat(refused.get(0).code()).isEqualTo(RejectReason.INSTRUMENT_HALTED.code());
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);

        venue.order(B, BOB, 22, moving, Side.BUY, 900, 1);
        venue.pump();
        final long placed = venue.recorder(B).matching(event -> event.templateId() == OrderAcceptedDecoder.TEMPLATE_ID
            && event.requestId() == 22).get(0).orderId();
        assertThat(venue.book(TARGET, moving)).containsExactly(scene.id(2), scene.id(1), placed);
        scene.assertConserved();
    }

    @Test
    void shouldFollowAMoveAnnouncedWhileStillHoldingAfterTheLastSwitch()
    {
        moveOutWhileTheSecondGatewayIsBehind();
        assertThat(scene.massCancel(B, BOB, moving, 98)).isPositive();
        venue.pump();
        completeTheMove();
        venue.lag(B, SOURCE, false);
        while (venue.client(B).table().version() == 1)
        {
            venue.gateway(B).poll(venue.recorder(B), 1);
        }
        venue.lag(B, SOURCE, true);
        assertThat(venue.client(B).holdsAfterSwitch()).isTrue();

        final CompletableFuture<String> back = venue.gateway(A).move(staying, SOURCE);
        venue.pump();
        assertThat(back.join()).startsWith("moved instrument " + staying);
        assertThat(venue.client(B).holdsAfterSwitch()).as("a move is under way again").isFalse();
        assertThat(venue.client(B).movingInstrument()).as("the new move is followed").isEqualTo(staying);
        final long heldBefore = venue.client(B).commandsHeld();
        assertThat(scene.massCancel(venue.client(B), BOB, moving, 99)).isPositive();
        assertThat(venue.client(B).commandsHeld()).as("the last move's instrument still held beside the new one")
            .isEqualTo(heldBefore + 1);
        venue.lag(B, SOURCE, false);
        venue.pump();
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);
        assertThat(venue.book(TARGET, moving)).as("the mass cancel sent before the first move still reached its orders")
            .containsExactly(scene.id(2), scene.id(1));
        assertThat(scene.massCancelAnswers(B, BOB)).as("one answer to each mass cancel").hasSize(2);
        assertThat(venue.client(B).massCancelsResent()).isEqualTo(1);
        assertThat(venue.client(B).table().version()).isEqualTo(venue.client(A).table().version()).isEqualTo(3);
        assertThat(venue.client(B).table().shardOf(staying)).isEqualTo(SOURCE);
        assertThat(venue.gateway(B).movesFollowed()).isEqualTo(2);
        venue.order(B, BOB, 23, staying, Side.BUY, 900, 1);
        venue.pump();
        assertThat(venue.recorder(B).matching(event -> event.templateId() == OrderAcceptedDecoder.TEMPLATE_ID &&
            event.requestId() == 23)).as("routed to the new shard").hasSize(1);
        scene.assertConserved();
    }

    /**
     * The second gateway reads nothing of the source; the first halts, reads the book and sends MoveOut, which the
     * source applies, and then reads nothing of the source either, so it sends no restore yet.
     */
    private void moveOutWhileTheSecondGatewayIsBehind()
    {
        venue.lag(B, SOURCE, true);
        venue.afterRead(() ->
        {
            venue.afterRead(() ->
            {
            });
            venue.lag(A, SOURCE, true);
        });
        moved = venue.gateway(A).move(moving, TARGET);
        venue.pump();
        assertThat(venue.book(SOURCE, moving)).as("moved out").isEmpty();
        assertThat(venue.orderCount(TARGET, moving))
            .as("nothing restored yet").isEqualTo(-1);
        assertThat(venue.client(B).movingInstrument()).as("the second gateway does not know").isEqualTo(-1);
    }

    private void completeTheMove()
    {
        venue.lag(A, SOURCE, false);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
    }

    private int rejectedCancel(final long requestId)
    {
        final List<RecordedEvent> rejected = scene.cancelsRefused(B, requestId);
        assertThat(rejected).as("one answer to request " + requestId).hasSize(1);
        return rejected.get(0).code();
    }
}
