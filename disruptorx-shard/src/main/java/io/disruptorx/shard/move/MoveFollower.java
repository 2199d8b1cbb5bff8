package io.disruptorx.shard.move;

import java.nio.ByteOrder;
import java.util.BitSet;

import io.disruptorx.protocol.sbe.command.RestoreOrderDecoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.BookReadDecoder;
import io.disruptorx.protocol.sbe.event.BookReadOrderDecoder;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Follows, from the shards' own events, a move that another gateway's {@link ShardMover} carries out, so that this
 * gateway routes as that one does. Every gateway receives every event of every shard; a move's steps are commands in
 * the shards' logs, so their answers say what the mover did:
 *
 * <ol>
 *     <li>the mover sends ReadBook right behind the halt: the source's BookRead (the move's id as its request id, the
 *     instrument, the order count) and one BookReadOrder per resting order, in priority order, announce the move and
 *     name the orders it carries. From the BookRead on, this gateway holds the instrument as the mover's does
 *     ({@link ShardedVenueClient#beginMove}: its new orders are refused {@code INSTRUMENT_HALTED}, cancels, replaces,
 *     mass cancels and queries wait; once the announcement named every order, balance queries and cancels by client
 *     order id only of their accounts, {@link ShardedVenueClient#movingAccounts});</li>
 *     <li>the target's answers to the RestoreOrders (transfer id {@code MOVE_TRANSFER | moveId * MAX_ORDERS + place})
 *     say which orders the target refused;</li>
 *     <li>a ResumeInstrument answered by a shard other than the source, after its AddInstrument (the piece's first
 *     command; other AddInstrument answers read between the two are kept apart, {@link AddedInstruments}), is the
 *     switch: the mover sends it only once the orders are out of the source and restored. The resume names only the
 *     instrument, so it may be a later move's of the same instrument when this one is refused; the switch therefore
 *     also waits for the source's answer that it applied MoveOut of this move (the announcement's id), whichever of
 *     the two this gateway reads first. This
 *     gateway learns where each moved order rests, follows the next table version (the instrument overridden to the
 *     target: the same version the mover's gateway follows, both starting from the same one), stores it, records the
 *     move in its own journal (as READ, RESTORED and DONE, so a restart routes the moved orders again and a later move
 *     of its own numbers on from it) and releases what it held;</li>
 *     <li>a ResumeInstrument answered by the source is a rollback: what was held goes to the source; a target's
 *     resume the move had taken is kept for the instrument's next announcement (it is a later move's).</li>
 * </ol>
 *
 * <p>A gateway sees each shard's events in that shard's order, but the shards' streams interleave as it polls them:
 * a target's restores and resume may arrive before the source's BookRead, for several moves and while another is
 * followed. They are remembered ({@link EarlyMoves}) per move (restores refused, for any move not begun here yet,
 * whatever its id) and per instrument (the shard that resumed it) until that move's BookRead arrives (the
 * announcement's move takes that resume, and gives it back if its source resumes it: rolled back); another move's
 * announcement forgets none.
 *
 * <p>Commands this gateway sent before it saw the announcement are not held, and those that reach the source after
 * MoveOut miss the moved orders. A shard's events come in its log order, so the source's answers after its MoveOut
 * answer are those; the follower tells its client when the source applied MoveOut and which orders left (account
 * and client order id, {@link ShardedVenueClient#movedOut}), and the client takes it from there
 * ({@code LateReplies}): a mass cancel covering the instrument is sent again to the target once the route switched,
 * its one answer after the target's (the hold lasts until the source answered every such mass cancel, so nothing
 * the client sent later overtakes it); a cancel or replace by client order id of a moved order that no shard had
 * is answered {@code INSTRUMENT_HALTED}. A cancel or replace by global id answered {@code UNKNOWN_ORDER} by the
 * source is turned into {@code INSTRUMENT_HALTED} here ({@link #retryable}). A client retries either, and the retry
 * finds the order on the target. Once the shards' events end a moved order (cancelled, expired, filled:
 * {@link ShardedVenueClient#onMovedOrderEnded}), it is forgotten here too: an {@code UNKNOWN_ORDER} naming it is true
 * and passed on as it is. Runs in the client's thread; a move path, it allocates.
 */
final class MoveFollower
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final long NONE = -1;
    private static final int REASON_AT = HEADER + CancelRejectedDecoder.reasonEncodingOffset();
    private static final int ORDER_AT = HEADER + CancelRejectedDecoder.orderIdEncodingOffset();

    private final ShardedVenueClient client;
    private final RoutingTableStore store;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookReadDecoder bookRead = new BookReadDecoder();
    private final AdminResultDecoder adminResult = new AdminResultDecoder();
    private final EngineBookRead read = new EngineBookRead();
    private final MovePiece piece = new MovePiece();
    private final UnsafeBuffer empty = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer rewritten = new UnsafeBuffer(new byte[256]);
    private final Long2LongHashMap movedAway = new Long2LongHashMap(NONE);
    private final PendingMoveOuts pendingMoveOuts = new PendingMoveOuts();
    private final MoveJournal journal;
    private long moveId = NONE;
    private int instrumentId;
    private int from;
    private int to = -1;
    private boolean pieceReady;
    private boolean movedOut;
    private BitSet refused = new BitSet();
    private final EarlyMoves early = new EarlyMoves();
    private final AddedInstruments added = new AddedInstruments();
    private long lastMoveId;
    private long switchedMoveId = NONE;
    private int switchedTarget = -1;
    private long followed;
    private long rolledBack;

    /**
     * @param journal where followed moves are recorded, the mover's own.
     */
    MoveFollower(final ShardedVenueClient client, final RoutingTableStore store, final MoveJournal journal)
    {
        this.client = client;
        this.store = store;
        this.journal = journal;
        client.onMovedOrderEnded(this::ended);
    }

    /**
     * A moved order ended on the shard it rests on: a source's {@code UNKNOWN_ORDER} naming it is true from now on.
     */
    private void ended(final long globalOrderId)
    {
        if (!movedAway.isEmpty())
        {
            movedAway.remove(globalOrderId);
        }
    }

    /** @return moves of another gateway followed to their switch. */
    long followed()
    {
        return followed;
    }

    /** @return moves of another gateway followed until the source resumed (rolled back). */
    long rolledBack()
    {
        return rolledBack;
    }

    /** @return the routing table store, or {@code null} when tables are kept in memory only. */
    RoutingTableStore store()
    {
        return store;
    }

    /**
     * @param moveId a move of another gateway.
     * @return the shard it switched to when this gateway followed it to its switch (the last one followed), else -1.
     */
    int switchedTo(final long moveId)
    {
        return moveId == switchedMoveId ? switchedTarget : -1;
    }

    /** @return the highest move id seen announced. */
    long lastMoveId()
    {
        return lastMoveId;
    }

    /** @return whether a move of another gateway is being followed now. */
    boolean isFollowing()
    {
        return moveId != NONE;
    }

    /** @return the instrument of the move followed now (while {@link #isFollowing}). */
    int followedInstrument()
    {
        return instrumentId;
    }

    /** @return index of the source shard of the move followed now (while {@link #isFollowing}). */
    int followedFrom()
    {
        return from;
    }

    /**
     * @return index of the target shard of the move followed now, or -1 until its target said so (its first restore
     * or its resume; while {@link #isFollowing}).
     */
    int followedTo()
    {
        return to;
    }

    /** Forgets the orders of the moves followed: a move of this gateway's own begins. */
    void forget()
    {
        movedAway.clear();
        pendingMoveOuts.clear();
    }

    /**
     * @return {@code null}, or, for a CancelRejected {@code UNKNOWN_ORDER} from the source of a move followed naming
     * one of the orders it moved away from there, a copy of it with the reason {@code INSTRUMENT_HALTED} (from
     * offset 0).
     */
    DirectBuffer retryable(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        if (movedAway.isEmpty() || length < ORDER_AT + Long.BYTES || length > rewritten.capacity() ||
            (buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) &
            0xFFFF) != CancelRejectedDecoder.TEMPLATE_ID ||
            (buffer.getByte(offset + REASON_AT) & 0xFF) != RejectReason.UNKNOWN_ORDER.value() ||
            movedAway.get(buffer.getLong(offset + ORDER_AT, ByteOrder.LITTLE_ENDIAN)) != shard)
        {
            return null;
        }
        rewritten.putBytes(0, buffer, offset, length);
        rewritten.putByte(REASON_AT, (byte)RejectReason.INSTRUMENT_HALTED.value());
        return rewritten;
    }

    /**
     * @param shard  the shard that emitted the event.
     * @param buffer holding it.
     * @param offset of its header.
     * @param length of header and body.
     */
    void onEvent(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != BookReadDecoder.SCHEMA_ID)
        {
            return;
        }
        final int templateId = header.templateId();
        if (templateId == BookReadDecoder.TEMPLATE_ID)
        {
            bookRead.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
            if (moveId == NONE && bookRead.orderCount() >= 0 &&
                client.table().shardOf(bookRead.instrumentId()) == shard &&
                (client.movingInstrument() < 0 || client.holdsAfterSwitch()))
            {
                begin(shard, bookRead.requestId(), bookRead.instrumentId());
            }
            takeRead(shard, buffer, offset, length);
        }
        else if (templateId == BookReadOrderDecoder.TEMPLATE_ID)
        {
            takeRead(shard, buffer, offset, length);
        }
        else if (templateId == AdminResultDecoder.TEMPLATE_ID)
        {
            adminResult.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
            final AdminType type = adminResult.adminType();
            if (type == AdminType.RESTORE_ORDER)
            {
                restored(adminResult.subjectId(), adminResult.result() == RejectReason.NONE);
            }
            else if (type == AdminType.ADD_INSTRUMENT)
            {
                added.add(shard, (int)adminResult.subjectId());
            }
            else if (type == AdminType.RESUME_INSTRUMENT && adminResult.result() == RejectReason.NONE)
            {
                resumed(shard, (int)adminResult.subjectId());
            }
            else if (type == AdminType.MOVE_OUT && adminResult.result() == RejectReason.NONE)
            {
                pendingMoveOuts.movedOut(client, shard, adminResult.subjectId());
                if (moveId != NONE && shard == from && adminResult.subjectId() == moveId)
                {
                    movedOut = true;
                    switchIfResumed();
                }
            }
        }
    }

    private void begin(final int shard, final long announcedMoveId, final int instrument)
    {
        moveId = announcedMoveId;
        instrumentId = instrument;
        from = shard;
        to = -1;
        pieceReady = false;
        movedOut = false;
        refused = early.begin(announcedMoveId);
        lastMoveId = Math.max(lastMoveId, announcedMoveId);
        read.expect(announcedMoveId, instrument, 0, firstTransferId(announcedMoveId), 0);
        client.beginMove(instrument);
        client.watchSource(shard);
        final int resumedOn = early.takeResume(instrument);
        if (resumedOn >= 0 && resumedOn != shard)
        {
            to = resumedOn;
        }
        early.forgetResumesRouted(client.table());
        added.forgetRouted(client.table());
    }

    private void takeRead(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        if (moveId == NONE || shard != from || pieceReady || !read.onEvent(buffer, offset, length) ||
            !read.complete())
        {
            return;
        }
        final int written = read.take(piece.buffer(), 0);
        if (written < 0 || !piece.prepare(written, from))
        {
            return;
        }
        pieceReady = true;
        final int orders = piece.orders();
        final long[] accounts = new long[orders];
        final long[] clientOrderIds = new long[orders];
        for (int i = 0; i < orders; i++)
        {
            movedAway.put(piece.globalOrderId(i), from);
            final int at = piece.commandOffset(i + 1) + HEADER;
            accounts[i] = piece.accountId(i);
            clientOrderIds[i] = piece.buffer().getLong(at + RestoreOrderDecoder.clientOrderIdEncodingOffset(),
                ByteOrder.LITTLE_ENDIAN);
        }
        client.movingAccounts(accounts);
        pendingMoveOuts.add(moveId, from, instrumentId, accounts, clientOrderIds);
        switchIfResumed();
    }

    private void restored(final long transferId, final boolean applied)
    {
        if ((transferId & ShardMover.MOVE_TRANSFER) == 0 || (transferId & ShardMover.UNDO_TRANSFER) != 0)
        {
            return;
        }
        final long id = (transferId & ~ShardMover.MOVE_TRANSFER) / ShardMover.MAX_ORDERS;
        final int place = (int)((transferId & ~ShardMover.MOVE_TRANSFER) % ShardMover.MAX_ORDERS);
        if (id == moveId)
        {
            if (!applied)
            {
                refused.set(place);
            }
        }
        else
        {
            early.restored(id, place, applied);
        }
    }

    private void resumed(final int shard, final int instrument)
    {
        if (moveId != NONE && instrument == instrumentId)
        {
            if (shard == from)
            {
                if (to >= 0 && to != from)
                {
                    early.resumed(instrumentId, to);
                }
                forgetRolledBack();
                moveId = NONE;
                rolledBack++;
                client.endMove(null);
            }
            else if (added.take(shard, instrument))
            {
                to = shard;
                switchIfResumed();
            }
        }
        else if (instrument > 0 && client.table().shardOf(instrument) != shard && added.take(shard, instrument))
        {
            early.resumed(instrument, shard);
        }
    }

    private void switchIfResumed()
    {
        if (!pieceReady || to < 0 || !movedOut)
        {
            return;
        }
        for (int i = 0; i < piece.orders(); i++)
        {
            if (refused.get(i) || !client.orderMoved(piece.globalOrderId(i), to))
            {
                movedAway.remove(piece.globalOrderId(i));
            }
        }
        final RoutingTable table = client.table();
        final RoutingTable next = table.shardOf(instrumentId) == to ? null : table.withOverride(instrumentId, to);
        client.endMove(next);
        followed++;
        switchedMoveId = moveId;
        switchedTarget = to;
        final long done = moveId;
        moveId = NONE;
        if (next != null && store != null)
        {
            store.save(next);
        }
        if (journal != null)
        {
            journal.append(MoveStep.READ, done, instrumentId, from, to, piece.buffer(),
                piece.recordedLength(MovePiece.RESTORES_FOLLOWED));
            final byte[] refusedBytes = refused.toByteArray();
            journal.append(MoveStep.RESTORED, done, instrumentId, from, to, new UnsafeBuffer(refusedBytes),
                refusedBytes.length);
            journal.append(MoveStep.DONE, done, instrumentId, from, to, empty, 0);
        }
    }

    /**
     * Forgets the orders of the move followed now, which the source resumed (rolled back); those of earlier moves
     * stay.
     */
    private void forgetRolledBack()
    {
        pendingMoveOuts.forget(moveId, from);
        if (pieceReady)
        {
            for (int i = 0; i < piece.orders(); i++)
            {
                if (movedAway.get(piece.globalOrderId(i)) == from)
                {
                    movedAway.remove(piece.globalOrderId(i));
                }
            }
        }
    }

    /** @return the transfer id of a move's first order (the i-th order's: this plus i). */
    static long firstTransferId(final long moveId)
    {
        return ShardMover.MOVE_TRANSFER | moveId * ShardMover.MAX_ORDERS;
    }
}
