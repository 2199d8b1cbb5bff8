package io.disruptorx.shard.move;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.shard.support.MoveScene;
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
import static io.disruptorx.shard.support.MoveScene.SOURCE;
import static io.disruptorx.shard.support.MoveScene.TARGET;
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
    @TempDir
    Path directory;

    private MoveScene scene;
    private TwoGateways venue;
    private int moving;

    @BeforeEach
    void setUp()
    {
        scene = new MoveScene(directory, 2);
        venue = scene.venue();
        moving = scene.instrumentOn(SOURCE);
        assertThat(scene.restFourBids(moving)).hasSize(4);
    }

    @Test
    void shouldCompactEveryGatewaysJournalAfterAMoveAndRestartToTheSameRoutes() throws IOException
    {
        venue.gateway(A).compactJournalAbove(0);
        venue.gateway(B).compactJournalAbove(0);
        assertThat(scene.cancel(B, BOB, 60, scene.id(12))).isPositive();
        venue.pump();
        move(TARGET);
        assertThat(scene.routes(A)).as("the three open orders").hasSize(3).isEqualTo(scene.routes(B));
        scene.cancel(A, ALICE, 70, scene.id(1));
        venue.pump();
        assertThat(scene.routes(A)).hasSize(2).isEqualTo(scene.routes(B));

        for (final int gateway : new int[]{A, B})
        {
            final JournalCopy journal = read(gateway);
            assertThat(journal.steps).as("gateway " + gateway + ": no piece kept").doesNotContain(MoveStep.READ)
                .contains(MoveStep.PLACED);
            assertThat(journal.recovery.unfinished()).isNull();
            assertThat(journal.recovery.unreleased()).as("the lock's release recorded after the compaction").isNull();
            assertThat(journal.orders).as("the orders open at the compaction").hasSize(3);
        }
        final long lastMoveId = read(A).recovery.lastMoveId();
        assertThat(lastMoveId).isEqualTo(read(B).recovery.lastMoveId()).isPositive();

        final Map<Long, Long> open = scene.routes(A);
        venue.restart(A);
        venue.restart(B);
        assertThat(scene.routes(A)).as("restarted: the orders open at the compaction").hasSize(3);
        assertThat(scene.routes(A)).containsAllEntriesOf(open).isEqualTo(scene.routes(B));
        venue.pump();
        assertThat(scene.routes(A)).as("the route of the order that ended after the compaction dropped once the " +
            "target answered").isEqualTo(open).isEqualTo(scene.routes(B));
        scene.assertFound(B, BOB, 80, scene.id(11));
        scene.assertUnknown(A, ALICE, 81, scene.id(1));

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
        final JournalCopy before = read(A);
        assertThat(before.steps).contains(MoveStep.READ);
        assertThat(before.orders).hasSize(4);
        final Map<Long, Long> open = scene.routes(A);
        assertThat(open).hasSize(3);

        final Long2LongHashMap places = new Long2LongHashMap(-1);
        venue.client(A).forEachMovedOrder(places::put);
        final boolean compacted = venue.mover(A).journal().compact(places, stop);
        assertThat(compacted).isEqualTo(stop == MoveJournal.Stop.NOWHERE);
        final boolean renamed = stop == MoveJournal.Stop.NOWHERE || stop == MoveJournal.Stop.AFTER_RENAME;
        assertThat(Files.exists(compacting())).as("the new journal left beside the old one").isEqualTo(!renamed);

        venue.restart(A);
        assertThat(Files.exists(compacting())).as("a stray new journal deleted").isFalse();
        final JournalCopy after = read(A);
        assertThat(after.recovery.lastMoveId()).isEqualTo(before.recovery.lastMoveId());
        assertThat(after.recovery.unfinished()).isNull();
        assertThat(after.recovery.unreleased()).isNull();
        if (renamed)
        {
            assertThat(after.steps).doesNotContain(MoveStep.READ);
            assertThat(after.orders).as("the open orders").isEqualTo(open);
            assertThat(scene.routes(A)).isEqualTo(open);
        }
        else
        {
            assertThat(after.steps).as("the journal as it was").isEqualTo(before.steps);
            assertThat(after.orders).isEqualTo(before.orders);
            assertThat(scene.routes(A)).as("every moved order, the ended one too").isEqualTo(before.orders);
        }
        venue.pump();
        assertThat(scene.routes(A)).as("the ended order's route dropped once the target answered").isEqualTo(open);
        scene.assertUnknown(A, ALICE, 80, scene.id(1));
        scene.assertFound(A, BOB, 81, scene.id(11));

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

    private JournalCopy read(final int gateway) throws IOException
    {
        return JournalCopy.read(scene, gateway);
    }
}
