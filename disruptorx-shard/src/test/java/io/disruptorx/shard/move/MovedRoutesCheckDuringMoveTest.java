package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.support.MoveScene;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.TwoGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.MoveScene.A;
import static io.disruptorx.shard.support.MoveScene.ALICE;
import static io.disruptorx.shard.support.MoveScene.B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway restarted on its move journal (two gateways over three real engines) checks its journalled routes while
 * the other gateway moves their instrument on: the order, placed on shard 0 and moved to shard 1, is moved from 1 to
 * 2 before the restarted gateway polls (so its check's question reaches shard 1 after MoveOut), and the restarted
 * gateway reads shard 1's answer (no order rests there) before shard 2's resume. The check drops nothing while the
 * instrument is held; a cancel of the order by global id is held (not sent to shard 0, which its id names and which
 * would refuse it {@code UNKNOWN_ORDER}) and cancels it on shard 2 once the gateway switched; the check, asked again
 * then, drops nothing (the route names shard 2).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MovedRoutesCheckDuringMoveTest
{
    @TempDir
    Path directory;

    @Test
    void shouldKeepTheRouteOfAnOrderMovingOnWhenTheCheckIsAnswered()
    {
        final MoveScene scene = new MoveScene(directory, 3, 2);
        final TwoGateways venue = scene.venue();
        final int moving = scene.instrumentOn(0);
        scene.fundAndList(moving);
        venue.order(A, ALICE, 1, moving, Side.BUY, 990, 1);
        venue.pump();
        assertThat(scene.keepAccepted()).hasSize(1);
        final long order = scene.id(1);
        final CompletableFuture<String> first = venue.gateway(A).move(moving, 1);
        venue.pump();
        assertThat(first.join()).startsWith("moved instrument " + moving);
        assertThat(routes(venue, B)).isEqualTo(Map.of(order, 1L));

        venue.restart(B);
        venue.lag(B, 2, true);
        final CompletableFuture<String> second = venue.gateway(A).move(moving, 2);
        for (int cycles = 0; !second.isDone() && cycles < 10_000; cycles++)
        {
            venue.poll(A);
        }
        venue.pump();
        assertThat(second.join()).startsWith("moved instrument " + moving);
        assertThat(venue.book(2, moving)).containsExactly(order);
        assertThat(venue.client(B).holdsInstrument(moving)).as("following, behind on the target").isTrue();
        assertThat(routes(venue, B)).as("kept while the instrument is held").isEqualTo(Map.of(order, 1L));
        assertThat(venue.gateway(B).routesCheck().done()).isFalse();

        assertThat(scene.cancel(B, ALICE, 70, order)).isPositive();
        venue.pump();
        assertThat(venue.recorder(B).matching(event -> event.templateId() == CancelRejectedDecoder.TEMPLATE_ID))
            .as("held, not refused by the shard its id names").isEmpty();

        venue.lag(B, 2, false);
        venue.pump();
        final List<RecordedEvent> cancelled = scene.cancelled(B, order);
        assertThat(cancelled).hasSize(1);
        assertThat(ShardIds.shardOf(cancelled.get(0).commandSequence())).isEqualTo(2);
        assertThat(venue.book(2, moving)).isEmpty();
        assertThat(venue.client(B).holdsInstrument(moving)).isFalse();
        final MovedRoutesCheck check = venue.gateway(B).routesCheck();
        assertThat(check.done()).as("asked again once not held").isTrue();
        assertThat(check.checked()).isEqualTo(1);
        assertThat(check.dropped()).isZero();
    }

    private static Map<Long, Long> routes(final TwoGateways venue, final int gateway)
    {
        final Map<Long, Long> routes = new HashMap<>();
        venue.client(gateway).forEachMovedOrder(routes::put);
        return routes;
    }
}
