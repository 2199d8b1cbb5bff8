package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.Side;
import io.disruptorx.shard.support.MoveScene;
import io.disruptorx.shard.support.TwoGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.MoveScene.A;
import static io.disruptorx.shard.support.MoveScene.B;
import static io.disruptorx.shard.support.MoveScene.BOB;
import static io.disruptorx.shard.support.MoveScene.SOURCE;
import static io.disruptorx.shard.support.MoveScene.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a move sends its restores, with gateways configured as they are by default and as a single gateway asserts.
 * The case that needs the default: the second gateway, not yet aware of the first's move, sends a mass cancel; the
 * source applies it between the book read and MoveOut (so MoveOut is refused), the target only later (the second
 * gateway's link to it was full), and the first gateway reads MoveOut's answer only after that. Restores sent with
 * MoveOut would rest on the target by then, so the mass cancel would cancel each of the account's moved orders twice,
 * once on each shard, and release its hold on both. By default they wait for MoveOut's answer: every order is
 * cancelled once, the target never lists the instrument and the funds are conserved. A gateway that asserts it is
 * the only one ({@link MovingVenueClient#singleGateway}) sends them with MoveOut, unless it saw another gateway in
 * shard 0's log.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MoveRestoresModeTest
{
    private final List<String> moveLog = new ArrayList<>();

    @TempDir
    Path directory;

    private MoveScene scene;
    private TwoGateways venue;
    private int moving;
    private int staying;

    @Test
    void shouldCancelEachOrderOnceWhenAMassCancelReachesTheSourceBeforeMoveOutAndTheTargetAfterIt()
    {
        start(2);

        massCancelDuringTheMove();

        assertEachOrderCancelledOnceAndConserved();
        assertThat(moveLog).singleElement().asString().contains("; restores after MoveOut;");
    }

    @Test
    void shouldKeepTheRestoresAfterMoveOutWhenASingleGatewayIsAssertedButAnotherGatewayWasSeen()
    {
        start(2);
        venue.gateway(A).singleGateway(true);

        massCancelDuringTheMove();

        assertEachOrderCancelledOnceAndConserved();
        assertThat(moveLog).singleElement().asString().contains("; restores after MoveOut although a single gateway " +
            "was asserted: this gateway saw another gateway's query of the move lock (a gateway started);");
    }

    @Test
    void shouldSendTheRestoresWithMoveOutForASingleGatewayThatSawNoOther()
    {
        start(1);
        venue.gateway(A).singleGateway(true);
        venue.afterRead(() ->
        {
            venue.afterRead(() ->
            {
            });
            venue.lag(A, SOURCE, true);
        });

        final CompletableFuture<String> moved = venue.gateway(A).move(moving, TARGET);
        venue.pump();
        assertThat(venue.orderCount(TARGET, moving)).as("restored before MoveOut's answer was read").isEqualTo(3);
        assertThat(moved).isNotDone();
        venue.lag(A, SOURCE, false);
        venue.pump();

        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(moveLog).singleElement().asString().contains("; restores with MoveOut (single gateway);");
        assertThat(venue.book(TARGET, moving)).containsExactly(scene.id(2), scene.id(11), scene.id(1));
        scene.assertConserved();
    }

    @Test
    void shouldWaitForMoveOutsAnswerByDefaultEvenWithASingleGateway()
    {
        start(1);
        venue.afterRead(() ->
        {
            venue.afterRead(() ->
            {
            });
            venue.lag(A, SOURCE, true);
        });

        final CompletableFuture<String> moved = venue.gateway(A).move(moving, TARGET);
        venue.pump();
        assertThat(venue.orderCount(TARGET, moving)).as("nothing restored before MoveOut's answer").isEqualTo(-1);
        venue.lag(A, SOURCE, false);
        venue.pump();

        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(venue.book(TARGET, moving)).containsExactly(scene.id(2), scene.id(11), scene.id(1));
        scene.assertConserved();
    }

    /**
     * Two shards, {@code gateways} gateways; alice's orders through the first gateway and bob's through the last,
     * three of them on the instrument to move (on the source), one of bob's on an instrument of the target.
     */
    private void start(final int gateways)
    {
        scene = new MoveScene(directory, gateways);
        venue = scene.venue();
        moving = scene.instrumentOn(SOURCE);
        staying = scene.instrumentOn(TARGET);
        scene.fundAndList(moving, staying);
        scene.restAlicesBids(moving);
        final int bob = gateways - 1;
        venue.order(bob, BOB, 11, moving, Side.BUY, 992, 1);
        venue.order(bob, BOB, 14, staying, Side.SELL, 1_020, 3);
        venue.pump();
        scene.keepAccepted();
        venue.gateway(A).logMovesTo(moveLog::add);
    }

    /**
     * The second gateway reads nothing of the source, so it does not know of the move. Right after the first
     * gateway's book read, its mass cancel of all bob's orders goes out: the source applies it at once, the target
     * pushes it back, and the first gateway reads no more of the source. Once the first gateway sent what it sends
     * before MoveOut's answer, the target takes the mass cancel; only then does the first gateway read the source.
     */
    private void massCancelDuringTheMove()
    {
        venue.lag(B, SOURCE, true);
        venue.afterRead(() ->
        {
            venue.afterRead(() ->
            {
            });
            venue.pushBack(B, TARGET, true);
            assertThat(scene.massCancel(B, BOB, 0, 81)).as("not yet aware of the move: sent at once").isPositive();
            venue.lag(A, SOURCE, true);
        });
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, TARGET);
        venue.pump();
        assertThat(venue.book(SOURCE, moving)).as("the mass cancel reached the source before MoveOut")
            .containsExactly(scene.id(2), scene.id(1));
        venue.pushBack(B, TARGET, false);
        venue.pump();
        assertThat(scene.cancelled(B, scene.id(14))).as("the mass cancel reached the target").hasSize(1);
        assertThat(scene.cancelled(B, scene.id(11))).as("no copy of bob's moving order on the target to cancel")
            .isEmpty();
        venue.lag(A, SOURCE, false);
        venue.lag(B, SOURCE, false);
        venue.pump();
        assertThat(moved.join()).startsWith("rolled back instrument " + moving);
    }

    private void assertEachOrderCancelledOnceAndConserved()
    {
        assertThat(scene.cancelled(B, scene.id(11))).as("bob's order on the moving instrument cancelled once")
            .hasSize(1);
        assertThat(scene.cancelled(B, scene.id(14))).as("bob's order on the target cancelled once").hasSize(1);
        assertThat(scene.massCancelAnswers(B, BOB)).hasSize(1);
        assertThat(venue.orderCount(TARGET, moving)).as("the target never had the instrument").isEqualTo(-1);
        assertThat(venue.book(SOURCE, moving)).containsExactly(scene.id(2), scene.id(1));
        assertThat(venue.client(A).table().version()).isEqualTo(1);
        assertThat(venue.client(B).table().version()).isEqualTo(1);
        scene.assertConserved();
    }
}
