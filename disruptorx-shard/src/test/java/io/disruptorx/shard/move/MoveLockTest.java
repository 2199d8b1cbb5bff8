package io.disruptorx.shard.move;

import io.disruptorx.engine.ShardMoveLock;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.ReadBookDecoder;
import io.disruptorx.protocol.sbe.event.BookReadEncoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The move lock's rule on its own: two gateways' views fed the lock shard's answers (BookRead with -1 orders, as an
 * engine answers a ReadBook of an instrument it does not have) in the same order decide every claim alike, whatever
 * each gateway sent; move ids of different gateways never collide.
 */
class MoveLockTest
{
    private final MoveCommands commands = new MoveCommands(() -> 7);
    private final UnsafeBuffer event = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderDecoder commandHeader = new MessageHeaderDecoder();
    private final ReadBookDecoder readBook = new ReadBookDecoder();

    @Test
    void shouldGiveDifferentGatewaysDifferentIdsAboveEveryIdSeen()
    {
        final MoveLock first = new MoveLock(1);
        final MoveLock second = new MoveLock(2);
        final long a = first.nextMoveId(5_000, 0);
        final long b = second.nextMoveId(5_000, 1);
        assertThat(a).isNotEqualTo(b).isGreaterThan(5_000);
        assertThat(b).isGreaterThan(5_000);
        assertThat(a % MoveLock.GATEWAYS).isZero();
        assertThat(b % MoveLock.GATEWAYS).isEqualTo(1);
        assertThat(first.nextMoveId(0, 0)).as("above its own last").isGreaterThan(a);
    }

    @Test
    void shouldGrantTheFirstClaimInTheLogAndRefuseTheOtherOnEveryGateway()
    {
        final MoveLock a = new MoveLock(1);
        final MoveLock b = new MoveLock(2);
        a.gatewayId(0);
        b.gatewayId(1);
        final long idA = a.nextMoveId(0, 0);
        final long idB = b.nextMoveId(0, 1);
        final long claimB = answer(b.claim(commands, idB, 9));
        final long claimA = answer(a.claim(commands, idA, 5));
        assertThat(a.busy()).isNull();
        assertThat(b.busy()).isNull();

        for (final MoveLock view : new MoveLock[]{a, b})
        {
            assertThat(view.onEvent(MoveLock.SHARD, event, 0, bookRead(claimB, -9))).isTrue();
            assertThat(view.onEvent(MoveLock.SHARD, event, 0, bookRead(claimA, -5))).isTrue();
        }
        assertThat(b.answer()).isEqualTo(MoveLock.GRANTED);
        assertThat(a.answer()).isEqualTo(MoveLock.REFUSED);
        assertThat(a.refusal()).isEqualTo("another move is in progress: instrument 9 by gateway 1");
        assertThat(a.busy()).isEqualTo("another move is in progress: instrument 9 by gateway 1");
        assertThat(b.busy()).as("its own claim").isNull();
        assertThat(a.otherGateway()).as("what a single gateway's mover takes for another gateway")
            .isEqualTo("gateway 1's move " + idB + " in the move lock");
        assertThat(b.otherGateway()).isEqualTo("gateway 0's move " + idA + " in the move lock");

        final long stray = answer(a.release(commands, idA, 5, -1));
        final long release = answer(b.release(commands, idB, 9, -1));
        a.onEvent(MoveLock.SHARD, event, 0, bookRead(stray, -5));
        assertThat(a.busy()).as("a release by a move that does not hold the lock changes nothing").isNotNull();
        a.onEvent(MoveLock.SHARD, event, 0, bookRead(release, -9));
        assertThat(a.busy()).isNull();
        assertThat(a.stale(event, 0, bookRead(idB, 9))).as("the rolled back move's late announcement").isTrue();
        assertThat(a.stale(event, 0, bookRead(idA, 5))).isFalse();
        assertThat(a.onEvent(1, event, 0, bookRead(claimA, -5))).as("only the lock shard's log counts").isFalse();
        assertThat(a.onEvent(MoveLock.SHARD, event, 0, bookRead(idA, 5))).as("a move's own announcement").isFalse();
    }

