package io.disruptorx.shard.move;

import org.agrona.MutableDirectBuffer;

/**
 * Reads one instrument's book on one shard (halted there) as the target's commands, each preceded by its length
 * (int, little-endian): an AddInstrument, then one RestoreOrder per resting order in priority order, with the
 * shard's own order ids and transfer ids {@code firstTransferId + i}; {@link #PENDING} until it arrives.
 */
@FunctionalInterface
public interface MoveBookSource
{
    /** The book is on its way: ask again. */
    int PENDING = -2;

    /** @return bytes written into {@code piece} from 0, -1 for no such instrument, or {@link #PENDING}. */
    int read(int shard, int instrumentId, long timestamp, long firstTransferId, MutableDirectBuffer piece);

    /**
     * Asks for the book right behind the halt, for a source that answers after every command sent before (a
     * shard link); the later {@link #read} takes the answer. The default does nothing.
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
