package io.disruptorx.shard.move;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.shard.support.MoveScene;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.TwoGateways;
import org.agrona.collections.Long2LongHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.disruptorx.shard.support.MoveScene.A;
import static io.disruptorx.shard.support.MoveScene.ALICE;
import static io.disruptorx.shard.support.MoveScene.B;
import static io.disruptorx.shard.support.MoveScene.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The move journal compacted after a move (two gateways over two real engines: the first moves, the second follows,
 * each with its own journal): rewritten to the claim not released, the highest move id and the moved orders still
 * open, it restarts the gateway to the same routes less those of ended orders, the same move numbering and a free
 * lock, and holds no book piece any more. A crash at each point of a compaction (the new journal torn, written but
 * not renamed, renamed but the directory not forced) restarts to the journal before or after it, never to anything
 * else.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MoveJournalCompactionTest
{
    private static final int SOURCE = 0;
    private static final int TARGET = 1;

    @TempDir
    Path directory;

    @TempDir
    Path copies;

    private MoveScene scene;
    private TwoGateways venue;
    private int moving;

    @BeforeEach
    void setUp()
    {
        scene = new MoveScene(directory, 2);
        venue = scene.venue();
        moving = scene.instrumentOn(SOURCE);
        scene.fundAndList(moving);
        venue.order(A, ALICE, 1, moving, Side.BUY, 990, 1);
        venue.order(A, ALICE, 2, moving, Side.BUY, 995, 2);
        venue.order(B, BOB, 11, moving, Side.BUY, 980, 1);
        venue.order(B, BOB, 12, moving, Side.BUY, 970, 1);
        venue.pump();
        assertThat(scene.keepAccepted()).hasSize(4);
    }

    @Test
    void shouldCompactEveryGatewaysJournalAfterAMoveAndRestartToTheSameRoutes() throws IOException
    {
        venue.gateway(A).compactJournalAbove(0);
        venue.gateway(B).compactJournalAbove(0);
        assertThat(scene.cancel(B, BOB, 60, scene.id(12))).isPositive();
        venue.pump();
        move(TARGET);
        assertThat(routes(A)).as("the three open orders").hasSize(3).isEqualTo(routes(B));
        scene.cancel(A, ALICE, 70, scene.id(1));
        venue.pump();
        assertThat(routes(A)).hasSize(2).isEqualTo(routes(B));

        for (final int gateway : new int[]{A, B})
        {
            final Journal journal = read(gateway);
            assertThat(journal.steps).as("gateway " + gateway + ": no piece kept").doesNotContain(MoveStep.READ)
                .contains(MoveStep.PLACED);
            assertThat(journal.recovery.unfinished()).isNull();
            assertThat(journal.recovery.unreleased()).as("the lock's release recorded after the compaction").isNull();
            assertThat(journal.orders).as("the orders open at the compaction").hasSize(3);
        }
        final long lastMoveId = read(A).recovery.lastMoveId();
        assertThat(lastMoveId).isEqualTo(read(B).recovery.lastMoveId()).isPositive();

        final Map<Long, Long> open = routes(A);
        venue.restart(A);
        venue.restart(B);
        assertThat(routes(A)).as("restarted: the orders open at the compaction").hasSize(3);
        assertThat(routes(A)).containsAllEntriesOf(open).isEqualTo(routes(B));
        venue.pump();
        assertThat(routes(A)).as("the route of the order that ended after the compaction dropped once the target " +
            "answered").isEqualTo(open).isEqualTo(routes(B));
        assertFoundOnTarget(B, BOB, 80, scene.id(11));
        assertUnknown(A, ALICE, 81, scene.id(1));

        move(SOURCE);
        assertThat(venue.client(B).table().version()).as("the next move numbered on and followed").isEqualTo(3)
            .isEqualTo(venue.client(A).table().version());
        assertThat(read(A).recovery.lastMoveId()).isGreaterThan(lastMoveId).isEqualTo(read(B).recovery.lastMoveId());
        assertThat(venue.book(SOURCE, moving)).containsExactly(scene.id(2));
    }

    @ParameterizedTest(name = "crash: {0}")
    @EnumSource(MoveJournal.Stop.class)
    void shouldRestartToTheJournalBeforeOrAfterACompactionCutAnywhere(final MoveJournal.Stop stop) throws IOException
    {
        move(TARGET);
        scene.cancel(A, ALICE, 70, scene.id(1));
        venue.pump();
        final Journal before = read(A);
        assertThat(before.steps).contains(MoveStep.READ);
        assertThat(before.orders).hasSize(4);
        final Map<Long, Long> open = routes(A);
        assertThat(open).hasSize(3);

        final Long2LongHashMap places = new Long2LongHashMap(-1);
        venue.client(A).forEachMovedOrder(places::put);
        final boolean compacted = venue.mover(A).journal().compact(places, stop);
        assertThat(compacted).isEqualTo(stop == MoveJournal.Stop.NOWHERE);
        final boolean renamed = stop == MoveJournal.Stop.NOWHERE || stop == MoveJournal.Stop.AFTER_RENAME;
        assertThat(Files.exists(compacting())).as("the new journal left beside the old one").isEqualTo(!renamed);

        venue.restart(A);
        assertThat(Files.exists(compacting())).as("a stray new journal deleted").isFalse();
        final Journal after = read(A);
        assertThat(after.recovery.lastMoveId()).isEqualTo(before.recovery.lastMoveId());
        assertThat(after.recovery.unfinished()).isNull();
        assertThat(after.recovery.unreleased()).isNull();
        if (renamed)
        {
            assertThat(after.steps).doesNotContain(MoveStep.READ);
            assertThat(after.orders).as("the open orders").isEqualTo(open);
            assertThat(routes(A)).isEqualTo(open);
        }
        else
        {
            assertThat(after.steps).as("the journal as it was").isEqualTo(before.steps);
            assertThat(after.orders).isEqualTo(before.orders);
            assertThat(routes(A)).as("every moved order, the ended one too").isEqualTo(before.orders);
        }
        venue.pump();
        assertThat(routes(A)).as("the ended order's route dropped once the target answered").isEqualTo(open);
        assertUnknown(A, ALICE, 80, scene.id(1));
        assertFoundOnTarget(A, BOB, 81, scene.id(11));

        move(SOURCE);
        assertThat(venue.client(A).table().version()).isEqualTo(3).isEqualTo(venue.client(B).table().version());
        assertThat(read(A).recovery.lastMoveId()).isGreaterThan(before.recovery.lastMoveId());
        assertThat(venue.book(SOURCE, moving)).containsExactly(scene.id(2), scene.id(12));
    }

    private void move(final int target)
    {
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, target);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(venue.client(B).table().shardOf(moving)).isEqualTo(target);
    }

    private Path compacting()
    {
        return directory.resolve("moves-" + A + ".journal.compact");
    }

    /** Reads a copy of the gateway's journal (the gateway keeps its own open). */
    private Journal read(final int gateway) throws IOException
    {
        final Path copy = copies.resolve("copy-" + System.nanoTime());
        Files.copy(directory.resolve("moves-" + gateway + ".journal"), copy);
        final Journal journal = new Journal();
        try (MoveJournal reader = new MoveJournal(copy, (step, moveId, instrumentId, from, to, payload, length) ->
        {
            journal.steps.add(step);
            journal.recovery.onRecord(step, moveId, instrumentId, from, to, payload, length);
        }))
        {
            journal.recovery.completedOrders((orderId, shard, instrument) -> journal.orders.put(orderId, (long)shard));
        }
        return journal;
    }

    private Map<Long, Long> routes(final int gateway)
    {
        final Map<Long, Long> routes = new HashMap<>();
        venue.client(gateway).forEachMovedOrder(routes::put);
        return routes;
    }

    private void assertFoundOnTarget(final int gateway, final long account, final long requestId, final long orderId)
    {
        venue.recorder(gateway).clear();
        assertThat(scene.cancel(gateway, account, requestId, orderId)).isPositive();
        venue.pump();
        assertThat(venue.recorder(gateway).matching(event -> event.templateId() == OrderCancelledDecoder.TEMPLATE_ID &&
            event.orderId() == orderId)).as("order " + orderId + " found").hasSize(1);
    }

    private void assertUnknown(final int gateway, final long account, final long requestId, final long orderId)
    {
        venue.recorder(gateway).clear();
        assertThat(scene.cancel(gateway, account, requestId, orderId)).isPositive();
        venue.pump();
        final List<RecordedEvent> rejected = venue.recorder(gateway).matching(event ->
            event.templateId() == CancelRejectedDecoder.TEMPLATE_ID && event.requestId() == requestId);
        assertThat(rejected).as("order " + orderId).hasSize(1);
        assertThat(rejected.get(0).code()).isEqualTo(RejectReason.UNKNOWN_ORDER.code());
    }

    /** What a journal file says. */
    private static final class Journal
    {
        final List<MoveStep> steps = new ArrayList<>();
        final MoveRecovery recovery = new MoveRecovery();
        final Map<Long, Long> orders = new HashMap<>();
    }
}
