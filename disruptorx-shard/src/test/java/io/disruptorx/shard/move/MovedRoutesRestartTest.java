package io.disruptorx.shard.move;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.Side;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.support.MoveScene;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.TwoGateways;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.MoveScene.A;
import static io.disruptorx.shard.support.MoveScene.ALICE;
import static io.disruptorx.shard.support.MoveScene.B;
import static io.disruptorx.shard.support.MoveScene.BOB;
import static io.disruptorx.shard.support.MoveScene.CAROL;
import static io.disruptorx.shard.support.MoveScene.SOURCE;
import static io.disruptorx.shard.support.MoveScene.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway restarted on its move journal (two gateways over two real engines: the first moves an instrument with
 * four resting bids, the second follows) routes again only the moved orders that still rest where they moved: those
 * that ended since the journal's last compaction, while it ran (cancelled, filled) or while it was down (it never saw
 * their end), are dropped once the target answered which of the instrument's orders rest there, and the journal is
 * compacted to the routes left. Until then a cancel of an ended order goes to the target and is refused
 * {@code UNKNOWN_ORDER} as the shard its id names refuses it afterwards (one sent right at the restart waits until the
 * gateway caught up with the moves it missed, then is refused alike); open orders are still found on the target.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MovedRoutesRestartTest
{
    private MoveScene scene;
    private TwoGateways venue;
    private int moving;

    @BeforeEach
    void setUp(@TempDir final Path directory)
    {
        scene = new MoveScene(directory, 2);
        venue = scene.venue();
        moving = scene.instrumentOn(SOURCE);
        assertThat(scene.restFourBids(moving, CAROL)).hasSize(4);
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, TARGET);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(scene.routes(A)).hasSize(4).isEqualTo(scene.routes(B));
    }

    @Test
    void shouldDropAfterARestartTheRoutesOfMovedOrdersThatEndedWhileItRan() throws IOException
    {
        assertThat(scene.cancel(A, ALICE, 70, scene.id(1))).isPositive();
        venue.order(B, CAROL, 21, moving, Side.SELL, 995, 2);
        venue.pump();
        assertThat(venue.book(TARGET, moving)).containsExactly(scene.id(11), scene.id(12));
        assertThat(scene.routes(A)).as("forgotten at run time").containsOnlyKeys(scene.id(11), scene.id(12));
        assertThat(read(A)).as("the journal, not compacted, still routes them").hasSize(4);

        venue.restart(A);
        assertThat(scene.routes(A)).as("the journal's routes, the ended orders' too").hasSize(4);
        final RecordedEvent early = scene.assertUnknown(A, ALICE, 80, scene.id(1));
        assertThat(venue.client(A).routesCatchUp().held()).as("sent before the restarted gateway caught up: it waited")
            .isEqualTo(1);

        venue.pump();
        assertThat(scene.routes(A)).as("the open orders only, on the target")
            .isEqualTo(Map.of(scene.id(11), (long)TARGET, scene.id(12), (long)TARGET)).isEqualTo(scene.routes(B));
        final MovedRoutesCheck check = venue.gateway(A).routesCheck();
        assertThat(check.done()).isTrue();
        assertThat(check.checked()).isEqualTo(4);
        assertThat(check.dropped()).isEqualTo(2);
        final RecordedEvent late = scene.assertUnknown(A, ALICE, 81, scene.id(1));
        assertThat(ShardIds.shardOf(late.commandSequence())).as("refused by the shard its id names").isEqualTo(SOURCE);
        assertThat(late.orderId()).isEqualTo(scene.id(1));
        assertThat(late).as("the same refusal").usingRecursiveComparison()
            .ignoringFields("commandSequence", "requestId").isEqualTo(early);
        assertThat(scene.assertUnknown(A, ALICE, 82, scene.id(2)).orderId()).isEqualTo(scene.id(2));
        assertThat(read(A)).as("compacted to the routes left").isEqualTo(scene.routes(A));

        venue.restart(A);
        venue.pump();
        assertThat(venue.gateway(A).routesCheck().checked()).as("asked about the open orders only").isEqualTo(2);
        assertThat(venue.gateway(A).routesCheck().dropped()).isZero();
        assertFoundOnTarget(A, BOB, 83, scene.id(11));
        assertFoundOnTarget(B, BOB, 84, scene.id(12));
        assertThat(scene.routes(A)).isEmpty();
        assertThat(scene.routes(B)).isEmpty();
    }

    @Test
    void shouldDropAfterARestartTheRoutesOfMovedOrdersThatEndedWhileItWasDown() throws IOException
    {
        venue.gateway(A).compactJournalAbove(0);
        final CompletableFuture<String> back = venue.gateway(A).move(moving, SOURCE);
        venue.pump();
        assertThat(back.join()).startsWith("moved instrument " + moving);
        final CompletableFuture<String> again = venue.gateway(A).move(moving, TARGET);
        venue.pump();
        assertThat(again.join()).startsWith("moved instrument " + moving);
        assertThat(read(A)).as("compacted after the last move").hasSize(4).isEqualTo(scene.routes(A));

        venue.stop(A);
        assertThat(scene.cancel(B, BOB, 70, scene.id(12))).isPositive();
        venue.order(B, CAROL, 21, moving, Side.SELL, 995, 1);
        venue.pump();
        assertThat(venue.book(TARGET, moving)).as("one bid filled in part")
            .containsExactly(scene.id(2), scene.id(1), scene.id(11));
        venue.order(B, CAROL, 22, moving, Side.SELL, 990, 2);
        venue.pump();
        assertThat(venue.book(TARGET, moving)).containsExactly(scene.id(11));
        assertThat(scene.routes(B)).containsOnlyKeys(scene.id(11));

        venue.startLate(A);
        assertThat(scene.routes(A)).as("it saw none of the ends").hasSize(4);
        venue.pump();
        assertThat(scene.routes(A)).isEqualTo(Map.of(scene.id(11), (long)TARGET)).isEqualTo(scene.routes(B));
        assertThat(venue.gateway(A).routesCheck().dropped()).isEqualTo(3);
        assertThat(read(A)).isEqualTo(scene.routes(A));
        scene.assertUnknown(A, BOB, 80, scene.id(12));
        scene.assertUnknown(A, ALICE, 81, scene.id(2));
        assertFoundOnTarget(A, BOB, 82, scene.id(11));
    }

    @Test
    void shouldKeepTheRoutesOfAJournalThatDoesNotNameTheirInstrument() throws IOException
    {
        venue.stop(A);
        assertThat(scene.cancel(B, ALICE, 70, scene.id(1))).isPositive();
        venue.pump();
        final Path journal = scene.journal(A);
        Files.delete(journal);
        final UnsafeBuffer ids = new UnsafeBuffer(new byte[2 * Long.BYTES]);
        ids.putLong(0, scene.id(1), ByteOrder.LITTLE_ENDIAN);
        ids.putLong(Long.BYTES, scene.id(11), ByteOrder.LITTLE_ENDIAN);
        try (MoveJournal written = new MoveJournal(journal, (step, moveId, instrumentId, from, to, payload, length) ->
        {
        }))
        {
            written.append(MoveStep.PLACED, 0, 0, -1, TARGET, ids, ids.capacity());
        }

        venue.startLate(A);
        venue.pump();
        assertThat(venue.gateway(A).routesCheck().unnamed()).isEqualTo(2);
        assertThat(venue.gateway(A).routesCheck().checked()).isZero();
        assertThat(scene.routes(A)).as("kept unasked").hasSize(2);
        assertThat(venue.mover(A).journal().compactRoutes()).isTrue();
        assertThat(read(A, 0)).as("compacted as they were").isEqualTo(scene.routes(A));
        assertThat(scene.assertUnknown(A, ALICE, 80, scene.id(1)).orderId()).isEqualTo(scene.id(1));
        assertFoundOnTarget(A, BOB, 81, scene.id(11));
    }

    /** The routes a copy of the gateway's journal gives (the gateway keeps its own open), naming the instrument. */
    private Map<Long, Long> read(final int gateway) throws IOException
    {
        return read(gateway, moving);
    }

    /** The routes a copy of the gateway's journal gives, each naming the instrument. */
    private Map<Long, Long> read(final int gateway, final int instrumentNamed) throws IOException
    {
        final JournalCopy journal = JournalCopy.read(scene, gateway);
        assertThat(journal.instruments.values()).as("the instrument named")
            .allSatisfy(instrument -> assertThat(instrument).isEqualTo(instrumentNamed));
        return journal.orders;
    }

    private void assertFoundOnTarget(final int gateway, final long account, final long requestId, final long orderId)
    {
        final RecordedEvent cancelled = scene.assertFound(gateway, account, requestId, orderId);
        assertThat(ShardIds.shardOf(cancelled.commandSequence())).isEqualTo(TARGET);
    }
}
