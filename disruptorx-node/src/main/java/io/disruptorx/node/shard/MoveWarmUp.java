package io.disruptorx.node.shard;

import java.nio.file.Path;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.InstrumentMoves;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.CallbackEventSink;
import io.disruptorx.engine.sbe.DispatchRejectHandler;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import io.disruptorx.node.embedded.EmbeddedNode;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A dry run of the move path on scratch engines, so that the first real move of a shard host does not run it cold:
 * two engines of the node's configuration (never the node's own: nothing is journalled, nothing of the node changes)
 * move one instrument's book back and forth as a move does it: halt, serialise the engine, read the book out of the
 * image ({@link SnapshotBookReader}: restore into an engine of its own and export), MoveOut, AddInstrument and the
 * RestoreOrders at the other engine, SettleTransfer per order, resume; every command through the same
 * {@link SbeCommandDispatcher} and {@link SbeEventEncoder} as the node's engine thread. Without it the first move of a
 * process halted its instrument about twice as long as the next ones (the interpreter and the JIT's first tiers on the
 * serialisation, the restore, the export and the engine's MoveOut and RestoreOrder).
 *
 * <p>The books are shaped as real ones, because a book read restores the source's whole image into a new engine and
 * the JIT compiles what the dry run ran: each book spans {@link #LEVELS} price levels a side (more than a book side
 * starts with, so the restore grows them), and a second instrument that never moves rests as many orders on engine 0,
 * so that the images of half the moves hold more client order ids than a new engine's index starts with (so the
 * restore grows it too). With books that fit a new engine's first sizes, code the JIT had compiled (a book side's
 * add and level insert, the client order index's put) was thrown out during the first real move's restore.
 */
final class MoveWarmUp
{
    static final int INSTRUMENT = 1;
    /** Listed on scratch engine 0 and never moved: in the images of half the moves, beside the moved book. */
    static final int RESIDENT = 2;
    /**
     * Price levels a side of each book: more than a book side starts with (64), so that every restore grows its
     * level arrays as a real book's restore does.
     */
    static final int LEVELS = 128;
    private static final long ACCOUNT = 1;
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    private static final long FIRST_TRANSFER = 1L << 40;
    private static final long RESIDENT_TRANSFER = 1L << 41;
    /** Visits a moved book without looking at it (the warm-ups want the visit's work, not its data). */
    static final InstrumentMoves.BookVisitor IGNORE_BOOK = new InstrumentMoves.BookVisitor()
    {
        @Override
        public void onInstrument(
            final int instrumentId, final int baseAssetId, final int quoteAssetId, final long tickSize,
            final long lotSize, final int priceScale, final int quantityScale, final long makerFeePerLot,
            final long takerFeePerLot, final long referencePrice, final int priceBandBps,
            final int marketProtectionBps)
        {
        }

        @Override
        public void onOrder(
            final long orderId, final long accountId, final long clientOrderId, final Side side,
            final TimeInForce timeInForce, final long price, final long openQuantity, final long entryTime,
            final int heldAssetId, final long hold)
        {
        }
    };

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
    private final ExpandableArrayBuffer image = new ExpandableArrayBuffer(1024 * 1024);
    private final ExpandableArrayBuffer piece = new ExpandableArrayBuffer(64 * 1024);
    private final MatchingEngine[] engines = new MatchingEngine[2];
    private final SbeCommandDispatcher[] dispatchers = new SbeCommandDispatcher[2];
    private EmbeddedNode.StartingState latest;
    private int resting;

    private MoveWarmUp(final EngineConfig config)
    {
        for (int i = 0; i < engines.length; i++)
        {
            engines[i] = new MatchingEngine(config, new SbeEventEncoder(new CallbackEventSink((b, o, l) ->
            {
            })));
            dispatchers[i] = new SbeCommandDispatcher(engines[i], DispatchRejectHandler.IGNORE);
        }
    }