    @Test
    void shouldGrantOnlyTheFirstOfTwoClaimsWithTheSameIdAndThenRefuseEveryMoveOfGatewaysSharingAnId()
    {
        final MoveLock a = new MoveLock(11);
        final MoveLock b = new MoveLock(12);
        a.gatewayId(3);
        b.gatewayId(3);
        final long id = a.nextMoveId(0, 3);
        assertThat(b.nextMoveId(0, 3)).as("the same id: the gateways share theirs").isEqualTo(id);
        final long claimA = answer(a.claim(commands, id, 5));
        final long claimB = answer(b.claim(commands, id, 5));
        assertThat(claimA).isNotEqualTo(claimB);

        for (final MoveLock view : new MoveLock[]{a, b})
        {
            assertThat(view.onEvent(MoveLock.SHARD, event, 0, bookRead(claimA, -5))).isTrue();
            assertThat(view.onEvent(MoveLock.SHARD, event, 0, bookRead(claimB, -5))).isTrue();
        }
        assertThat(a.answer()).isEqualTo(MoveLock.GRANTED);
        assertThat(b.answer()).as("the second claim with the same move id").isEqualTo(MoveLock.REFUSED);
        for (final MoveLock view : new MoveLock[]{a, b})
        {
            assertThat(view.busy()).as("every later move refused").isEqualTo("gateway id 3 is also another " +
                "gateway's: give each gateway in front of these shards its own --gateway-id and restart them; this " +
                "gateway moves nothing until then");
        }
        assertThat(a.otherGateway()).isEqualTo("another gateway's claim of the move lock with this gateway's id");
    }

    @Test
    void shouldTakeAClaimOfItsOwnIdFromBeforeARestartForItsOwn()
    {
        final MoveLock before = new MoveLock(21);
        before.gatewayId(3);
        final long id = before.nextMoveId(0, 3);
        final long claim = answer(before.claim(commands, id, 5));
        final MoveLock restarted = new MoveLock(22);
        restarted.gatewayId(3);
        restarted.journalled(id);

        assertThat(restarted.onEvent(MoveLock.SHARD, event, 0, bookRead(claim, -5))).isTrue();
        assertThat(restarted.busy()).as("its own claim, journalled before the restart, holds the lock until its " +
            "release; not another gateway's with the same id").isEqualTo("another move is in progress: instrument 5 " +
            "by gateway 3");
        assertThat(restarted.nextMoveId(id, 3)).isGreaterThan(id);
        assertThat(restarted.otherGateway()).as("its own claim from before the restart: no other gateway").isNull();
    }

    @Test
    void shouldTakeAnotherProcesssLockQueryForAnotherGatewayButNotItsOwn()
    {
        final MoveLock view = new MoveLock(31);
        view.gatewayId(2);
        final long own = answer(view.query(commands));
        final long other = answer(new MoveLock(32).query(commands));

        assertThat(view.onEvent(MoveLock.SHARD, event, 0, bookRead(own, -1))).isTrue();
        assertThat(view.otherGateway()).as("its own query").isNull();
        assertThat(view.onEvent(MoveLock.SHARD, event, 0, bookRead(other, -1))).isTrue();
        assertThat(view.otherGateway()).isEqualTo("another gateway's query of the move lock (a gateway started)");
    }

    @Test
    void shouldTakeAnotherProcesssForcedReleaseOfASwitchedMoveForAnotherGatewayButNotItsOwn()
    {
        final MoveLock view = new MoveLock(31);
        view.gatewayId(2);
        final long own = answer(view.force(commands, 1024, 1));
        assertThat(own & MoveLock.KIND).as("it carries the shard switched to, not the nonce")
            .isEqualTo(MoveLock.FORCE_SWITCHED);
        final long other = answer(new MoveLock(32).force(commands, 3072, 1));

        assertThat(view.onEvent(MoveLock.SHARD, event, 0, bookRead(own, -1))).isTrue();
        assertThat(view.otherGateway()).as("its own forced release").isNull();
        assertThat(view.onEvent(MoveLock.SHARD, event, 0, bookRead(other, -1))).isTrue();
        assertThat(view.otherGateway()).isEqualTo("another gateway's forced release of the move lock");
    }

