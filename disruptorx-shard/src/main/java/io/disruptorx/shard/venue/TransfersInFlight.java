package io.disruptorx.shard.venue;

import java.util.Arrays;

import io.disruptorx.protocol.sbe.event.AdminType;
import org.agrona.collections.Long2LongHashMap;

/**
 * The transfers between shards whose steps went through this client ({@code offerTo}: a TransferOut registers its
 * transfer, a TransferIn names its target), and how far each shard's stream has told of them. It makes a balance
 * answer exact while funds are on their way: each shard answers a balance query after exactly the events of the
 * commands it applied before the query, and its events reach the merger in its log order, so when shard s's answer
 * to query Q arrives, a transfer's TransferOut (or its return) is in that answer iff its result from s arrived
 * before, and likewise its TransferIn at the target. For each shard's answer the transfers of the account add
 * {@code +amount} at their source (out applied and not returned) and {@code -amount} at their target (in applied);
 * over all the shards' answers that sums to the amount that left a source and had not arrived at its target at the
 * query's cut: out included, in not. An in is never included without its out (the coordinator sends it only after
 * the out's result, and a shard that owes a fan-out takes nothing before it), so no unit is counted twice.
 *
 * <p>A query opened before a transfer's TransferOut was taken needs no care: it reached the source before the
 * TransferOut and the target before the TransferIn, so both results arrive after those shards' answers. A transfer
 * that ended (arrived, returned, or refused at the source) counts on neither side in the queries opened after its
 * end (both sides' answers hold all of it), and stays until no query opened before its end is still open; then its
 * entry is reused. A transfer taken up unfinished from the coordinator's journal after a restart
 * ({@link #resume}) is uncertain until the result of the step it was at arrives (that step may or may not have been
 * applied before the restart): balance queries of its account are pushed back until then.
 *
 * <p>Entries are preallocated and reused; the tables only grow when more transfers are on their way at once than
 * ever before. Transfer ids are long keys. One thread uses an instance.
 */
final class TransfersInFlight
{
    private static final int OUT_APPLIED = 1;
    private static final int IN_APPLIED = 2;
    private static final int IN_REFUSED = 4;
    private static final int RETURNED = 8;
    private static final int UNCERTAIN = 16;
    private static final int ENDED = 32;
    private static final int USED = 64;
    private static final short TRANSFER_OUT = AdminType.TRANSFER_OUT.value();
    private static final short TRANSFER_IN = AdminType.TRANSFER_IN.value();
    private static final short SETTLE_TRANSFER = AdminType.SETTLE_TRANSFER.value();

    private final Long2LongHashMap byId;
    private long[] id;
    private long[] account;
    private long[] amount;
    private long[] endedAt;
    private int[] asset;
    private int[] from;
    private int[] to;
    private int[] flags;
    private int[] freeEntries;
    private int freeCount;
    private int used;
    private int uncertain;
    private int ended;

    /**
     * @param capacity transfers on their way at once before the tables grow.
     */
    TransfersInFlight(final int capacity)
    {
        byId = new Long2LongHashMap(capacity * 2, 0.65f, -1);
        allocate(capacity);
    }

    /**
     * @return transfers tracked (on their way, or ended and still needed by an open query).
     */
    int tracked()
    {
        return used;
    }

    /**
     * @return whether some transfer has ended and waits to be freed ({@link #release}).
     */
    boolean hasEnded()
    {
        return ended > 0;
    }

    /**
     * A TransferOut the source took.
     */
    void transferOut(final long transferId, final long accountId, final int assetId, final long amount,
        final int source)
    {
        if (byId.get(transferId) < 0)
        {
            add(transferId, accountId, assetId, amount, source, -1, 0);
        }
    }

    /**
     * A TransferIn the target took: names the transfer's target.
     */
    void transferIn(final long transferId, final int target)
    {
        final int entry = (int)byId.get(transferId);
        if (entry >= 0 && to[entry] < 0 && from[entry] != target)
        {
            to[entry] = target;
        }
    }

    /**
     * A transfer the coordinator's journal holds unfinished, taken up after a restart.
     *
     * @param outApplied whether the journal knows the source applied its TransferOut.
     * @param inRefused  whether it knows the target refused the TransferIn (a return to the source is due).
     */
    void resume(final long transferId, final long accountId, final int assetId, final long amount, final int source,
        final int target, final boolean outApplied, final boolean inRefused)
    {
        if (byId.get(transferId) >= 0)
        {
            return;
        }
        add(transferId, accountId, assetId, amount, source, target,
            UNCERTAIN | (outApplied ? OUT_APPLIED : 0) | (inRefused ? IN_REFUSED : 0));
        uncertain++;
    }

