package io.disruptorx.shard.move;

import java.util.Arrays;

import io.disruptorx.shard.routing.RoutingTable;

/**
 * The AddInstrument answers a {@link MoveFollower} read and no resume took yet, as (shard, instrument): a move's
 * target answers its AddInstrument before its resume, and other shards' answers (other moves', an operator's) may be
 * read between the two. At most {@link #LIMIT}; beyond, the oldest goes. Looked up by a linear scan in a fixed array
 * (no hash order). Runs in the client's thread.
 */
final class AddedInstruments
{
    /** Answers remembered at most. */
    static final int LIMIT = 64;
    private static final long NONE = -1;

    private final long[] added = new long[LIMIT];
    private int next;

    AddedInstruments()
    {
        Arrays.fill(added, NONE);
    }

    /**
     * Remembers that the shard answered an AddInstrument of the instrument.
     */
    void add(final int shard, final int instrument)
    {
        final long key = key(shard, instrument);
        if (indexOf(key) < 0)
        {
            added[next] = key;
            next = (next + 1) % LIMIT;
        }
    }

    /**
     * @return whether the shard answered an AddInstrument of the instrument that no resume took yet; takes it.
     */
    boolean take(final int shard, final int instrument)
    {
        final int index = indexOf(key(shard, instrument));
        if (index >= 0)
        {
            added[index] = NONE;
        }
        return index >= 0;
    }

    /**
     * Forgets the answers of shards the table already routes their instrument to (listed there, or that move's switch
     * applied): no move followed later resumes by them.
     */
    void forgetRouted(final RoutingTable table)
    {
        for (int i = 0; i < LIMIT; i++)
        {
            if (added[i] != NONE && table.shardOf((int)added[i]) == (int)(added[i] >>> Integer.SIZE))
            {
                added[i] = NONE;
            }
        }
    }

    private int indexOf(final long key)
    {
        for (int i = 0; i < LIMIT; i++)
        {
            if (added[i] == key)
            {
                return i;
            }
        }
        return -1;
    }

    private static long key(final int shard, final int instrument)
    {
        return (long)shard << Integer.SIZE | instrument & 0xFFFF_FFFFL;
    }
}
