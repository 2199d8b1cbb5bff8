package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesEncoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.support.EventRecorder;
import io.disruptorx.shard.support.MoveScene;
import io.disruptorx.shard.support.TwoGateways;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.MoveScene.A;
import static io.disruptorx.shard.support.MoveScene.ALICE;
import static io.disruptorx.shard.support.MoveScene.B;
import static io.disruptorx.shard.support.MoveScene.BOB;
import static io.disruptorx.shard.support.MoveScene.DEPOSIT_QUOTE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Balance queries and cancels by client order id while an instrument moves between two real engines, through four
 * gateways (docs/scaling.md, "Balances as a client sees them"): gateway A moves the instrument, B, C and D follow it.
 * Only ALICE has orders on the moving book. BOB's queries and his cancel by client order id are not held, before and
 * after MoveOut, and are answered during the move; ALICE's are held from the moment the move may touch her funds, and
 * each of her answers shows her moving holds locked exactly once. Each shard's cut is forced by pushing a gateway's
 * commands to the target back, so that a query of ALICE let through would be applied at the source before MoveOut and
 * at the target after the restores (B's: her holds locked twice, in transfer by minus them) or at the source after
 * MoveOut and at the target before the restores (A's and D's: not locked, in transfer); each such answer still sums
 * to her whole holding. C's cancel of one of her moving orders by client order id waits and finds it on the target
 * after the move; BOB's, of an order on the source, is applied at once and the move goes on. A query of BOB does not
 * wait behind ALICE's held query or cancel either (neither can change his funds), but does behind her held new order.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MoveBalanceQueryTest
{
    private static final int C = 2;
    private static final int D = 3;
    private static final int NOT_LISTED = 63;
    private static final int SOURCE = 0;
    private static final int TARGET = 1;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @TempDir
    Path directory;

    private TwoGateways venue;

    @Test
    void shouldAnswerOtherAccountsAtOnceAndTheMovingAccountsOnceWithTheirHoldsLockedOnce()
    {
        final MoveScene scene = new MoveScene(directory, 4);
        venue = scene.venue();
        final RoutingTable table = venue.client(A).table();
        final int moving = scene.instrumentOn(SOURCE);
        final int otherOnSource = instrumentOn(table, SOURCE, moving);
        final int onTarget = scene.instrumentOn(TARGET);
        scene.fundAndList(moving, otherOnSource, onTarget);
        venue.order(A, ALICE, 1, moving, Side.BUY, 990, 2);
        venue.order(A, ALICE, 5, moving, Side.BUY, 985, 1);
        venue.order(A, BOB, 2, otherOnSource, Side.BUY, 980, 1);
        venue.order(A, BOB, 3, onTarget, Side.BUY, 970, 3);
        venue.pump();
        scene.keepAccepted();
        final long aliceLocked = 2 * 990 + 985;
        final long bobLocked = 980 + 3 * 970;
        assertThat(held(ALICE)).as("the engines hold ALICE's orders").isEqualTo(aliceLocked);
        assertThat(held(BOB)).isEqualTo(bobLocked);

        // 1. the source halted and read the book; gateway A has not seen the halt's answer, so it sent no MoveOut
        venue.lagBefore(A, SOURCE, (event, length) -> isHaltAnswer(event, moving));
        final CompletableFuture<String> moved = venue.gateway(A).move(moving, TARGET);
        venue.pump();
        assertThat(venue.client(A).movingInstrument()).isEqualTo(moving);
        assertThat(venue.client(B).movingInstrument()).as("B follows the announced move").isEqualTo(moving);
        assertThat(venue.client(C).movingInstrument()).as("C too").isEqualTo(moving);
        assertThat(venue.client(D).movingInstrument()).as("D too").isEqualTo(moving);
        assertThat(venue.orderCount(SOURCE, moving)).as("no MoveOut yet").isEqualTo(2);
        final long heldA = venue.client(A).commandsHeld();
        final long heldB = venue.client(B).commandsHeld();
        final long heldC = venue.client(C).commandsHeld();
        query(A, ALICE, 1);
        query(A, BOB, 2);
        assertThat(venue.client(A).commandsHeld()).as("A's own move has touched no funds yet: nothing held")
            .isEqualTo(heldA);
        query(B, BOB, 3);
        venue.pump();
        assertThat(answer(B, 3)).as("answered during the move").isNotNull();
        venue.pushBack(B, TARGET, true);
        query(B, ALICE, 4);
        assertThat(venue.client(B).commandsHeld() - heldB).as("ALICE's query only").isEqualTo(1);
        assertThat(scene.cancel(C, BOB, 70, 0, 2)).isPositive();
        assertThat(venue.book(SOURCE, otherOnSource)).as("BOB's cancel by client order id applied at once").isEmpty();
        assertThat(scene.cancel(C, ALICE, 71, 0, 5)).isPositive();
        assertThat(venue.client(C).commandsHeld() - heldC).as("ALICE's cancel only").isEqualTo(1);

        // 2. MoveOut applied at the source; the restores wait (the target pushes A's commands back)
        venue.pushBack(A, TARGET, true);
        venue.lag(A, SOURCE, false);
        venue.pump();
        assertThat(venue.orderCount(SOURCE, moving)).as("moved out").isZero();
        assertThat(venue.orderCount(TARGET, moving)).as("nothing restored").isEqualTo(-1);
        assertThat(answer(A, 1)).as("answered before the move ended").isNotNull();
        assertThat(answer(A, 2)).isNotNull();
        assertThat(venue.client(A).movingInstrument()).isEqualTo(moving);
        query(A, ALICE, 6);
        assertThat(venue.client(A).commandsHeld() - heldA).as("ALICE's query").isEqualTo(1);
        final long heldD = venue.client(D).commandsHeld();
        query(D, BOB, 5);
        venue.pump();
        assertThat(venue.client(D).commandsHeld()).isEqualTo(heldD);
        assertThat(answer(D, 5)).as("answered after MoveOut, before the restores").isNotNull();
        query(D, ALICE, 8);
        assertThat(venue.client(D).commandsHeld() - heldD).as("ALICE's query").isEqualTo(1);
        query(B, BOB, 7);
        assertThat(venue.client(B).commandsHeld() - heldB).as("not behind ALICE's query").isEqualTo(1);
        query(C, BOB, 11);
        assertThat(venue.client(C).commandsHeld() - heldC).as("not behind ALICE's cancel").isEqualTo(1);
        venue.order(D, ALICE, 20, NOT_LISTED, Side.BUY, 900, 1);
        query(D, BOB, 12);
        assertThat(venue.client(D).commandsHeld() - heldD)
            .as("ALICE's order (refused later: not listed) waits behind her query, and BOB's query behind a new order")
            .isEqualTo(3);
        venue.pump();
        assertThat(answer(C, 11)).as("answered during the move").isNotNull();
        assertThat(venue.client(A).movingInstrument()).isEqualTo(moving);

        // 3. the restores, the settles and the switch at A (C reads no target event yet), then at B and C
        venue.lag(C, TARGET, true);
        venue.pushBack(A, TARGET, false);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        venue.pushBack(B, TARGET, false);
        venue.lag(C, TARGET, false);
        venue.pump();
        query(A, ALICE, 9);
        query(A, BOB, 10);
        venue.pump();

        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);
        assertThat(venue.client(C).movingInstrument()).isEqualTo(-1);
        assertThat(venue.client(D).movingInstrument()).isEqualTo(-1);
        assertAnswer(answer(A, 1), aliceLocked);
        assertAnswer(answer(B, 4), aliceLocked);
        assertAnswer(answer(A, 6), aliceLocked);
        assertAnswer(answer(D, 8), aliceLocked);
        assertAnswer(answer(A, 9), aliceLocked - 985);
        assertAnswer(answer(A, 2), bobLocked);
        assertAnswer(answer(B, 3), bobLocked);
        assertAnswer(answer(D, 5), bobLocked - 980);
        assertAnswer(answer(A, 10), bobLocked - 980);
        assertAnswer(answer(B, 7), bobLocked - 980);
        assertAnswer(answer(C, 11), bobLocked - 980);
        assertAnswer(answer(D, 12), bobLocked - 980);
        assertThat(scene.cancelled(C, scene.id(2))).hasSize(1);
        assertThat(scene.cancelled(C, scene.id(5))).as("found on the target after the move").hasSize(1);
        assertThat(venue.book(TARGET, moving)).containsExactly(scene.id(1));
        assertThat(held(ALICE)).isEqualTo(aliceLocked - 985);
        assertThat(venue.recorder(D).matching(event -> event.templateId() == OrderRejectedDecoder.TEMPLATE_ID &&
            event.requestId() == 20)).as("the held order, refused after the move").hasSize(1);
        scene.assertConserved();
    }

    private void query(final int gateway, final long account, final long requestId)
    {
        final QueryBalancesEncoder query = new QueryBalancesEncoder();
        query.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).timestamp(0).accountId(account)
            .requestId(requestId).userId(0);
        assertThat(venue.gateway(gateway).offer(buffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + query.encodedLength())).isPositive();
    }

    /**
     * @return the QUOTE line of the gateway's answer to the query, or {@code null} when not answered yet; asserts
     * that it answered once.
     */
    private EventRecorder.Balance answer(final int gateway, final long requestId)
    {
        final List<EventRecorder.Balance> lines = venue.recorder(gateway).balances().stream()
            .filter(line -> line.requestId() == requestId).toList();
        if (lines.isEmpty())
        {
            return null;
        }
        assertThat(lines).as("one answer, BASE and QUOTE").hasSize(2);
        assertThat(lines.get(1).assetId()).isEqualTo(QUOTE);
        return lines.get(1);
    }

    /**
     * Asserts that the answer shows the account's QUOTE (deposited on both shards) with the holds locked once and
     * nothing in transfer.
     */
    private static void assertAnswer(final EventRecorder.Balance quote, final long locked)
    {
        assertThat(quote).as("answered").isNotNull();
        assertThat(quote.locked()).as("locked, request " + quote.requestId()).isEqualTo(locked);
        assertThat(quote.inTransfer()).as("in transfer, request " + quote.requestId()).isZero();
        assertThat(quote.free()).as("free, request " + quote.requestId()).isEqualTo(2 * DEPOSIT_QUOTE - locked);
    }

    private long held(final long account)
    {
        return venue.engine(SOURCE).held(account, QUOTE) + venue.engine(TARGET).held(account, QUOTE);
    }

    private static int instrumentOn(final RoutingTable table, final int shard, final int except)
    {
        for (int id = 1; id < 64; id++)
        {
            if (id != except && table.shardOf(id) == shard)
            {
                return id;
            }
        }
        throw new AssertionError("no instrument on shard " + shard);
    }

    private static boolean isHaltAnswer(final DirectBuffer event, final int instrument)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(event, 0);
        if (header.schemaId() != AdminResultDecoder.SCHEMA_ID || header.templateId() != AdminResultDecoder.TEMPLATE_ID)
        {
            return false;
        }
        final AdminResultDecoder result = new AdminResultDecoder().wrap(event, MessageHeaderDecoder.ENCODED_LENGTH,
            header.blockLength(), header.version());
        return result.adminType() == AdminType.HALT_INSTRUMENT && result.subjectId() == instrument;
    }
}