    /**
     * @return whether a balance query of the account must wait: a transfer of it taken up after a restart is
     * uncertain.
     */
    boolean mustWait(final long accountId)
    {
        if (uncertain == 0)
        {
            return false;
        }
        for (int entry = 0; entry < flags.length; entry++)
        {
            if ((flags[entry] & (USED | UNCERTAIN)) == (USED | UNCERTAIN) && account[entry] == accountId)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * A transfer's step answered by a shard (an AdminResult; other admin types are ignored).
     *
     * @param applied    whether the shard applied it (result NONE); a repeat gets the first answer again.
     * @param nextSerial the serial the next fan-out gets.
     */
    void onResult(final int shard, final int adminType, final long transferId, final boolean applied,
        final long nextSerial)
    {
        if (used == 0 || (adminType != TRANSFER_OUT && adminType != TRANSFER_IN && adminType != SETTLE_TRANSFER))
        {
            return;
        }
        final int entry = (int)byId.get(transferId);
        if (entry < 0 || (flags[entry] & ENDED) != 0)
        {
            return;
        }
        final int state = flags[entry];
        if (adminType == TRANSFER_OUT && shard == from[entry] && (state & OUT_APPLIED) == 0)
        {
            settle(entry);
            if (applied)
            {
                flags[entry] |= OUT_APPLIED;
            }
            else
            {
                end(entry, nextSerial);
            }
        }
        else if (adminType == TRANSFER_IN && shard == to[entry] && (state & OUT_APPLIED) != 0 &&
            (state & IN_REFUSED) == 0)
        {
            settle(entry);
            if (applied)
            {
                flags[entry] |= IN_APPLIED;
                end(entry, nextSerial);
            }
            else
            {
                flags[entry] |= IN_REFUSED;
            }
        }
        else if (adminType == SETTLE_TRANSFER && shard == from[entry] && applied && (state & IN_REFUSED) != 0)
        {
            settle(entry);
            flags[entry] |= RETURNED;
            end(entry, nextSerial);
        }
    }

    /**
     * Adds what one shard's answer to a balance query holds of the account's transfers: {@code +amount} at a source
     * that applied the TransferOut and not its return, {@code -amount} at a target that applied the TransferIn.
     *
     * @param serial the query's fan-out serial: a transfer that ended before the query was opened counts on neither
     *               side (both shards' answers include all of it), so that it may be freed meanwhile.
     */
    void addTo(final FanOutTable fanOuts, final int slot, final long serial, final int shard, final long accountId)
    {
        for (int entry = 0; entry < flags.length; entry++)
        {
            final int state = flags[entry];
            if ((state & USED) != 0 && account[entry] == accountId &&
                ((state & ENDED) == 0 || endedAt[entry] > serial))
            {
                if (from[entry] == shard && (state & OUT_APPLIED) != 0 && (state & RETURNED) == 0)
                {
                    fanOuts.addInFlight(slot, asset[entry], amount[entry]);
                }
                else if (to[entry] == shard && (state & IN_APPLIED) != 0)
                {
                    fanOuts.addInFlight(slot, asset[entry], -amount[entry]);
                }
            }
        }
    }

    /**
     * Frees the ended transfers no open balance query needs any more.
     *
     * @param oldestOpen serial of the oldest balance query still open, or {@link Long#MAX_VALUE}.
     */
    void release(final long oldestOpen)
    {
        for (int entry = 0; entry < flags.length; entry++)
        {
            if ((flags[entry] & (USED | ENDED)) == (USED | ENDED) && endedAt[entry] <= oldestOpen)
            {
                byId.remove(id[entry]);
                flags[entry] = 0;
                freeEntries[freeCount++] = entry;
                used--;
                ended--;
            }
        }
    }

    private void settle(final int entry)
    {
        if ((flags[entry] & UNCERTAIN) != 0)
        {
            flags[entry] &= ~UNCERTAIN;
            uncertain--;
        }
    }

    private void end(final int entry, final long nextSerial)
    {
        flags[entry] |= ENDED;
        endedAt[entry] = nextSerial;
        ended++;
    }

    private void add(final long transferId, final long accountId, final int assetId, final long amount,
        final int source, final int target, final int state)
    {
        if (freeCount == 0)
        {
            allocate(flags.length * 2);
        }
        final int entry = freeEntries[--freeCount];
        id[entry] = transferId;
        account[entry] = accountId;
        this.amount[entry] = amount;
        endedAt[entry] = 0;
        asset[entry] = assetId;
        from[entry] = source;
        to[entry] = target;
        flags[entry] = USED | state;
        byId.put(transferId, entry);
        used++;
    }

    private void allocate(final int capacity)
    {
        final int before = flags == null ? 0 : flags.length;
        id = before == 0 ? new long[capacity] : Arrays.copyOf(id, capacity);
        account = before == 0 ? new long[capacity] : Arrays.copyOf(account, capacity);
        amount = before == 0 ? new long[capacity] : Arrays.copyOf(amount, capacity);
        endedAt = before == 0 ? new long[capacity] : Arrays.copyOf(endedAt, capacity);
        asset = before == 0 ? new int[capacity] : Arrays.copyOf(asset, capacity);
        from = before == 0 ? new int[capacity] : Arrays.copyOf(from, capacity);
        to = before == 0 ? new int[capacity] : Arrays.copyOf(to, capacity);
        flags = before == 0 ? new int[capacity] : Arrays.copyOf(flags, capacity);
        freeEntries = new int[capacity];
        freeCount = 0;
        for (int entry = capacity - 1; entry >= before; entry--)
        {
            freeEntries[freeCount++] = entry;
        }
    }
}
