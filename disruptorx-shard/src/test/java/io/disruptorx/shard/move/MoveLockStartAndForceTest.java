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
 * Three gateways in front of the same two shards (real engines), the move lock kept by shard 0's engine: a gateway
 * started while another holds the lock (it saw none of the lock's events) learns the holder from shard 0 and refuses
 * its operator's move naming it, also after its own restart, and moves once the lock is released; an operator
 * releases by force the lock of a gateway that never returns, and every gateway sees the lock free; a forced release
 * is refused when the lock is free, held by another gateway than the one named, or held by a move the gateway saw
 * halt its instrument and not end.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MoveLockStartAndForceTest
{
    private static final int C = 2;

    @TempDir
    Path directory;

    private MoveScene scene;
    private TwoGateways venue;
    private int onZero;
    private int onOne;

    @BeforeEach
    void setUp()
    {
        scene = new MoveScene(directory, 3);
        venue = scene.venue();
        onZero = scene.instrumentOn(0);
        onOne = scene.instrumentOn(1);
        scene.fundAndList(onZero, onOne);
        venue.order(A, ALICE, 1, onZero, Side.BUY, 990, 1);
        venue.order(B, BOB, 2, onZero, Side.BUY, 995, 2);
        venue.order(A, ALICE, 3, onOne, Side.SELL, 1_010, 1);
        venue.order(C, BOB, 4, onOne, Side.SELL, 1_020, 3);
        venue.pump();
    }

    @Test
    void shouldRefuseAMoveOfAGatewayStartedWhileAnotherHoldsTheLockNamingTheHolderAndAllowItAfterTheRelease()
    {
        venue.stop(B);
        final CompletableFuture<String> first = claimWithoutSeeingTheGrant(onOne, 0);

        venue.startLate(B);
        assertThat(venue.gateway(B).knowsMoveLock()).as("before shard 0 answered its query").isFalse();
        venue.pump();
        assertThat(venue.gateway(B).knowsMoveLock()).isTrue();
        final String held = "refused: another move is in progress: instrument " + onOne + " by gateway " + A;
        final CompletableFuture<String> refused = venue.gateway(B).move(onZero, 1);
        venue.pump();
        assertThat(refused.join()).as("the lock taken before this gateway started").isEqualTo(held);

        venue.startLate(B);
        venue.pump();
        final CompletableFuture<String> again = venue.gateway(B).move(onZero, 1);
        venue.pump();
        assertThat(again.join()).as("after the starter's own restart").isEqualTo(held);

        venue.lag(A, 0, false);
        venue.pump();
        assertThat(first.join()).startsWith("moved instrument " + onOne);
        assertThat(venue.gateway(B).movesFollowed()).as("the late gateway followed the holder's move").isEqualTo(1);
        assertSameRoutes(2, A, B, C);

        final CompletableFuture<String> allowed = venue.gateway(B).move(onZero, 1);
        venue.pump();
        assertThat(allowed.join()).as("released by the holder").startsWith("moved instrument " + onZero);
        assertSameRoutes(3, A, B, C);
        assertOnOneShard(onOne, 0);
        assertOnOneShard(onZero, 1);
        scene.assertConserved();
    }

    @Test
    void shouldAllowAMoveOfAGatewayStartedWhileAnotherHeldTheLockOnceTheHolderRestartedAndReleasedIt()
    {
        venue.stop(B);
        final CompletableFuture<String> first = claimWithoutSeeingTheGrant(onOne, 0);
        venue.startLate(B);
        venue.pump();
        final CompletableFuture<String> refused = venue.gateway(B).move(onZero, 1);
        venue.pump();
        assertThat(refused.join()).isEqualTo("refused: another move is in progress: instrument " + onOne +
            " by gateway " + A);

        venue.lag(A, 0, false);
        venue.restart(A);
        assertThat(first.join()).startsWith("unfinished");
        venue.pump();
        final CompletableFuture<String> allowed = venue.gateway(B).move(onZero, 1);
        venue.pump();
        assertThat(allowed.join()).as("the restarted holder released its claim").startsWith("moved instrument " +
            onZero);
        assertSameRoutes(2, A, B, C);
        assertOnOneShard(onZero, 1);
        assertOnOneShard(onOne, 1);
        scene.assertConserved();
    }

    @Test
    void shouldLetAnOperatorReleaseByForceTheLockOfAGatewayThatNeverReturnsAndEveryGatewaySeeIt()
    {
        final CompletableFuture<String> first = claimWithoutSeeingTheGrant(onOne, 0);
        venue.stop(A);
        assertThat(first.join()).startsWith("unfinished");
        final CompletableFuture<String> refused = venue.gateway(C).move(onZero, 1);
        venue.pump();
        assertThat(refused.join()).isEqualTo("refused: another move is in progress: instrument " + onOne +
            " by gateway " + A);

        final CompletableFuture<String> unlock = venue.gateway(B).unlock(A);
        venue.pump();
        assertThat(unlock.join()).isEqualTo("released: the move lock held by gateway 0 (move 1024 of instrument " +
            onOne + ") was released by force in shard 0's log; every gateway sees it free");

        final CompletableFuture<String> byC = venue.gateway(C).move(onZero, 1);
        venue.pump();
        assertThat(byC.join()).as("another gateway than the operator's").startsWith("moved instrument " + onZero);
        final CompletableFuture<String> byB = venue.gateway(B).move(onOne, 0);
        venue.pump();
        assertThat(byB.join()).as("the operator's gateway").startsWith("moved instrument " + onOne);
        assertSameRoutes(3, B, C);
        assertOnOneShard(onZero, 1);
        assertOnOneShard(onOne, 0);
        scene.assertConserved();

        venue.lag(A, 0, false);
        venue.startLate(A);
        venue.pump();
        assertThat(venue.gateway(A).knowsMoveLock()).isTrue();
        final CompletableFuture<String> again = venue.gateway(B).unlock(-1);
        venue.pump();
        assertThat(again.join()).as("nothing left to release").isEqualTo("refused: the move lock is free: " +
            "nothing to release");
    }

    @Test
    void shouldRefuseAForcedReleaseOfAFreeLockOfAnotherHolderOrOfAMoveSeenInProgress()
    {
        final CompletableFuture<String> free = venue.gateway(B).unlock(-1);
        venue.pump();
        assertThat(free.join()).isEqualTo("refused: the move lock is free: nothing to release");

        final CompletableFuture<String> first = claimWithoutSeeingTheGrant(onOne, 0);
        final CompletableFuture<String> other = venue.gateway(B).unlock(C);
        venue.pump();
        assertThat(other.join()).isEqualTo("refused: the move lock is held by gateway 0 (move 1024 of instrument " +
            onOne + "), not by gateway 2");
        venue.lag(A, 0, false);
        venue.pump();
        assertThat(first.join()).startsWith("moved instrument " + onOne);

        venue.lag(A, 1, true);
        final CompletableFuture<String> second = venue.gateway(A).move(onZero, 1);
        venue.pump();
        assertThat(second).as("waiting for the target's answers").isNotDone();
        assertThat(venue.client(B).movingInstrument()).as("B saw the halt").isEqualTo(onZero);
        final CompletableFuture<String> inProgress = venue.gateway(B).unlock(A);
        venue.pump();
        assertThat(inProgress.join()).isEqualTo("refused: the move lock is held by gateway 0 (move 2048 of " +
            "instrument " + onZero + "), whose move is in progress: this gateway saw instrument " + onZero +
            " halted for it and not its end; start gateway 0 again on its move journal to complete or roll it back");

        venue.lag(A, 1, false);
        venue.pump();
        assertThat(second.join()).startsWith("moved instrument " + onZero);
        assertSameRoutes(3, A, B, C);
        assertOnOneShard(onZero, 1);
        assertOnOneShard(onOne, 0);
        scene.assertConserved();
    }

    /**
     * Gateway A asks for a move while it sees nothing of shard 0: its claim takes the lock there, and it waits.
     */
    private CompletableFuture<String> claimWithoutSeeingTheGrant(final int instrument, final int target)
    {
        venue.lag(A, 0, true);
        final CompletableFuture<String> answer = venue.gateway(A).move(instrument, target);
        venue.pump();
        assertThat(answer).as("its claim's answer not seen yet").isNotDone();
        return answer;
    }

    private void assertSameRoutes(final long version, final int... gateways)
    {
        final RoutingTable first = venue.client(gateways[0]).table();
        for (final int g : gateways)
        {
            final RoutingTable routes = venue.client(g).table();
            assertThat(routes.version()).as("gateway %d's table version", g).isEqualTo(version);
            for (int instrument = 1; instrument < 64; instrument++)
            {
                assertThat(routes.shardOf(instrument)).as("instrument %d routed alike", instrument)
                    .isEqualTo(first.shardOf(instrument));
            }
            assertThat(venue.client(g).movingInstrument()).isEqualTo(-1);
        }
    }

    private void assertOnOneShard(final int instrument, final int shard)
    {
        assertThat(venue.book(shard, instrument)).as("instrument " + instrument + " rests on shard " + shard)
            .hasSize(2);
        assertThat(venue.orderCount(1 - shard, instrument)).as("and nowhere else").isIn(-1, 0);
    }
}
