package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.function.LongSupplier;

import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.disruptorx.shard.move.MoveFollower.firstTransferId;

/**
 * Moves an instrument online from the shard that owns it to another, through both shards' logs (docs/scaling.md,
 * "Moving an instrument online"): the client holds back the commands that may touch it; the source halts it; its
 * book is read (by a {@link BookSource}, or through the source engine's events: {@link EngineBookRead}) into a piece of
 * target commands and recorded; MoveOut takes the orders out at the source, their holds in flight, and a halt (if it
 * had it), an AddInstrument listing it HALTED (if not) and a RestoreOrder per order (priority order, same ids) put them
 * into the target after MoveOut's answer (with it for a single gateway: {@link #restoresWithMoveOut}); then the
 * source settles each transfer, the target resumes (its first TRADING), the next table version routes the instrument
 * there and the held commands follow. A source that refuses MoveOut rolls the move back (the target takes out again
 * what it restored, when the restores went with MoveOut). Every move is announced in the source's log (ReadBook
 * right behind the halt), so an idle mover follows another gateway's moves ({@link MoveFollower}).
 *
 * <p>The steps that decide what happens next (BEGUN, READ, UNDOING, REFUSED) are forced to a {@link MoveJournal}
 * before the mover acts on them; a new mover on the same journal takes the move up where it stopped, ends with the
 * instrument on exactly one shard and tells the client where every order of a completed move rests. At READ it sends
 * MoveOut again, the restores as the READ record says ({@link MovePiece#recordedLength}; when they waited for its
 * answer, none went: MOVED_OUT is forced before them, and a repeat of an applied MoveOut with orders is answered
 * applied, so a refusal rolls back with nothing to undo); at REFUSED it only resumes the source (a repeat of a
 * refused MoveOut would be judged against the book the source has then); a followed move ended: it records DONE and
 * sends nothing. Runs in the client's thread ({@link #doWork} in its duty cycle, its events to {@link #onEvent}); it
 * allocates (not the order path). One move at a time; over several gateways, the one that holds the move lock
 * ({@link MoveLock}, taken by {@link MovingVenueClient}) moves.
 */
public final class ShardMover implements VenueEventHandler, AutoCloseable
{
    /** Reads one instrument's book on one shard as the target's commands ({@link MoveBookSource}). */
    @FunctionalInterface
    public interface BookSource extends MoveBookSource
    {
    }

    /** Set in the transfer ids of moved holds (the i-th order's: {@code MOVE_TRANSFER | moveId * MAX_ORDERS + i}). */
    public static final long MOVE_TRANSFER = 1L << 61;
    /** Set in the transfer ids of holds the target gives back when a move is undone. */
    public static final long UNDO_TRANSFER = 1L << 60;
    /** Orders one move may carry. */
    public static final int MAX_ORDERS = 1 << 20;

    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final DirectBuffer NO_PAYLOAD = new UnsafeBuffer(new byte[0]);

    private enum Phase
    {
        IDLE, HALTING, READING, MOVING, SWITCHING, FINISHING, UNDOING, ROLLING_BACK
    }

    private final ShardedVenueClient client;
    private final RoutingTableStore store;
    private final LongSupplier clock;
    private final MoveJournal journal;
    private final MovePiece piece = new MovePiece();
    private final MoveBookRead bookRead;
    private final MoveSends sends;
    private final MessageHeaderDecoder eventHeader = new MessageHeaderDecoder();
    private final AdminResultDecoder adminResult = new AdminResultDecoder();
    private final MoveStats stats = new MoveStats();
    private final MoveFollower follower;
    private final MoveAnswers answers = new MoveAnswers();
    private MoveRecovery recovery = new MoveRecovery();
    private boolean restoresWithMoveOut;
    private Phase phase = Phase.IDLE;
    private long moveId;
    private int instrumentId;
    private int from;
    private int to;
    private long startedNanos;
    private RoutingTable switchFrom;
    private RoutingTable switchTo;

