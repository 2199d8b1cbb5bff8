package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.List;

import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
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
import static io.disruptorx.shard.support.MoveScene.BOB;
import static io.disruptorx.shard.support.MoveScene.DEPOSIT_BASE;
import static io.disruptorx.shard.support.MoveScene.DEPOSIT_QUOTE;
import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways in front of three shards (real engines); the second is behind on shards 0 and 1 while the first
 * moves an instrument from shard 0 to shard 1 (one restore refused: its client order id rests on the target already)
 * and then one from shard 2 to shard 1. The second gateway reads the later-numbered move's announcement first (on
 * shard 2), then, while it follows that move, the first move's restores and resume on shard 1, and the first move's
 * announcement last. It remembers the first move's refused restore although a later-numbered move was announced
 * before: it routes the refused order as the mover does (not to the target, whose restore refused it), so a cancel of
 * it by global id goes to its source.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LaggingGatewayEarlyRestoresTest
{
    @TempDir
    Path directory;

    @Test
    void shouldKeepAnEarlyRefusedRestoreOfAMoveAnnouncedAfterALaterNumberedOne()
    {
        final MoveScene scene = new MoveScene(directory, 3, 2);
        final TwoGateways venue = scene.venue();
        final int first = scene.instrumentOn(0);
        final int second = scene.instrumentOn(2);
        final int staying = scene.instrumentOn(1);
        assertThat(scene.restTwoBooksAndAClash(first, second, staying)).hasSize(6);
        final List<Long> firstBook = venue.book(0, first);
        assertThat(firstBook).hasSize(3);
        final long refused = firstBook.get(2);

        venue.lag(B, 0, true);
        venue.lag(B, 1, true);
        assertThat(scene.move(A, first, 1)).as("the client order id 21 rests on the target already")
            .startsWith("moved instrument " + first).contains("3 orders, 1 refused");
        assertThat(scene.move(A, second, 1)).startsWith("moved instrument " + second);
        assertThat(venue.client(B).movingInstrument()).as("the second move announced on shard 2, followed first")
            .isEqualTo(second);

        venue.lag(B, 1, false);
        venue.pump();
        assertThat(venue.client(B).movingInstrument()).as("the second move switched, the first not announced yet")
            .isEqualTo(-1);
        assertThat(venue.client(B).table().shardOf(second)).isEqualTo(1);
        assertThat(venue.client(B).table().shardOf(first)).isEqualTo(0);

        venue.lag(B, 0, false);
        venue.pump();

        assertThat(venue.client(B).movingInstrument()).as("nothing held").isEqualTo(-1);
        assertThat(venue.gateway(B).movesFollowed()).isEqualTo(2);
        assertThat(venue.client(B).table().version()).isEqualTo(venue.client(A).table().version()).isEqualTo(3);
        assertThat(venue.client(B).table().shardOf(first)).isEqualTo(1);
        assertThat(venue.book(1, first)).containsExactly(scene.id(11), scene.id(1));
        assertThat(scene.routes(A)).doesNotContainKey(refused);
        assertThat(scene.routes(B)).as("each moved order routed as the mover routes it, not the refused one")
            .isEqualTo(scene.routes(A));

        assertThat(scene.cancel(B, BOB, 70, refused)).isPositive();
        venue.pump();
        final List<RecordedEvent> rejected = venue.recorder(B).matching(event ->
            event.templateId() == CancelRejectedDecoder.TEMPLATE_ID && event.orderId() == refused);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).code()).isEqualTo(RejectReason.UNKNOWN_ORDER.value());
        assertThat(ShardIds.shardOf(rejected.get(0).commandSequence())).as("sent to its source").isEqualTo(0);
        assertThat(venue.total(ALICE, BASE) + venue.total(BOB, BASE)).isEqualTo(6 * DEPOSIT_BASE);
        assertThat(venue.total(ALICE, QUOTE) + venue.total(BOB, QUOTE)).isEqualTo(6 * DEPOSIT_QUOTE);
    }
}
