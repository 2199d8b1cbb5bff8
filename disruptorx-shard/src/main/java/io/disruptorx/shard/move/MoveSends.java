package io.disruptorx.shard.move;

import java.util.BitSet;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.disruptorx.shard.move.MoveFollower.firstTransferId;

/**
 * The commands of a {@link ShardMover}'s steps, each to its shard, in order: halts and resumes, ReadBook, MoveOut,
 * the piece's restores, an undo's MoveOut and settles, the settles of the moved transfers. Each is encoded
 * ({@link MoveCommands}, stamped by the gateway's clock) and queued ({@link MoveOutbox}, which keeps what a shard
 * did not take yet), then the mover does its work ({@link ShardMover#doWork}), so it goes out at once when the shard
 * takes it. The mover's thread only.
 */
final class MoveSends
{
    private final ShardedVenueClient client;
    private final MoveCommands commands;
    private final UnsafeBuffer command;
    private final MoveOutbox outbox = new MoveOutbox();
    private final IntSupplier afterQueued;

    /**
     * @param client      the gateway's client of the shards.
     * @param clock       stamps the commands (epoch nanoseconds).
     * @param afterQueued the mover's work, done after each command queued.
     */
    MoveSends(final ShardedVenueClient client, final LongSupplier clock, final IntSupplier afterQueued)
    {
        this.client = client;
        this.commands = new MoveCommands(clock);
        this.command = commands.buffer();
        this.afterQueued = afterQueued;
    }

    /** @return commands the shards took now, in order, until the first one not taken. */
    int send()
    {
        return outbox.send(client);
    }

    /** @return whether every command queued went out. */
    boolean isEmpty()
    {
        return outbox.isEmpty();
    }

    void halt(final int shard, final int instrumentId)
    {
        queue(shard, command, 0, commands.halt(instrumentId));
    }

    void resume(final int shard, final int instrumentId)
    {
        queue(shard, command, 0, commands.resume(instrumentId));
    }

    void readBook(final int shard, final long moveId, final int instrumentId)
    {
        queue(shard, command, 0, commands.readBook(moveId, instrumentId));
    }

    /** The MoveOut that takes a move's orders out at the source. */
    void moveOut(final int shard, final long moveId, final int instrumentId, final int orders)
    {
        queue(shard, command, 0, commands.moveOut(moveId, instrumentId, orders, firstTransferId(moveId)));
    }

    /** A halt, then the piece's commands (its AddInstrument and a RestoreOrder per order) to the target. */
    void restores(final int shard, final int instrumentId, final MovePiece piece)
    {
        halt(shard, instrumentId);
        for (int i = 0; i <= piece.orders(); i++)
        {
            queue(shard, piece.buffer(), piece.commandOffset(i), piece.commandLength(i));
        }
    }

    /** A halt, then the MoveOut that takes the restored orders out of the target again. */
    void undo(final int shard, final long moveId, final int instrumentId, final int orders)
    {
        halt(shard, instrumentId);
        queue(shard, command, 0, commands.moveOut(moveId, instrumentId, orders,
            ShardMover.UNDO_TRANSFER | firstTransferId(moveId)));
    }

    /** Settles the holds the target gave back by an undo, at the target. */
    void settleUndone(final int shard, final long moveId, final int orders)
    {
        for (int i = 0; i < orders; i++)
        {
            queue(shard, command, 0, commands.settle(ShardMover.UNDO_TRANSFER | firstTransferId(moveId) + i, false));
        }
    }

    /** Settles each moved order's transfer at the source: returned when the target refused its restore. */
    void settleMoved(final int shard, final long moveId, final int orders, final BitSet refused)
    {
        for (int i = 0; i < orders; i++)
        {
            queue(shard, command, 0, commands.settle(firstTransferId(moveId) + i, refused.get(i)));
        }
    }

    private void queue(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        outbox.add(shard, buffer, offset, length);
        afterQueued.getAsInt();
    }
}