    /**
     * Opens (or creates) the journal and takes up a move it left unfinished. {@code books} {@code null}: every book
     * is read through the engine's events; {@code store} {@code null}: tables are kept in memory only.
     */
    public ShardMover(final ShardedVenueClient client, final BookSource books, final RoutingTableStore store,
        final Path journal, final LongSupplier clock)
    {
        this.client = client;
        this.store = store;
        this.clock = clock;
        this.bookRead = new MoveBookRead(books, clock);
        this.sends = new MoveSends(client, clock, this::doWork);
        this.journal = new MoveJournal(journal, recovery, client);
        this.follower = new MoveFollower(client, store, this.journal);
        recovery.completedOrders((orderId, shard, instrument) -> client.orderMoved(orderId, shard));
        this.moveId = recovery.lastMoveId();
        if (recovery.unfinished() != null)
        {
            resume(recovery);
        }
    }

    /** Starts moving an instrument to a shard (index); {@link #doWork} and {@link #onEvent} carry it; its id. */
    public long move(final int instrument, final int target)
    {
        return move(instrument, target, moveId + 1);
    }

    /** Starts a move with the id it claimed the move lock with ({@link MoveLock}), above every id seen. */
    long move(final int instrument, final int target, final long id)
    {
        if (phase != Phase.IDLE || follower.isFollowing())
        {
            throw new IllegalStateException("instrument " + client.movingInstrument() + " is moving");
        }
        final RoutingTable table = client.table();
        if (target < 0 || target >= table.shardCount() || table.shardOf(instrument) == target)
        {
            throw new IllegalArgumentException("instrument " + instrument + " cannot move to shard " + target);
        }
        moveId = id;
        follower.forget();
        instrumentId = instrument;
        from = table.shardOf(instrument);
        to = target;
        switchFrom = table;
        switchTo = table.withOverride(instrument, target);
        startedNanos = stats.started(instrumentId, from, to);
        bookRead.choose(moveId, instrumentId, from);
        client.beginOwnMove(instrument);
        record(MoveStep.BEGUN);
        stats.mark(MoveStats.BEGUN);
        sends.halt(from, instrumentId);
        phase = Phase.HALTING;
        bookRead.halting();
        sends.readBook(from, moveId, instrumentId);
        return moveId;
    }

    /** @return whether no move is under way. */
    public boolean isIdle()
    {
        return phase == Phase.IDLE;
    }

    /**
     * {@code true}: restores go with MoveOut (the halt a round trip through the target's log shorter), safe only with
     * no other gateway in front of these shards (docs/scaling.md, More than one gateway); {@code false}, the default:
     * once the source applied MoveOut, so what another gateway sent before it saw the move never finds an order on
     * both shards. From the next book read; recorded with its piece, so a move taken up from the journal at READ
     * sends them as it did (with MoveOut when the journal does not say: a piece an older mover recorded).
     */
    public void restoresWithMoveOut(final boolean withMoveOut)
    {
        restoresWithMoveOut = withMoveOut;
    }

    /** @return the gateway's clock, which stamps the commands the move path sends (epoch nanoseconds). */
    LongSupplier clock()
    {
        return clock;
    }

    /** @return the journal, which also records the move lock's claims and releases. */
    MoveJournal journal()
    {
        return journal;
    }

    /** @return once: what the journal said when it was opened (the move lock's last claim among it). */
    MoveRecovery takeRecovery()
    {
        final MoveRecovery opened = recovery;
        recovery = null;
        return opened;
    }

    /** @return what follows other gateways' moves for this mover's client. */
    MoveFollower follower()
    {
        return follower;
    }

    /** @return what the moves so far did. */
    public MoveStats stats()
    {
        return stats;
    }

