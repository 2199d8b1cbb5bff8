package io.disruptorx.shard.move;

import java.util.Arrays;
import java.util.BitSet;

import io.disruptorx.shard.routing.RoutingTable;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * What a {@link MoveFollower} read of a move's target before that move's announcement (its source's BookRead): a
 * gateway reads each shard's events in that shard's order, but the shards' streams interleave as it polls them, so a
 * gateway behind on a source reads the target's restores and resume first, for several moves and while it follows
 * another.
 *
 * <ul>
 *     <li>Per move, the restores its target refused: kept for any move not begun here yet, whatever its id (a
 *     later-numbered move may be announced first, by a source this gateway is not behind on), {@link #EARLY_MOVES}
 *     moves at most, beyond which the lowest id's are dropped (the new one's when it is the lowest: a stale answer, of
 *     a move never begun here or begun before the last {@link #EARLY_MOVES}, never takes a pending move's place). A
 *     move begun here takes them; restore answers of a move begun here (the last {@link #EARLY_MOVES}) read after it
 *     ended, as a rolled-back move's may be, are not kept.</li>
 *     <li>Per instrument, the shard that resumed it, kept until a move of that instrument is begun here (given back
 *     when that move rolls back: its source applied no MoveOut of it, so the resume is a later move's); dropped
 *     once the table routes the instrument there (a catch-up applied that switch).</li>
 * </ul>
 *
 * <p>Another move's announcement takes none of them. Runs in the client's thread; a move path, it allocates.
 */
final class EarlyMoves
{
    /** Moves whose refused restores are remembered before their announcement; beyond, the lowest id's are dropped. */
    static final int EARLY_MOVES = 64;

    private static final long NONE = -1;

    private final Long2ObjectHashMap<BitSet> refused = new Long2ObjectHashMap<>();
    private final Int2IntHashMap resumes = new Int2IntHashMap(-1);
    private final long[] begun = new long[EARLY_MOVES];
    private int nextBegun;

    EarlyMoves()
    {
        Arrays.fill(begun, NONE);
    }

    /**
     * A move is begun here (its announcement read): it is not remembered early from now on.
     *
     * @return the places of its orders that its target refused, read before (empty if none), to add its later
     * refusals to.
     */
    BitSet begin(final long moveId)
    {
        if (!wasBegun(moveId))
        {
            begun[nextBegun] = moveId;
            nextBegun = (nextBegun + 1) % EARLY_MOVES;
        }
        final BitSet early = refused.remove(moveId);
        return early != null ? early : new BitSet();
    }

    /**
     * The target of a move not followed now answered the restore of the order at a place: remembered unless that
     * move was begun here.
     */
    void restored(final long moveId, final int place, final boolean applied)
    {
        if (wasBegun(moveId))
        {
            return;
        }
        BitSet early = refused.get(moveId);
        if (early == null)
        {
            if (refused.size() == EARLY_MOVES)
            {
                final long lowest = lowestMove();
                if (moveId < lowest)
                {
                    return;
                }
                refused.remove(lowest);
            }
            early = new BitSet();
            refused.put(moveId, early);
        }
        if (!applied)
        {
            early.set(place);
        }
    }

    /**
     * A shard resumed the instrument after its AddInstrument, outside the move followed now.
     */
    void resumed(final int instrument, final int shard)
    {
        resumes.put(instrument, shard);
    }

    /**
     * @return the shard that resumed the instrument (taken), or -1.
     */
    int takeResume(final int instrument)
    {
        return resumes.remove(instrument);
    }

    /**
     * Forgets resumes the table already routes by (a catch-up applied that switch): no later move takes them.
     */
    void forgetResumesRouted(final RoutingTable table)
    {
        for (final Int2IntHashMap.KeyIterator instruments = resumes.keySet().iterator(); instruments.hasNext(); )
        {
            final int instrument = instruments.nextValue();
            if (table.shardOf(instrument) == resumes.get(instrument))
            {
                instruments.remove();
            }
        }
    }

    private boolean wasBegun(final long moveId)
    {
        for (int i = 0; i < EARLY_MOVES; i++)
        {
            if (begun[i] == moveId)
            {
                return true;
            }
        }
        return false;
    }

    private long lowestMove()
    {
        long lowest = Long.MAX_VALUE;
        for (final Long2ObjectHashMap<BitSet>.KeyIterator ids = refused.keySet().iterator(); ids.hasNext(); )
        {
            lowest = Math.min(lowest, ids.nextLong());
        }
        return lowest;
    }
}
