package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.Side;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.support.TwoGateways;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway that missed moves catches up from the switches shard 0's engine records (docs/scaling.md, "A gateway that
 * missed moves"), over two real engines: one down during one move, and during two (an instrument moved away and
 * back, another moved), started again from its old table file and journal, routes the moved instruments to their
 * shards (a new order trades there) with the mover's table version, stored with the count, and finds the moved orders
 * by their original global ids and by client order id, also after another restart (the places from its journal); one
 * started after a move's halt and before its switch follows the switch when it completes.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MissedMoveCatchUpTest
{
    private static final int A = 0;
    private static final int B = 1;
    private static final long ALICE = 3;
    private static final long BOB = 4;
    private static final long DEPOSIT_BASE = 1_000;
    private static final long DEPOSIT_QUOTE = 1_000_000;

    @TempDir
    Path directory;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private TwoGateways venue;
    private int onZero;
    private int onOne;
    private List<Long> zeroIds;
    private List<Long> oneIds;

    @BeforeEach
    void setUp()
    {
        venue = new TwoGateways(2, directory);
        onZero = TwoGateways.instrumentOn(venue.client(A).table(), 0);
        onOne = TwoGateways.instrumentOn(venue.client(A).table(), 1);
        venue.fundAndList(new long[]{ALICE, BOB}, DEPOSIT_BASE, DEPOSIT_QUOTE, onZero, onOne);
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
        assertConserved();
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
        assertConserved();
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
        venue.pump();
        assertThat(venue.client(B).movingInstrument()).as("the restarted B did not see it").isEqualTo(-1);
        assertThat(venue.client(B).table().version()).isEqualTo(1);

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
        assertConserved();
    }

    private void move(final int gateway, final int instrument, final int target)
    {
        final CompletableFuture<String> answer = venue.gateway(gateway).move(instrument, target);
        venue.pump();
        assertThat(answer.join()).startsWith("moved instrument " + instrument);
    }

    private void cancel(
        final int gateway, final long account, final long requestId, final long orderId, final long clientOrderId)
    {
        assertThat(venue.gateway(gateway).offer(buffer, 0, encoder.cancelOrder(buffer, 0, 0, account, requestId,
            orderId, clientOrderId))).isPositive();
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

    private void assertConserved()
    {
        assertThat(venue.total(ALICE, BASE) + venue.total(BOB, BASE)).isEqualTo(4 * DEPOSIT_BASE);
        assertThat(venue.total(ALICE, QUOTE) + venue.total(BOB, QUOTE)).isEqualTo(4 * DEPOSIT_QUOTE);
    }
}
