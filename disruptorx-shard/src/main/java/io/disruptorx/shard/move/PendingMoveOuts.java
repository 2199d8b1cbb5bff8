package io.disruptorx.shard.move;

import java.util.Arrays;

import io.disruptorx.shard.venue.ShardedVenueClient;

/**
 * The moves a {@link MoveFollower} read whose source's MoveOut answer may still come, with the orders each carries
 * (account and client order id): a gateway behind on a source may read the next moves' announcements first, so the
 * last {@link #PENDING} are kept (the oldest overwritten). Once the source applied a move's MoveOut, the client is
 * told which orders left ({@link ShardedVenueClient#movedOut}). Runs in the client's thread.
 */
final class PendingMoveOuts
{
    /** Moves read whose MoveOut answer may still come. */
    static final int PENDING = 4;
    private static final long NONE = -1;

    private final long[] moveIds = new long[PENDING];
    private final int[] sources = new int[PENDING];
    private final int[] instruments = new int[PENDING];
    private final long[][] accounts = new long[PENDING][];
    private final long[][] clientOrderIds = new long[PENDING][];
    private int next;

    PendingMoveOuts()
    {
        clear();
    }

    /**
     * Remembers a move whose orders were read, in the announcement's order.
     */
    void add(final long moveId, final int from, final int instrument, final long[] orderAccounts,
        final long[] orderClientOrderIds)
    {
        moveIds[next] = moveId;
        sources[next] = from;
        instruments[next] = instrument;
        accounts[next] = orderAccounts;
        clientOrderIds[next] = orderClientOrderIds;
        next = (next + 1) % PENDING;
    }

    /**
     * The shard applied MoveOut of a move: if it is that move's source, tells the client which orders left (once).
     */
    void movedOut(final ShardedVenueClient client, final int shard, final long moveId)
    {
        for (int i = 0; i < PENDING; i++)
        {
            if (moveIds[i] == moveId && sources[i] == shard)
            {
                moveIds[i] = NONE;
                client.movedOut(instruments[i], sources[i], accounts[i], clientOrderIds[i]);
            }
        }
    }

    /**
     * Forgets a move out of the source, which resumed it (rolled back).
     */
    void forget(final long moveId, final int from)
    {
        for (int i = 0; i < PENDING; i++)
        {
            if (moveIds[i] == moveId && sources[i] == from)
            {
                moveIds[i] = NONE;
            }
        }
    }

    /** Forgets every move. */
    void clear()
    {
        Arrays.fill(moveIds, NONE);
    }
}
