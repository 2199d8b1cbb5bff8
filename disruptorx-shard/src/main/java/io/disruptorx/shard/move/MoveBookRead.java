package io.disruptorx.shard.move;

import java.util.function.LongSupplier;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.disruptorx.shard.move.MoveFollower.firstTransferId;

/**
 * How a {@link ShardMover} reads the moving instrument's book on the source shard, chosen per move: through a
 * {@link MoveBookSource} that reads that shard (asked ahead with {@link MoveBookSource#prefetch} once the halt and
 * ReadBook went out, for a source that answers behind them), or through the source engine's own events answering
 * the ReadBook ({@link EngineBookRead}). The read's timestamp, which the piece's commands carry, is taken from the
 * mover's clock when the book is first asked for: ahead, or at the halt's answer. The mover's thread only.
 */
final class MoveBookRead
{
    private final MoveBookSource books;
    private final LongSupplier clock;
    private final EngineBookRead events = new EngineBookRead();
    private long moveId;
    private int instrumentId;
    private int from;
    private boolean byEvents;
    private boolean prefetched;
    private long readTimestamp;

    /**
     * @param books reads books, or {@code null}: every book is read through the engine's events.
     * @param clock the gateway's clock (epoch nanoseconds).
     */
    MoveBookRead(final MoveBookSource books, final LongSupplier clock)
    {
        this.books = books;
        this.clock = clock;
    }

    /**
     * Chooses how a new move reads its book: through the engine's events when no source reads that shard.
     *
     * @param moveId       the move.
     * @param instrumentId the instrument moving.
     * @param from         the source shard.
     */
    void choose(final long moveId, final int instrumentId, final int from)
    {
        this.moveId = moveId;
        this.instrumentId = instrumentId;
        this.from = from;
        byEvents = books == null || !books.reads(from);
        prefetched = byEvents;
    }

    /** The halt went out: through the engine's events, expects them from now on. */
    void halting()
    {
        if (byEvents)
        {
            readTimestamp = clock.getAsLong();
            events.expect(moveId, instrumentId, readTimestamp, firstTransferId(moveId), System.nanoTime());
        }
    }

    /** The halt and ReadBook went out: asks a source for the book ahead, once. */
    void prefetch()
    {
        if (!prefetched)
        {
            readTimestamp = clock.getAsLong();
            books.prefetch(from, instrumentId, readTimestamp, firstTransferId(moveId));
            prefetched = true;
        }
    }

    /** The source answered the halt: the read's timestamp, unless the book was asked for ahead. */
    void halted()
    {
        if (!prefetched)
        {
            readTimestamp = clock.getAsLong();
        }
    }

    /** @return whether the book comes through the source engine's events ({@link #onEvent}). */
    boolean byEvents()
    {
        return byEvents;
    }

    /**
     * @return whether the source engine's event was one of the book read's (taken in).
     */
    boolean onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        return events.onEvent(buffer, offset, length);
    }

    /**
     * @param piece where the target's commands go, from 0.
     * @return bytes written, -1 for no such instrument, or {@link MoveBookSource#PENDING}.
     */
    int take(final MutableDirectBuffer piece)
    {
        return byEvents ? events.take(piece, System.nanoTime()) :
            books.read(from, instrumentId, readTimestamp, firstTransferId(moveId), piece);
    }
}