    /**
     * Moves a book of {@code orders} resting orders between two scratch engines {@code rounds} times.
     *
     * @param config    the node's engine settings.
     * @param snapshots the node's snapshot directory (the book reader's fallback; the dry run reads nothing there).
     * @param rounds    moves.
     * @param orders    resting orders moved each time (and resting on the instrument that stays on engine 0).
     * @return the orders resting at the last move's target once it ended: {@code orders} when every step applied.
     */
    static int run(final EngineConfig config, final Path snapshots, final int rounds, final int orders)
    {
        return dryRun(config, snapshots, rounds, orders).resting;
    }

    /**
     * As {@link #run}, keeping the scratch engines for a look at what the dry run moved.
     */
    static MoveWarmUp dryRun(final EngineConfig config, final Path snapshots, final int rounds, final int orders)
    {
        final MoveWarmUp warmUp = new MoveWarmUp(config);
        try (SnapshotBookReader reader = new SnapshotBookReader(() -> warmUp.latest, snapshots, config))
        {
            warmUp.resting = warmUp.moves(reader, rounds, orders);
        }
        return warmUp;
    }

    /**
     * @param index 0 or 1.
     * @return that scratch engine (engine 0 lists both instruments; the moved one, {@link #INSTRUMENT}, is on engine
     * 1 after an odd number of moves).
     */
    MatchingEngine engine(final int index)
    {
        return engines[index];
    }

    private int moves(final SnapshotBookReader reader, final int rounds, final int orders)
    {
        list(INSTRUMENT, orders, 0, FIRST_TRANSFER);
        list(RESIDENT, orders, orders, RESIDENT_TRANSFER);
        int resting = 0;
        for (int round = 1; round <= rounds; round++)
        {
            final int from = (round - 1) & 1;
            final int to = 1 - from;
            final long firstTransfer = FIRST_TRANSFER + (long)round * (orders + 1);
            dispatch(from, encoder.haltInstrument(command, 0, round, INSTRUMENT));
            final int length = engines[from].snapshot(image, 0);
            final byte[] copy = new byte[length];
            image.getBytes(0, copy);
            latest = new EmbeddedNode.StartingState(copy, round);
            reader.prepare();
            final int written = reader.read(round, INSTRUMENT, round, firstTransfer, piece);
            dispatch(from, encoder.moveOut(command, 0, round, round, INSTRUMENT, orders, firstTransfer));
            int at = 0;
            while (at < written)
            {
                final int commandLength = piece.getInt(at);
                dispatchers[to].dispatch(piece, at + Integer.BYTES, commandLength);
                at += Integer.BYTES + commandLength;
            }
            for (int i = 0; i < orders; i++)
            {
                dispatch(from, encoder.settleTransfer(command, 0, round, firstTransfer + i, false));
            }
            dispatch(to, encoder.resumeInstrument(command, 0, round, INSTRUMENT));
            resting = engines[to].moves().visitBook(INSTRUMENT, IGNORE_BOOK);
        }
        return resting;
    }

    /**
     * Lists an instrument on scratch engine 0 with {@code orders} resting orders of the account, half buys and half
     * sells over {@link #LEVELS} price levels a side; order and client order ids from {@code firstId + 1}.
     */
    private void list(final int instrument, final int orders, final int firstId, final long firstTransfer)
    {
        dispatch(0, encoder.addInstrument(command, 0, 1, instrument, BASE, QUOTE, 1, 1, 2, 0, 0, 0, 10_000, 0,
            1_000));
        for (int i = 0; i < orders; i++)
        {
            final boolean buy = (i & 1) == 0;
            final long price = (buy ? 9_000 : 11_000) + (i >> 1) % LEVELS;
            final long id = firstId + i + 1;
            dispatch(0, encoder.restoreOrder(command, 0, 1, firstTransfer + i, id, ACCOUNT, id, instrument,
                buy ? Side.BUY : Side.SELL, TimeInForce.GTC, price, 1, i, buy ? QUOTE : BASE, buy ? price : 1, 0, 0,
                1, false, SelfTradePrevention.NONE));
        }
    }

    private void dispatch(final int engine, final int length)
    {
        dispatchers[engine].dispatch(command, 0, length);
    }
}
