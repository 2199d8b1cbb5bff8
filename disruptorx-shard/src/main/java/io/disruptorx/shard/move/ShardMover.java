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
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Moves an instrument online from the shard that owns it to another, through both shards' logs: the sharded client
 * holds back the commands that may touch it; the source halts it; its book is read into a piece of target commands
 * (by a {@link BookSource}, or by the source engine's own events for a shard it does not read, a cluster's included:
 * {@link EngineBookRead}) and recorded; then, at once, MoveOut takes the orders out at the source, their holds in
 * flight, while AddInstrument and one RestoreOrder per order (in priority order, same ids) put them into the target
 * with their holds; once both shards answered, the source settles each transfer, the target resumes the instrument, the
 * routing table's next version routes it to the target and the held commands follow (the halt ends there; the table
 * is stored and the step recorded right after). A source that refuses MoveOut (its book changed) rolls the move back:
 * the target halts the instrument and takes out again what it restored (MoveOut there, each hold settled as gone),
 * the source resumes and nothing moved.
 *
 * <p>Sending the restores with MoveOut instead of after its answer saves one round trip of forced logs while the
 * instrument is halted; it is safe because the orders the target restored are reachable by no command until the route
 * switches, and a refused MoveOut is answered before anything settles or switches.
 *
 * <p>Each step that decides what happens next (BEGUN, READ, UNDOING) is recorded in a {@link MoveJournal} and forced
 * before the mover acts on it; the others are recorded after, since every command the mover sends is decided once by
 * the shard (by transfer id, or by the instrument's state) and a re-sent one is answered as the first time. So a new
 * mover on the same journal, after a crash of the gateway or of either shard, re-sends the step the move reached and
 * ends with the instrument on exactly one shard: rolled back when the piece was never recorded or the source refused
 * it, completed otherwise. It also tells the client where every order of a completed move rests now.
 *
 * <p>Runs at the edge in the client's thread: the host calls {@link #doWork} in its duty cycle and feeds the client's
 * events to {@link #onEvent}. It allocates (a copy of each command it sends): it is not on the order path. One move
 * at a time.
 */
public final class ShardMover implements VenueEventHandler, AutoCloseable
{
    /**
     * Reads one instrument's book on one shard (its engine halted there) as the target's commands: each preceded by
     * its length (int, little-endian), an AddInstrument and then one RestoreOrder per resting order in priority
     * order, with the shard's own order ids and transfer ids {@code firstTransferId + i}. A source that asks a shard
     * in another process answers {@link #PENDING} until the book arrives; the mover asks again in each
     * {@link #doWork} with the same arguments.
     */
    @FunctionalInterface
    public interface BookSource
    {
        /** The book is on its way: ask again. */
        int PENDING = -2;

        /**
         * @return bytes written into {@code piece} from 0, -1 when the shard has no such instrument, or
         * {@link #PENDING}.
         */
        int read(int shard, int instrumentId, long timestamp, long firstTransferId, MutableDirectBuffer piece);

        /**
         * Asks for the book as soon as the halt is on its way to the shard, for a source whose answer comes after
         * every command sent before the request (a shard link): the later {@link #read} with the same arguments
         * then takes the answer, and the move saves a round trip. A source that reads the engine at once must not
         * read here (the halt is not applied yet): the default does nothing.
         */
        default void prefetch(int shard, int instrumentId, long timestamp, long firstTransferId)
        {
        }

        /** @return whether this source reads that shard's books (else the mover sends ReadBook); the default: all. */
        default boolean reads(int shard)
        {
            return true;
        }
    }

    /** Set in the transfer ids of moved holds, apart from the transfers between accounts' ledgers. */
    public static final long MOVE_TRANSFER = 1L << 61;
    /** Set in the transfer ids of holds the target gives back when a move is undone. */
    public static final long UNDO_TRANSFER = 1L << 60;
    /** Orders one move may carry. */
    public static final int MAX_ORDERS = 1 << 20;

    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int UNKNOWN = 0;
    private static final int APPLIED = 1;
    private static final int REFUSED = 2;

    private enum Phase
    {
        IDLE, HALTING, READING, MOVING, SWITCHING, FINISHING, UNDOING, ROLLING_BACK
    }

    private final ShardedVenueClient client;
    private final BookSource books;
    private final RoutingTableStore store;
    private final LongSupplier clock;
    private final MoveJournal journal;
    private final MovePiece piece = new MovePiece();
    private final EngineBookRead events = new EngineBookRead();
    private final MoveOutbox outbox = new MoveOutbox();
    private final MoveCommands commands;
    private final UnsafeBuffer command;
    private final MessageHeaderDecoder eventHeader = new MessageHeaderDecoder();
    private final AdminResultDecoder adminResult = new AdminResultDecoder();
    private final MoveStats stats = new MoveStats();
    private Phase phase = Phase.IDLE;
    private boolean prefetched;
    private boolean byEvents;
    private long moveId;
    private int instrumentId;
    private int from;
    private int to;
    private int answered;
    private int moveOut;
    private BitSet refused = new BitSet();
    private BitSet seen = new BitSet();
    private long startedNanos;
    private long readTimestamp;
    private RoutingTable switchFrom;
    private RoutingTable switchTo;

    /**
     * Opens (or creates) the journal and takes up a move it left unfinished.
     *
     * @param client  the sharded client whose commands it holds back and whose table it advances.
     * @param books   reads a shard's book; {@code null} to read every book through the engine's events.
     * @param store   where routing tables are stored; {@code null} to keep them in memory only.
     * @param journal the mover's journal file.
     * @param clock   timestamps for the commands it sends.
     */
    public ShardMover(
        final ShardedVenueClient client, final BookSource books, final RoutingTableStore store, final Path journal,
        final LongSupplier clock)
    {
        this.client = client;
        this.books = books;
        this.store = store;
        this.clock = clock;
        this.commands = new MoveCommands(clock);
        this.command = commands.buffer();
        final MoveRecovery recovery = new MoveRecovery();
        this.journal = new MoveJournal(journal, recovery);
        recovery.completedOrders(client::orderMoved);
        this.moveId = recovery.lastMoveId();
        if (recovery.unfinished() != null)
        {
            resume(recovery);
        }
    }

    /**
     * Starts moving an instrument to a shard; {@link #doWork} and {@link #onEvent} carry it through.
     *
     * @param instrument the instrument.
     * @param target     index of the shard that is to own it.
     * @return the move's id.
     */
    public long move(final int instrument, final int target)
    {
        if (phase != Phase.IDLE)
        {
            throw new IllegalStateException("instrument " + instrumentId + " is moving");
        }
        final RoutingTable table = client.table();
        if (target < 0 || target >= table.shardCount() || table.shardOf(instrument) == target)
        {
            throw new IllegalArgumentException("instrument " + instrument + " cannot move to shard " + target);
        }
        moveId++;
        instrumentId = instrument;
        from = table.shardOf(instrument);
        to = target;
        switchFrom = table;
        switchTo = table.withOverride(instrument, target);
        startedNanos = stats.started();
        byEvents = books == null || !books.reads(from);
        prefetched = byEvents;
        client.beginMove(instrument);
        journal.append(MoveStep.BEGUN, moveId, instrumentId, from, to, command, 0);
        stats.mark(MoveStats.BEGUN);
        send(from, command, 0, commands.halt(instrumentId));
        phase = Phase.HALTING;
        if (byEvents)
        {
            readTimestamp = clock.getAsLong();
            events.expect(moveId, instrumentId, readTimestamp, firstTransferId(), System.nanoTime());
            send(from, command, 0, commands.readBook(moveId, instrumentId));
        }
        return moveId;
    }

    /** @return whether no move is under way. */
    public boolean isIdle()
    {
        return phase == Phase.IDLE;
    }

    /** @return what the moves so far did. */
    public MoveStats stats()
    {
        return stats;
    }

    /**
     * Sends what the current step still has to send, and switches the route once the target has all of it.
     *
     * @return work done.
     */
    public int doWork()
    {
        int work = 0;
        if (phase == Phase.READING)
        {
            work += readBook();
        }
        work += outbox.send(client);
        if (outbox.isEmpty() && phase == Phase.HALTING && !prefetched)
        {
            readTimestamp = clock.getAsLong();
            books.prefetch(from, instrumentId, readTimestamp, firstTransferId());
            prefetched = true;
        }
        if (outbox.isEmpty() && phase == Phase.SWITCHING)
        {
            switchRoute();
            work++;
        }
        if (outbox.isEmpty() && phase == Phase.FINISHING)
        {
            journal.append(MoveStep.DONE, moveId, instrumentId, from, to, command, 0);
            phase = Phase.IDLE;
            work++;
        }
        else if (outbox.isEmpty() && phase == Phase.ROLLING_BACK)
        {
            journal.append(MoveStep.ROLLED_BACK, moveId, instrumentId, from, to, command, 0);
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
        if (phase == Phase.IDLE || length < HEADER)
        {
            return;
        }
        eventHeader.wrap(buffer, offset);
        final int shard = ShardIds.shardOf(commandSequence);
        if (byEvents && shard == from && (phase == Phase.HALTING || phase == Phase.READING) &&
            events.onEvent(buffer, offset, length))
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
            if (!prefetched)
            {
                readTimestamp = clock.getAsLong();
            }
            phase = Phase.READING;
            readBook();
        }
        else if (phase == Phase.MOVING && shard == from && type == AdminType.MOVE_OUT && subject == moveId &&
            moveOut == UNKNOWN)
        {
            moveOut = applied ? APPLIED : REFUSED;
            stats.mark(MoveStats.MOVED_OUT);
            if (applied)
            {
                journal.append(MoveStep.MOVED_OUT, moveId, instrumentId, from, to, command, 0);
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
        instrumentId = move.instrumentId;
        from = move.from;
        to = move.to;
        startedNanos = stats.started();
        switch (move.step)
        {
            case BEGUN -> rollBack();
            case READ, MOVED_OUT, UNDOING ->
            {
                client.beginMove(instrumentId);
                piece.load(move.piece);
                moveAndRestore(move.step == MoveStep.READ ? UNKNOWN : move.step == MoveStep.MOVED_OUT ? APPLIED :
                    REFUSED);
            }
            case RESTORED ->
            {
                client.beginMove(instrumentId);
                piece.load(move.piece);
                refused = move.refused;
                settleAndSwitch();
            }
            default ->
            {
                piece.load(move.piece);
                send(to, command, 0, commands.resume(instrumentId));
                phase = Phase.FINISHING;
            }
        }
    }

    private int readBook()
    {
        final int length = byEvents ? events.take(piece.buffer(), System.nanoTime()) :
            books.read(from, instrumentId, readTimestamp, firstTransferId(), piece.buffer());
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
        journal.append(MoveStep.READ, moveId, instrumentId, from, to, piece.buffer(), piece.length());
        stats.mark(MoveStats.READ);
        moveAndRestore(UNKNOWN);
        return 1;
    }

    /** Sends MoveOut to the source (unless its answer is known) and the piece to the target, together. */
    private void moveAndRestore(final int moveOutAnswer)
    {
        moveOut = moveOutAnswer;
        answered = 0;
        seen = new BitSet();
        refused = new BitSet();
        phase = Phase.MOVING;
        if (moveOut == UNKNOWN)
        {
            send(from, command, 0, commands.moveOut(moveId, instrumentId, piece.orders(), firstTransferId()));
        }
        for (int i = 0; i <= piece.orders(); i++)
        {
            send(to, piece.buffer(), piece.commandOffset(i), piece.commandLength(i));
        }
        answeredAll();
    }

    private void restored(final long transferId, final boolean applied)
    {
        final long index = transferId - firstTransferId();
        if (index < 0 || index >= piece.orders() || seen.get((int)index))
        {
            return;
        }
        seen.set((int)index);
        if (!applied)
        {
            refused.set((int)index);
        }
        if (++answered == piece.orders())
        {
            stats.mark(MoveStats.RESTORED);
        }
        answeredAll();
    }

    /** Once both shards answered: settles and switches if the orders left the source, else undoes the restores. */
    private void answeredAll()
    {
        if (answered < piece.orders() || moveOut == UNKNOWN)
        {
            return;
        }
        if (moveOut == APPLIED)
        {
            settleAndSwitch();
            return;
        }
        journal.append(MoveStep.UNDOING, moveId, instrumentId, from, to, command, 0);
        send(to, command, 0, commands.halt(instrumentId));
        send(to, command, 0, commands.moveOut(moveId, instrumentId, piece.orders() - refused.cardinality(),
            UNDO_TRANSFER | firstTransferId()));
        phase = Phase.UNDOING;
    }

    private void undone(final boolean applied)
    {
        if (!applied)
        {
            throw new IllegalStateException("shard " + to + " refused to take out instrument " + instrumentId +
                "'s orders restored by move " + moveId + " whose source refused MoveOut");
        }
        for (int i = 0; i < piece.orders() - refused.cardinality(); i++)
        {
            send(to, command, 0, commands.settle(UNDO_TRANSFER | firstTransferId() + i, false));
        }
        rollBack();
    }

    private void settleAndSwitch()
    {
        for (int i = 0; i < piece.orders(); i++)
        {
            send(from, command, 0, commands.settle(firstTransferId() + i, refused.get(i)));
        }
        send(to, command, 0, commands.resume(instrumentId));
        phase = Phase.SWITCHING;
    }

    private void switchRoute()
    {
        final RoutingTable table = client.table();
        final RoutingTable next = table.shardOf(instrumentId) == to ? null :
            table == switchFrom ? switchTo : table.withOverride(instrumentId, to);
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
        journal.append(MoveStep.SWITCHED, moveId, instrumentId, from, to, command, 0);
        phase = Phase.FINISHING;
    }

    /**
     * Resumes the source; the move is recorded ROLLED_BACK once that (and the undo's settles) went out, so a crash
     * before leaves it to be rolled back again. Never after READ unless UNDOING is recorded: the source keeps its
     * orders.
     */
    private void rollBack()
    {
        send(from, command, 0, commands.resume(instrumentId));
        phase = Phase.ROLLING_BACK;
    }

    private long firstTransferId()
    {
        return MOVE_TRANSFER | moveId * MAX_ORDERS;
    }

    private void send(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        outbox.add(shard, buffer, offset, length);
        doWork();
    }
}
