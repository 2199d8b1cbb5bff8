package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.Side;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesEncoder;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.support.MoveScene;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.TwoGateways;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.MoveScene.A;
import static io.disruptorx.shard.support.MoveScene.ALICE;
import static io.disruptorx.shard.support.MoveScene.B;
import static io.disruptorx.shard.support.MoveScene.BOB;
import static io.disruptorx.shard.support.MoveScene.DEPOSIT_BASE;
import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A gateway that missed moves catches up from the switches shard 0's engine records (docs/scaling.md, "A gateway that
 * missed moves"), over two real engines: one down during one move, and during two (an instrument moved away and
 * back, another moved), started again from its old table file and journal, routes the moved instruments to their
 * shards (a new order trades there) with the mover's table version, stored with the count, and finds the moved orders
 * by their original global ids and by client order id, also after another restart (the places from its journal); one
 * started after a move's halt and before its switch follows the switch when it completes. Until shard 0 answered a
 * restarted gateway, a cancel by global id and a mass cancel of one instrument wait and then reach the shard the
 * orders moved to (never a false {@code UNKNOWN_ORDER}), bounded in time and number (refused
 * {@code INSTRUMENT_HALTED}, retryable), also when a refusal waits for its account's query that shard 0 never answers.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MissedMoveCatchUpTest
{
    @TempDir
    Path directory;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private MoveScene scene;
    private TwoGateways venue;
    private int onZero;
    private int onOne;
    private List<Long> zeroIds;
    private List<Long> oneIds;

    @BeforeEach
    void setUp()
    {
        scene = new MoveScene(directory, 2);
        venue = scene.venue();
        onZero = scene.instrumentOn(0);
        onOne = scene.instrumentOn(1);
        scene.fundAndList(onZero, onOne);
        venue.order(A, BOB, 1, onZero, Side.BUY, 995, 2);
        venue.order(B, ALICE, 2, onZero, Side.BUY, 990, 1);
        venue.order(A, BOB, 3, onOne, Side.SELL, 1_010, 2);
        venue.order(B, ALICE, 4, onOne, Side.SELL, 1_020, 1);
        venue.pump();
        zeroIds = venue.book(0, onZero);
        oneIds = venue.book(1, onOne);
        assertThat(zeroIds).hasSize(2);
        assertThat(oneIds).hasSize(2);
        assertThat(venue.gateway(B).switches()).as("a new table file reflects no switch").isZero();
    }

    @Test
    void shouldRouteAndFindTheOrdersOfAMoveItWasDownFor()
    {
        venue.stop(B);
        move(A, onZero, 1);
        venue.startLate(B);
        venue.pump();

        assertCaughtUp(2, 1);
        venue.order(B, ALICE, 5, onZero, Side.SELL, 995, 1);
        venue.pump();
        assertThat(venue.book(1, onZero)).as("the new order traded with the first in priority, on the target")
            .containsExactly(zeroIds.get(0), zeroIds.get(1));
        assertThat(venue.total(ALICE, BASE) + venue.total(BOB, BASE)).isEqualTo(4 * DEPOSIT_BASE);
        cancel(B, ALICE, 6, zeroIds.get(1), 0);
        cancel(B, BOB, 7, 0, 1);
        venue.pump();
        assertThat(venue.book(1, onZero)).as("cancelled by the original global id and by client order id").isEmpty();
        scene.assertConserved();
    }

    @Test
    void shouldCancelByGlobalIdAnOrderMovedWhileItWasDownBeforeShardZeroAnswered()
    {
        venue.stop(B);
        move(A, onZero, 1);
        venue.startLate(B);
        venue.gateway(B).routesDueWithin(Long.MAX_VALUE);
        venue.lag(B, 0, true);
        cancel(B, ALICE, 6, zeroIds.get(1), 0);
        venue.order(B, ALICE, 7, onOne, Side.SELL, 1_030, 1);
        venue.order(B, BOB, 8, onOne, Side.SELL, 1_040, 1);
        massCancel(B, BOB, 9, onZero);
        venue.pump();
        assertThat(venue.gateway(B).caughtUp()).as("shard 0's answer waits").isFalse();
        assertThat(venue.book(1, onZero)).as("the cancels wait for the routes").containsExactlyElementsOf(zeroIds);
        assertThat(venue.orderCount(1, onOne)).as("Alice's order waits behind her cancel, Bob's went on")
            .isEqualTo(3);

        venue.lag(B, 0, false);
        venue.pump();
        assertCaughtUp(2, 1);
        assertThat(scene.cancelled(B, zeroIds.get(1))).as("cancelled on the shard it moved to").hasSize(1);
        assertThat(venue.recorder(B).of(CancelRejectedDecoder.TEMPLATE_ID)).as("no false UNKNOWN_ORDER").isEmpty();
        assertThat(scene.cancelled(B, zeroIds.get(0))).as("Bob's mass cancel reached the shard it moved to")
            .hasSize(1);
        assertThat(scene.massCancelAnswers(B, BOB)).extracting(RecordedEvent::result)
            .containsExactly((int)RejectReason.NONE.value());
        assertThat(venue.book(1, onZero)).isEmpty();
        assertThat(venue.orderCount(1, onOne)).as("then Alice's order").isEqualTo(4);
        assertThat(venue.client(B).routesCatchUp().held()).isEqualTo(3);
        assertThat(venue.client(B).routesCatchUp().refusals()).isZero();
        scene.assertConserved();
    }

    @Test
    void shouldKeepEveryLaterCommandBehindAHeldMassCancelOfEveryAccount()
    {
        venue.stop(B);
        move(A, onZero, 1);
        venue.startLate(B);
        venue.gateway(B).routesDueWithin(Long.MAX_VALUE);
        venue.lag(B, 0, true);
        massCancel(B, 0, 9, onOne);
        venue.order(B, BOB, 10, onOne, Side.SELL, 1_050, 1);
        venue.pump();
        assertThat(venue.orderCount(1, onOne)).as("Bob's order waits behind the mass cancel of every account")
            .isEqualTo(2);

        venue.lag(B, 0, false);
        venue.pump();
        assertCaughtUp(2, 1);
        assertThat(venue.book(1, onOne)).as("the mass cancel took the two resting orders, not the later one")
            .hasSize(1).doesNotContainAnyElementsOf(oneIds);
        scene.assertConserved();
    }

    @Test
    void shouldRefuseRetryablyCancelsByGlobalIdWhileShardZeroHasNotAnsweredInTime()
    {
        venue.stop(B);
        move(A, onZero, 1);
        venue.startLate(B);
        venue.gateway(B).routesDueWithin(0);
        venue.lag(B, 0, true);
        cancel(B, ALICE, 6, zeroIds.get(1), 0);
        venue.pump();
        cancel(B, ALICE, 7, zeroIds.get(1), 0);
        massCancel(B, BOB, 8, onZero);
        venue.pump();
        assertThat(venue.recorder(B).of(CancelRejectedDecoder.TEMPLATE_ID)).as("held, then refused in time; refused")
            .extracting(RecordedEvent::requestId, RecordedEvent::orderId, RecordedEvent::code)
            .containsExactly(tuple(6L, zeroIds.get(1), (int)RejectReason.INSTRUMENT_HALTED.value()),
                tuple(7L, zeroIds.get(1), (int)RejectReason.INSTRUMENT_HALTED.value()));
        assertThat(scene.massCancelAnswers(B, BOB)).extracting(RecordedEvent::result)
            .containsExactly((int)RejectReason.INSTRUMENT_HALTED.value());
        assertThat(venue.client(B).routesCatchUp().refusals()).isEqualTo(3);
        assertThat(venue.book(1, onZero)).containsExactlyElementsOf(zeroIds);

        venue.lag(B, 0, false);
        venue.pump();
        assertCaughtUp(2, 1);
        cancel(B, ALICE, 8, zeroIds.get(1), 0);
        venue.pump();
        assertThat(scene.cancelled(B, zeroIds.get(1))).as("the retry, once caught up").hasSize(1);
        assertThat(venue.book(1, onZero)).containsExactly(zeroIds.get(0));
        scene.assertConserved();
    }

    @Test
    void shouldRefuseAHeldCancelWaitingForItsAccountsUnansweredQueryOnceTheAnswerIsOverdue()
    {
        venue.stop(B);
        move(A, onZero, 1);
        venue.startLate(B);
        venue.gateway(B).routesDueWithin(Long.MAX_VALUE);
        venue.lag(B, 0, true);
        queryBalances(B, ALICE, 5);
        cancel(B, ALICE, 6, zeroIds.get(1), 0);
        cancel(B, BOB, 7, zeroIds.get(0), 0);
        venue.order(B, BOB, 8, onOne, Side.SELL, 1_040, 1);
        venue.pump();
        assertThat(venue.client(B).routesCatchUp().held()).as("the cancels, and Bob's order behind his").isEqualTo(3);
        assertThat(venue.orderCount(1, onOne)).isEqualTo(2);

        venue.gateway(B).routesDueWithin(0);
        venue.pump();
        assertThat(venue.recorder(B).balances()).as("shard 0 never answered Alice's query here")
            .noneMatch(line -> line.requestId() == 5);
        assertThat(venue.recorder(B).of(CancelRejectedDecoder.TEMPLATE_ID))
            .as("Alice's refused once her query's answer is overdue; Bob's, behind hers, then too")
            .extracting(RecordedEvent::requestId, RecordedEvent::code)
            .containsExactly(tuple(6L, (int)RejectReason.INSTRUMENT_HALTED.value()),
                tuple(7L, (int)RejectReason.INSTRUMENT_HALTED.value()));
        assertThat(venue.orderCount(1, onOne)).as("Bob's order, queued behind, sent").isEqualTo(3);
        assertThat(venue.client(B).routesCatchUp().isActive()).as("shard 0 still has not answered").isTrue();

        venue.lag(B, 0, false);
        venue.pump();
        assertCaughtUp(2, 1);
        assertThat(venue.recorder(B).balances()).as("the query's answer, late").anyMatch(line -> line.requestId() == 5);
        assertThat(venue.book(1, onZero)).as("nothing cancelled").containsExactlyElementsOf(zeroIds);
        scene.assertConserved();
    }

    @Test
    void shouldRefuseRetryablyTheCancelsByGlobalIdBeyondTheLimitThatWaitForShardZero()
    {
        venue.stop(B);
        move(A, onZero, 1);
        venue.startLate(B);
        venue.gateway(B).routesDueWithin(Long.MAX_VALUE);
        venue.lag(B, 0, true);
        for (int i = 0; i < ShardedVenueClient.CATCH_UP_HOLD_LIMIT; i++)
        {
            cancel(B, ALICE, 100 + i, zeroIds.get(1), 0);
        }
        cancel(B, BOB, 99, zeroIds.get(0), 0);
        venue.pump();
        assertThat(venue.recorder(B).of(CancelRejectedDecoder.TEMPLATE_ID)).as("the one beyond the limit")
            .extracting(RecordedEvent::requestId, RecordedEvent::code)
            .containsExactly(tuple(99L, (int)RejectReason.INSTRUMENT_HALTED.value()));

        venue.lag(B, 0, false);
        venue.pump();
        assertCaughtUp(2, 1);
        assertThat(scene.cancelled(B, zeroIds.get(1))).as("the first held cancel").hasSize(1);
        assertThat(venue.recorder(B).of(CancelRejectedDecoder.TEMPLATE_ID)).as("the others: the order ended")
            .hasSize(ShardedVenueClient.CATCH_UP_HOLD_LIMIT)
            .filteredOn(event -> event.requestId() != 99)
            .allSatisfy(event -> assertThat(event.code()).isEqualTo(RejectReason.UNKNOWN_ORDER.value()));
        assertThat(venue.book(1, onZero)).containsExactly(zeroIds.get(0));
        scene.assertConserved();
    }

    @Test
    void shouldCatchUpWithTwoMovesAndAnInstrumentMovedAwayAndBackAndKeepThePlacesAcrossARestart()
    {
        venue.stop(B);
        move(A, onZero, 1);
        move(A, onOne, 0);
        venue.startLate(B);
        venue.pump();
        assertCaughtUp(3, 2);

        venue.restart(B);
        venue.pump();
        cancel(B, ALICE, 8, oneIds.get(1), 0);
        venue.pump();
        assertThat(venue.book(0, onOne)).as("a place learned by the catch-up, from the journal after a restart")
            .containsExactly(oneIds.get(0));

        venue.stop(B);
        move(A, onZero, 0);
        venue.startLate(B);
        venue.pump();
        assertCaughtUp(4, 3);
        cancel(B, ALICE, 9, zeroIds.get(1), 0);
        venue.pump();
        assertThat(venue.book(0, onZero)).as("moved away and back, found by its original id")
            .containsExactly(zeroIds.get(0));
        venue.order(B, ALICE, 10, onOne, Side.BUY, 1_010, 2);
        venue.pump();
        assertThat(venue.book(0, onOne)).as("traded on the shard it moved to").isEmpty();
        assertThat(venue.orderCount(1, onOne)).isZero();
        scene.assertConserved();
    }

    @Test
    void shouldFollowTheSwitchOfAMoveWhoseHaltItStartedAfter()
    {
        venue.lag(A, 1, true);
        final CompletableFuture<String> moving = venue.gateway(A).move(onZero, 1);
        venue.pump();
        assertThat(moving).as("waiting for the target's answers").isNotDone();
        assertThat(venue.client(B).movingInstrument()).as("B saw the halt").isEqualTo(onZero);

        venue.startLate(B);
        venue.gateway(B).routesDueWithin(Long.MAX_VALUE);
        venue.pump();
        assertThat(venue.client(B).movingInstrument()).as("the restarted B did not see it").isEqualTo(-1);
        assertThat(venue.client(B).table().version()).isEqualTo(1);
        assertThat(venue.orderCount(0, onZero)).as("the source moved the orders out").isZero();
        cancel(B, BOB, 10, zeroIds.get(0), 0);
        massCancel(B, ALICE, 9, onZero);
        venue.pump();
        assertThat(venue.client(B).routesCatchUp().isActive())
            .as("still holding while a move it does not follow holds the lock").isTrue();
        assertThat(venue.client(B).routesCatchUp().held()).isEqualTo(2);

        venue.lag(A, 1, false);
        venue.pump();
        assertThat(moving.join()).startsWith("moved instrument " + onZero);
        assertCaughtUp(2, 1);
        assertThat(venue.recorder(B).of(CancelRejectedDecoder.TEMPLATE_ID)).as("no false UNKNOWN_ORDER").isEmpty();
        assertThat(scene.cancelled(B, zeroIds.get(0))).as("Bob's cancel by id found it on the target").hasSize(1);
        assertThat(scene.cancelled(B, zeroIds.get(1))).as("Alice's mass cancel reached the target").hasSize(1);
        assertThat(venue.book(1, onZero)).isEmpty();
        assertThat(venue.orderCount(0, onZero)).isZero();
        scene.assertConserved();
    }

    @Test
    void shouldStopWaitingForAMoveItDoesNotFollowAtTheBoundWithoutRefusing()
    {
        venue.lag(A, 1, true);
        final CompletableFuture<String> moving = venue.gateway(A).move(onZero, 1);
        venue.pump();
        venue.startLate(B);
        venue.gateway(B).routesDueWithin(0);
        venue.pump();
        assertThat(venue.client(B).routesCatchUp().isActive())
            .as("past the bound a move holding the lock no longer holds B's commands").isFalse();
        assertThat(venue.client(B).routesCatchUp().refusals()).isZero();

        venue.lag(A, 1, false);
        venue.pump();
        assertThat(moving.join()).startsWith("moved instrument " + onZero);
        assertCaughtUp(2, 1);
    }

    @Test
    void shouldFindTheOrdersOfAMoveWhoseHaltItStartedAfterByTheirIds()
    {
        venue.lag(A, 1, true);
        final CompletableFuture<String> moving = venue.gateway(A).move(onZero, 1);
        venue.pump();
        venue.startLate(B);
        venue.pump();
        venue.lag(A, 1, false);
        venue.pump();
        assertThat(moving.join()).startsWith("moved instrument " + onZero);
        assertCaughtUp(2, 1);
        cancel(B, ALICE, 11, zeroIds.get(1), 0);
        venue.order(B, ALICE, 12, onZero, Side.SELL, 995, 2);
        venue.pump();
        assertThat(venue.book(1, onZero)).as("cancelled by its original id, the other filled by the new order")
            .isEmpty();
        assertThat(venue.orderCount(0, onZero)).isZero();
        scene.assertConserved();
    }

    private void move(final int gateway, final int instrument, final int target)
    {
        final CompletableFuture<String> answer = venue.gateway(gateway).move(instrument, target);
        venue.pump();
        assertThat(answer.join()).startsWith("moved instrument " + instrument);
    }

    private void queryBalances(final int gateway, final long account, final long requestId)
    {
        final QueryBalancesEncoder query = new QueryBalancesEncoder();
        query.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).timestamp(0).accountId(account)
            .requestId(requestId).userId(0);
        assertThat(venue.gateway(gateway).offer(buffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + query.encodedLength())).isPositive();
    }

    private void massCancel(final int gateway, final long account, final long requestId, final int instrument)
    {
        assertThat(venue.gateway(gateway).offer(buffer, 0, encoder.massCancel(buffer, 0, 0, account, instrument,
            requestId))).isPositive();
    }

    private void cancel(
        final int gateway, final long account, final long requestId, final long orderId, final long clientOrderId)
    {
        assertThat(scene.cancel(gateway, account, requestId, orderId, clientOrderId)).isPositive();
    }

    private void assertCaughtUp(final long version, final long switches)
    {
        final RoutingTable mover = venue.client(A).table();
        final RoutingTable late = venue.client(B).table();
        assertThat(venue.gateway(B).caughtUp()).isTrue();
        assertThat(late.version()).as("the mover's version").isEqualTo(mover.version()).isEqualTo(version);
        for (int instrument = 1; instrument < 64; instrument++)
        {
            assertThat(late.shardOf(instrument)).as("instrument %d routed alike", instrument)
                .isEqualTo(mover.shardOf(instrument));
        }
        assertThat(venue.gateway(B).switches()).isEqualTo(venue.gateway(A).switches()).isEqualTo(switches);
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);
        final RoutingTableStore store = new RoutingTableStore(directory.resolve("routes-" + B + ".txt"));
        assertThat(store.load().orElseThrow().version()).isEqualTo(version);
        assertThat(store.switches()).as("stored with the count").isEqualTo(switches);
    }
}
