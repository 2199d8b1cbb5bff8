package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.Side;
import io.disruptorx.shard.routing.RoutingTable;
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
 * Two gateways in front of the same two shards (real engines) asked for moves at the same moment, neither having seen
 * the other's claim: the move lock in shard 0's log lets exactly one proceed and refuses the other, naming the move
 * that holds it; both gateways end on the same routing table version, route every instrument alike, and each
 * instrument's orders rest on exactly one shard. Also: a move refused at once while another gateway's claim is seen
 * but its announcement is not (both gateways' status naming the lock's holder, the mover's its move), and a lock
 * held by a gateway that stopped mid-move, released by its restart.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TwoGatewayMoveLockTest
{
    @TempDir
    Path directory;

    private MoveScene scene;
    private TwoGateways venue;
    private int onZero;
    private int onOne;

    @BeforeEach
    void setUp()
    {
        scene = new MoveScene(directory, 2);
        venue = scene.venue();
        onZero = scene.instrumentOn(0);
        onOne = scene.instrumentOn(1);
        scene.fundAndList(onZero, onOne);
        venue.order(A, ALICE, 1, onZero, Side.BUY, 990, 1);
        venue.order(B, BOB, 2, onZero, Side.BUY, 995, 2);
        venue.order(A, ALICE, 3, onOne, Side.SELL, 1_010, 1);
        venue.order(B, BOB, 4, onOne, Side.SELL, 1_020, 3);
        venue.pump();
    }

    @Test
    void shouldLetOnlyTheFirstOfTwoMovesOfTheSameInstrumentProceedWhenAFirst()
    {
        sameInstrumentAtOnce(A);
    }

    @Test
    void shouldLetOnlyTheFirstOfTwoMovesOfTheSameInstrumentProceedWhenBFirst()
    {
        sameInstrumentAtOnce(B);
    }

    @Test
    void shouldLetOnlyTheFirstOfTwoMovesOfDifferentInstrumentsProceedWhenAFirst()
    {
        differentInstrumentsAtOnce(A);
    }

    @Test
    void shouldLetOnlyTheFirstOfTwoMovesOfDifferentInstrumentsProceedWhenBFirst()
    {
        differentInstrumentsAtOnce(B);
    }

    @Test
    void shouldRefuseAMoveAtOnceWhileAnotherGatewaysClaimHoldsTheLockBeforeItsAnnouncementArrived()
    {
        venue.lag(A, 1, true);
        venue.lag(B, 1, true);
        final CompletableFuture<String> first = venue.gateway(A).move(onOne, 0);
        venue.pump();
        assertThat(first).as("halting at the source, whose answers A does not see yet").isNotDone();
        assertThat(venue.client(B).movingInstrument()).as("B has not seen the announcement").isEqualTo(-1);

        final CompletableFuture<String> second = venue.gateway(B).move(onZero, 1);
        venue.pump();
        assertThat(second).isCompletedWithValue(
            "refused: another move is in progress: instrument " + onOne + " by gateway " + A);
        final RoutingTable routes = venue.client(A).table();
        for (final int g : new int[]{A, B})
        {
            assertThat(venue.gateway(g).status().lockLine()).as("gateway %d's status: the lock's holder", g)
                .startsWith("move lock: held by gateway " + A + " (move ").endsWith(" of instrument " + onOne + ")");
        }
        assertThat(venue.gateway(A).status().movingLine(routes)).as("dx shard status --admin of the mover")
            .isEqualTo("moving: instrument " + onOne + " from shard-1 to shard-0, this gateway's move: halted (or " +
                "being halted) on its source, commands for it held here until the switch");
        assertThat(venue.gateway(B).status().movingLine(routes)).as("B has not seen the announcement")
            .startsWith("moving: none");

        venue.lag(A, 1, false);
        venue.lag(B, 1, false);
        venue.pump();
        assertThat(first.join()).startsWith("moved instrument " + onOne);
        assertSameRoutes(2);
        assertThat(venue.gateway(A).status().lockLine()).isEqualTo("move lock: free");
        assertThat(venue.gateway(A).status().movingLine(routes)).startsWith("moving: none");
        assertThat(venue.client(A).table().shardOf(onOne)).isZero();
        assertOnOneShard(onOne, 0, 2);

        final CompletableFuture<String> again = venue.gateway(B).move(onZero, 1);
        venue.pump();
        assertThat(again.join()).as("the lock is free once the first move ended").startsWith("moved instrument " +
            onZero);
        assertSameRoutes(3);
        assertOnOneShard(onZero, 1, 2);
        scene.assertConserved();
    }

    @Test
    void shouldReleaseTheLockOfAGatewayThatStoppedMidMoveWhenItStartsAgain()
    {
        venue.lag(A, 1, true);
        final CompletableFuture<String> first = venue.gateway(A).move(onZero, 1);
        venue.pump();
        assertThat(first).as("waiting for the target's answers").isNotDone();
        venue.restart(A);
        assertThat(first.join()).startsWith("unfinished");

        final CompletableFuture<String> refused = venue.gateway(B).move(onOne, 0);
        venue.pump();
        assertThat(refused.join()).as("the stopped gateway's move still holds the lock")
            .isEqualTo("refused: another move is in progress: instrument " + onZero + " by gateway " + A);

        venue.lag(A, 1, false);
        venue.pump();
        assertSameRoutes(2);
        assertThat(venue.client(B).table().shardOf(onZero)).as("the restarted mover completed its move").isEqualTo(1);
        assertOnOneShard(onZero, 1, 2);

        final CompletableFuture<String> second = venue.gateway(B).move(onOne, 0);
        venue.pump();
        assertThat(second.join()).as("released by the restart").startsWith("moved instrument " + onOne);
        assertSameRoutes(3);
        assertOnOneShard(onOne, 0, 2);
        scene.assertConserved();
    }

    @Test
    void shouldLetOnlyOneOfTwoGatewaysWithTheSameIdMoveAndThenRefuseTheirMovesSayingWhy()
    {
        venue.gateway(B).gatewayId(A);
        final CompletableFuture<String>[] answers = movesAtOnce(A, onZero, 1, onZero, 1);
        assertThat(answers[A].join()).startsWith("moved instrument " + onZero);
        assertThat(answers[B].join()).as("the same move id, claimed second")
            .isEqualTo("refused: another move is in progress: instrument " + onZero + " by gateway " + A);
        assertSameRoutes(2);
        assertOnOneShard(onZero, 1, 2);
        for (final int gateway : new int[]{A, B})
        {
            final CompletableFuture<String> later = venue.gateway(gateway).move(onOne, 0);
            venue.pump();
            assertThat(later.join()).as("gateway %d", gateway).isEqualTo("refused: gateway id 0 is also another " +
                "gateway's: give each gateway in front of these shards its own --gateway-id and restart them; this " +
                "gateway moves nothing until then");
        }
        assertSameRoutes(2);
        assertOnOneShard(onOne, 1, 2);
        scene.assertConserved();
    }

    private void sameInstrumentAtOnce(final int first)
    {
        final int second = 1 - first;
        final CompletableFuture<String>[] answers = movesAtOnce(first, onZero, 1, onZero, 1);
        assertThat(answers[first].join()).startsWith("moved instrument " + onZero);
        assertThat(answers[second].join())
            .isEqualTo("refused: another move is in progress: instrument " + onZero + " by gateway " + first);
        assertSameRoutes(2);
        assertThat(venue.client(A).table().shardOf(onZero)).isEqualTo(1);
        assertOnOneShard(onZero, 1, 2);
        assertOnOneShard(onOne, 1, 2);
        assertThat(venue.gateway(second).movesFollowed()).isEqualTo(1);
        scene.assertConserved();
    }

    private void differentInstrumentsAtOnce(final int first)
    {
        final int second = 1 - first;
        final int firstInstrument = first == A ? onZero : onOne;
        final int secondInstrument = first == A ? onOne : onZero;
        final int firstTarget = first == A ? 1 : 0;
        final int secondTarget = 1 - firstTarget;
        final CompletableFuture<String>[] answers = first == A ? movesAtOnce(A, onZero, 1, onOne, 0) :
            movesAtOnce(B, onZero, 1, onOne, 0);
        assertThat(answers[first].join()).startsWith("moved instrument " + firstInstrument);
        assertThat(answers[second].join())
            .isEqualTo("refused: another move is in progress: instrument " + firstInstrument + " by gateway " + first);
        assertSameRoutes(2);
        assertOnOneShard(firstInstrument, firstTarget, 2);
        assertOnOneShard(secondInstrument, 1 - secondTarget, 2);

        final CompletableFuture<String> again = venue.gateway(second).move(secondInstrument, secondTarget);
        venue.pump();
        assertThat(again.join()).as("asked again after the first move").startsWith("moved instrument " +
            secondInstrument);
        assertSameRoutes(3);
        assertOnOneShard(firstInstrument, firstTarget, 2);
        assertOnOneShard(secondInstrument, secondTarget, 2);
        scene.assertConserved();
    }

    /**
     * A asks for the first move, B for the second; {@code first}'s claim reaches shard 0 first, and neither gateway
     * sees any event before both claims went out.
     */
    @SuppressWarnings("unchecked")
    private CompletableFuture<String>[] movesAtOnce(
        final int first, final int instrumentOfA, final int targetOfA, final int instrumentOfB, final int targetOfB)
    {
        for (int shard = 0; shard < 2; shard++)
        {
            venue.lag(A, shard, true);
            venue.lag(B, shard, true);
        }
        final CompletableFuture<String>[] answers = new CompletableFuture[2];
        answers[A] = venue.gateway(A).move(instrumentOfA, targetOfA);
        answers[B] = venue.gateway(B).move(instrumentOfB, targetOfB);
        venue.poll(first);
        venue.poll(1 - first);
        for (int shard = 0; shard < 2; shard++)
        {
            venue.lag(A, shard, false);
            venue.lag(B, shard, false);
        }
        venue.pump();
        return answers;
    }

    private void assertSameRoutes(final long version)
    {
        final RoutingTable routesA = venue.client(A).table();
        final RoutingTable routesB = venue.client(B).table();
        assertThat(routesA.version()).as("the same table version").isEqualTo(version);
        assertThat(routesB.version()).as("the same table version").isEqualTo(version);
        for (int instrument = 1; instrument < 64; instrument++)
        {
            assertThat(routesB.shardOf(instrument)).as("instrument " + instrument + " routed alike")
                .isEqualTo(routesA.shardOf(instrument));
        }
        assertThat(venue.client(A).movingInstrument()).isEqualTo(-1);
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);
    }

    private void assertOnOneShard(final int instrument, final int shard, final int orders)
    {
        assertThat(venue.book(shard, instrument)).as("instrument " + instrument + " rests on shard " + shard)
            .hasSize(orders);
        assertThat(venue.orderCount(1 - shard, instrument))
            .as("and nowhere else").isIn(-1, 0);
        assertThat(venue.client(A).table().shardOf(instrument)).isEqualTo(shard);
    }
}
