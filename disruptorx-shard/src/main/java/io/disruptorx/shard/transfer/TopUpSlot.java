package io.disruptorx.shard.transfer;

import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One new order a top-up may be needed for, from its offer to its answer ({@link TopUpVenueClient}): a copy of the
 * order to send again, the original reject to deliver when the top-up does not happen, and the balance answers and
 * transfer of its top-up. Allocated once, reused.
 */
final class TopUpSlot
{
    static final int FREE = 0;
    /** Sent; its first answer not seen yet. */
    static final int SENT = 1;
    /** Rejected for lack of funds; waits until no other top-up of the account and asset is under way. */
    static final int WAITING = 2;
    /** Balance queries sent to the shards, their answers being collected. */
    static final int QUERYING = 3;
    /** The transfer of the shortfall under way. */
    static final int TRANSFERRING = 4;
    /** To be sent again (pushed back so far). */
    static final int RESENDING = 5;
    /** Sent again; its answer goes to the client as it is. */
    static final int RESENT = 6;

    static final int MAX_MESSAGE = 128;

    final UnsafeBuffer command = new UnsafeBuffer(new byte[MAX_MESSAGE]);
    final UnsafeBuffer reject = new UnsafeBuffer(new byte[MAX_MESSAGE]);
    final long[] free;
    final int[] remaining;
    final boolean[] querySent;
    int state;
    long serial;
    long accountId;
    long clientOrderId;
    int commandLength;
    int rejectLength;
    long rejectSequence;
    TopUpInstrument instrument;
    TopUpPolicy policy;
    int target;
    int assetId;
    long hold;
    long queryId;
    long transferId;

    TopUpSlot(final int shards)
    {
        free = new long[shards];
        remaining = new int[shards];
        querySent = new boolean[shards];
    }

    /**
     * @return whether a top-up of this order is under way (its funds may be moving or about to be used).
     */
    boolean busy()
    {
        return state == QUERYING || state == TRANSFERRING || state == RESENDING || (state == RESENT && hold > 0);
    }

    void startQuery(final long id)
    {
        queryId = id;
        Arrays.fill(free, 0);
        Arrays.fill(remaining, -1);
        Arrays.fill(querySent, false);
        state = QUERYING;
    }

    /**
     * Takes one AccountBalance event a shard answered the slot's query with (one per asset, or one with count 0).
     */
    void onBalance(final int shard, final int count, final int asset, final long available)
    {
        if (shard >= remaining.length || remaining[shard] == 0)
        {
            return;
        }
        if (remaining[shard] < 0)
        {
            remaining[shard] = Math.max(count, 1);
        }
        if (count > 0 && asset == assetId)
        {
            free[shard] = available;
        }
        remaining[shard]--;
    }

    /**
     * @return whether every shard has answered the balance query.
     */
    boolean answered()
    {
        for (final int left : remaining)
        {
            if (left != 0)
            {
                return false;
            }
        }
        return true;
    }

    void release()
    {
        state = FREE;
        instrument = null;
        policy = null;
        hold = 0;
        transferId = 0;
        queryId = 0;
    }
}