    @Test
    void shouldWriteTheRequestsTheLockShardsEngineDecides()
    {
        assertThat(MoveLock.CLAIM).isEqualTo(ShardMoveLock.CLAIM);
        assertThat(MoveLock.ROLLED_BACK).isEqualTo(ShardMoveLock.ROLLED_BACK);
        assertThat(MoveLock.SWITCHED).isEqualTo(ShardMoveLock.SWITCHED);
        assertThat(MoveLock.QUERY).isEqualTo(ShardMoveLock.QUERY);
        assertThat(MoveLock.FORCE).isEqualTo(ShardMoveLock.FORCE);
        assertThat(MoveLock.KIND).isEqualTo(ShardMoveLock.KIND);
        assertThat(MoveLock.MOVE_ID).isEqualTo(ShardMoveLock.MOVE_ID);
        assertThat(MoveLock.TO_SHIFT).isEqualTo(ShardMoveLock.TO_SHIFT);
        assertThat(MoveLock.STATE_MARK).isEqualTo(ShardMoveLock.STATE_MARK);
    }

    @Test
    void shouldTakeTheLockAsTheLockShardStatesItInAViewThatSawNoEarlierClaimAndFreeItByForce()
    {
        final MoveLock late = new MoveLock(31);
        final MoveLock operator = new MoveLock(32);
        late.gatewayId(1);
        operator.gatewayId(2);
        assertThat(late.known()).isFalse();
        final long holder = ShardMoveLock.CLAIM | 5L << ShardMoveLock.TO_SHIFT | 1024;
        final long query = answer(late.query(commands));
        assertThat(late.onEvent(MoveLock.SHARD, event, 0, stated(query, -1, 9, holder, 1024, false))).isTrue();
        assertThat(late.known()).isTrue();
        assertThat(late.busy()).as("the holder it never saw claim").isEqualTo("another move is in progress: " +
            "instrument 9 by gateway 0");
        assertThat(late.holderMoveId()).isEqualTo(1024);
        assertThat(late.nextMoveId(0, 1)).as("above the highest move id the shard states").isEqualTo(2049);

        operator.onEvent(MoveLock.SHARD, event, 0, stated(holder, -9, 9, holder, 1024, true));
        final long force = answer(operator.force(commands, operator.holderMoveId(), -1));
        assertThat(force & ShardMoveLock.KIND).isEqualTo(ShardMoveLock.FORCE);
        for (final MoveLock view : new MoveLock[]{late, operator})
        {
            view.onEvent(MoveLock.SHARD, event, 0, stated(force, -9, 0, 0, 1024, true));
            assertThat(view.busy()).as("freed by force on every view").isNull();
        }
        assertThat(operator.forceAnswer()).isEqualTo(MoveLock.RELEASED);
        assertThat(late.forceAnswer()).as("not its release").isEqualTo(MoveLock.PENDING);
    }

    /**
     * @return the length of a BookRead stating the lock as the lock shard's engine answers a lock request.
     */
    private int stated(
        final long requestId, final int instrumentId, final int holderInstrument, final long holderClaim,
        final long highest, final boolean changed)
    {
        final BookReadEncoder encoder = new BookReadEncoder().wrapAndApplyHeader(event, 0, new MessageHeaderEncoder())
            .timestamp(7).requestId(requestId).instrumentId(instrumentId).orderCount(-1)
            .baseAssetId(holderInstrument).tickSize(holderClaim).lotSize(highest)
            .priceScale(ShardMoveLock.STATE_MARK).quantityScale(changed ? 1 : 0);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /**
     * @return the request id of the ReadBook just written by the commands.
     */
    private long answer(final int length)
    {
        assertThat(length).isPositive();
        commandHeader.wrap(commands.buffer(), 0);
        readBook.wrap(commands.buffer(), MessageHeaderDecoder.ENCODED_LENGTH, commandHeader.blockLength(),
            commandHeader.version());
        return readBook.requestId();
    }

    /**
     * @return the length of the BookRead written into the event buffer (-1 orders for a negative instrument).
     */
    private int bookRead(final long requestId, final int instrumentId)
    {
        final BookReadEncoder encoder = new BookReadEncoder().wrapAndApplyHeader(event, 0, new MessageHeaderEncoder())
            .timestamp(7).requestId(requestId).instrumentId(instrumentId).orderCount(instrumentId < 0 ? -1 : 2);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