    /** Sends what the current step still has to send, switches the route once the target has it all; work done. */
    public int doWork()
    {
        int work = 0;
        if (phase == Phase.READING)
        {
            work += readBook();
        }
        work += sends.send();
        if (sends.isEmpty() && phase == Phase.HALTING)
        {
            bookRead.prefetch();
        }
        if (sends.isEmpty() && phase == Phase.SWITCHING)
        {
            switchRoute();
            work++;
        }
        if (sends.isEmpty() && phase == Phase.FINISHING)
        {
            record(MoveStep.DONE);
            phase = Phase.IDLE;
            work++;
        }
        else if (sends.isEmpty() && phase == Phase.ROLLING_BACK)
        {
            record(MoveStep.ROLLED_BACK);
            client.endMove(null);
            stats.rolledBack(System.nanoTime() - startedNanos);
            phase = Phase.IDLE;
            work++;
        }
        return work;
    }

    @Override
    public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        final int shard = ShardIds.shardOf(commandSequence);
        if (phase == Phase.IDLE || length < HEADER)
        {
            follower.onEvent(shard, buffer, offset, length);
            moveId = Math.max(moveId, follower.lastMoveId());
            return;
        }
        eventHeader.wrap(buffer, offset);
        if (bookRead.byEvents() && shard == from && (phase == Phase.HALTING || phase == Phase.READING) &&
            bookRead.onEvent(buffer, offset, length))
        {
            if (phase == Phase.READING)
            {
                readBook();
            }
            return;
        }
        if (eventHeader.templateId() != AdminResultDecoder.TEMPLATE_ID)
        {
            return;
        }
        adminResult.wrap(buffer, offset + HEADER, eventHeader.blockLength(), eventHeader.version());
        final AdminType type = adminResult.adminType();
        final long subject = adminResult.subjectId();
        final boolean applied = adminResult.result() == RejectReason.NONE;
        if (phase == Phase.HALTING && shard == from && type == AdminType.HALT_INSTRUMENT && subject == instrumentId)
        {
            stats.mark(MoveStats.HALTED);
            bookRead.halted();
            phase = Phase.READING;
            readBook();
        }
        else if (phase == Phase.MOVING && shard == from && type == AdminType.MOVE_OUT && subject == moveId &&
            answers.moveOut(applied))
        {
            stats.mark(MoveStats.MOVED_OUT);
            if (applied)
            {
                record(MoveStep.MOVED_OUT);
            }
            answeredAll();
        }
        else if (phase == Phase.MOVING && shard == to && type == AdminType.RESTORE_ORDER)
        {
            restored(subject, applied);
        }
        else if (phase == Phase.UNDOING && shard == to && type == AdminType.MOVE_OUT && subject == moveId)
        {
            undone(applied);
        }
    }

    @Override
    public void close()
    {
        journal.close();
    }

    private void resume(final MoveRecovery recovery)
    {
        final MoveRecovery.Move move = recovery.unfinished();
        if (move.followed)
        {
            journal.append(MoveStep.DONE, move.id, move.instrumentId, move.from, move.to, NO_PAYLOAD, 0);
            return;
        }
        moveId = move.id;
        instrumentId = move.instrumentId;
        from = move.from;
        to = move.to;
        startedNanos = stats.started(instrumentId, from, to);
        switch (move.step)
        {
            case BEGUN, REFUSED -> rollBack();
            case READ, MOVED_OUT, UNDOING, RESTORED ->
            {
                piece.load(move.piece);
                client.beginMove(instrumentId, piece.accounts());
                if (move.step == MoveStep.RESTORED)
                {
                    answers.refused(move.refused);
                    settleAndSwitch();
                    return;
                }
                moveAndRestore(move.step == MoveStep.READ ? MoveAnswers.UNKNOWN :
                    move.step == MoveStep.MOVED_OUT ? MoveAnswers.APPLIED : MoveAnswers.REFUSED,
                    move.step == MoveStep.READ && piece.restores() == MovePiece.RESTORES_AFTER_MOVE_OUT);
            }
            default ->
            {
                piece.load(move.piece);
                sends.resume(to, instrumentId);
                phase = Phase.FINISHING;
            }
        }
    }

    private int readBook()
    {
        final int length = bookRead.take(piece.buffer());
        if (length == BookSource.PENDING)
        {
            return 0;
        }
        phase = Phase.MOVING;
        stats.mark(MoveStats.BOOK);
        if (length < 0 || !piece.prepare(length, from))
        {
            rollBack();
            return 1;
        }
        journal.append(MoveStep.READ, moveId, instrumentId, from, to, piece.buffer(),
            piece.recordedLength(!restoresWithMoveOut));
        stats.mark(MoveStats.READ);
        client.movingAccounts(piece.accounts());
        moveAndRestore(MoveAnswers.UNKNOWN, !restoresWithMoveOut);
        return 1;
    }

    /** Sends MoveOut to the source (unless its answer is known) and the piece to the target, with it or after it. */
    private void moveAndRestore(final int moveOutAnswer, final boolean waitForMoveOut)
    {
        answers.start(moveOutAnswer, waitForMoveOut, piece.orders(), firstTransferId(moveId));
        phase = Phase.MOVING;
        if (moveOutAnswer == MoveAnswers.UNKNOWN)
        {
            sends.moveOut(from, moveId, instrumentId, piece.orders());
        }
        answeredAll();
    }

    private void restored(final long transferId, final boolean applied)
    {
        if (!answers.restored(transferId, applied))
        {
            return;
        }
        if (answers.restoresAnswered())
        {
            stats.mark(MoveStats.RESTORED);
        }
        answeredAll();
    }

    /** Once both shards answered: settles and switches if the orders left the source, else undoes the restores. */
    private void answeredAll()
    {
        MoveAnswers.Next next = answers.next();
        if (next == MoveAnswers.Next.SEND_RESTORES)
        {
            sends.restores(to, instrumentId, piece);
            next = answers.next();
        }
        if (next == MoveAnswers.Next.ROLL_BACK)
        {
            record(MoveStep.REFUSED);
            rollBack();
        }
        else if (next == MoveAnswers.Next.SETTLE)
        {
            settleAndSwitch();
        }
        else if (next == MoveAnswers.Next.UNDO)
        {
            record(MoveStep.UNDOING);
            sends.undo(to, moveId, instrumentId, undoOrders());
            phase = Phase.UNDOING;
        }
    }

    /** @return the orders the target restored, which an undo takes out again. */
    private int undoOrders()
    {
        return piece.orders() - answers.refused().cardinality();
    }

    private void undone(final boolean applied)
    {
        if (!applied)
        {
            throw new IllegalStateException("shard " + to + " refused to undo move " + moveId);
        }
        sends.settleUndone(to, moveId, undoOrders());
        rollBack();
    }

    private void settleAndSwitch()
    {
        sends.settleMoved(from, moveId, piece.orders(), answers.refused());
        sends.resume(to, instrumentId);
        phase = Phase.SWITCHING;
    }

    private void switchRoute()
    {
        final RoutingTable table = client.table();
        final RoutingTable next = table.shardOf(instrumentId) == to ? null :
            table == switchFrom ? switchTo : table.withOverride(instrumentId, to);
        final BitSet refused = answers.refused();
        for (int i = 0; i < piece.orders(); i++)
        {
            if (!refused.get(i))
            {
                client.orderMoved(piece.globalOrderId(i), to);
            }
        }
        client.endMove(next);
        stats.done(piece.orders(), refused.cardinality(), System.nanoTime() - startedNanos);
        final byte[] refusedBytes = refused.toByteArray();
        journal.append(MoveStep.RESTORED, moveId, instrumentId, from, to, new UnsafeBuffer(refusedBytes),
            refusedBytes.length);
        if (next != null && store != null)
        {
            store.save(next);
        }
        record(MoveStep.SWITCHED);
        phase = Phase.FINISHING;
    }

    /** Resumes the source; recorded ROLLED_BACK once that (and an undo's settles) went out. */
    private void rollBack()
    {
        sends.resume(from, instrumentId);
        phase = Phase.ROLLING_BACK;
    }

    private void record(final MoveStep step)
    {
        journal.append(step, moveId, instrumentId, from, to, NO_PAYLOAD, 0);
    }
}
