package io.disruptorx.shard.venue;

import io.disruptorx.protocol.sbe.event.AdminType;
import org.agrona.collections.Long2LongHashMap;

/**
 * The transfers between shards on their way, followed from the shards' own events, whichever gateway carries them
 * out: every shard answers a transfer step with an AdminResult that names the transfer's account and asset and what
 * the step changed in the ledger there ({@code moved}: {@code -amount} for a TransferOut applied, {@code +amount} for
 * a TransferIn applied or a return settled, 0 when it changed nothing), and every gateway receives every shard's
 * events. It makes a balance answer exact while funds are on their way: each shard answers a balance query after
 * exactly the events of the commands it applied before the query, and its events reach the merger in its log order,
 * so when shard s's answer to query Q arrives, a transfer's TransferOut (or its return) is in that answer iff its
 * result from s arrived before, and likewise its TransferIn at the target. For each shard's answer the transfers of
 * the account add {@code +amount} at their source (out applied and not returned) and {@code -amount} at their
 * target (in applied): per shard, free + locked + that stays the same through every step, so the sum over the
 * shards' answers is the account's total at any cut, and the inTransfer part of it is what left a source and had not
 * arrived at its target at the query's cut. (Only for a query that reached the target after the arrival and the
 * source before the departure, as a query delayed at one shard can, the inTransfer part is negative: the total stays
 * exact.)
 *
 * <p>The two shards' streams interleave in any order: the arrival may be polled before the departure. A transfer is
 * followed from the first of its results that changed a ledger (its TransferOut's at the source, or its TransferIn's
 * at the target) and has ended once both its departure and its arrival arrived, or its return, or the source
 * refused it. A transfer that ended counts on neither side in the queries opened after its end (both sides' answers
 * hold all of it), and stays until no query opened before its end is still open; then its entry is reused. Results
 * that changed nothing (a refusal, a repeat after a coordinator's restart, a settle as completed) start nothing.
 *
 * <p>A gateway that starts while a transfer is on its way has missed its departure (the shards' events are not
 * replayed to it): it shows that transfer's funds on no shard until the transfer ends. If it sees the arrival, it
 * counts it at the target ({@code -amount}, the total still smaller by the amount) until the source settles the
 * transfer, which tells it the departure came before it followed the source; from then on the answers are exact.
 * The gateway whose coordinator carries a transfer out knows more after its restart: the coordinator's journal
 * ({@link #resume}). Such a transfer is uncertain until the result of the step it was at arrives (that step may or
 * may not have been applied before the restart): balance queries of its account are pushed back until then.
 *
 * <p>Bounded: a fixed table of entries, preallocated and reused; nothing is allocated per event. When more transfers
 * are on their way at once than it holds, a transfer whose first result finds no free entry is not followed
 * ({@link #notFollowed} counts them): it is shown as by a gateway that started during its flight (on no shard until
 * it ends). Transfer ids are long keys. One thread uses an instance.
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
    private final long[] id;
    private final long[] account;
    private final long[] amount;
    private final long[] endedAt;
    private final int[] asset;
    private final int[] from;
    private final int[] to;
    private final int[] flags;
    private final int[] freeEntries;
    private int freeCount;
    private int used;
    private int uncertain;
    private int ended;
    private long notFollowed;

    /**
     * @param capacity transfers followed at once (on their way, or ended and still needed by an open query).
     */
    TransfersInFlight(final int capacity)
    {
        byId = new Long2LongHashMap(capacity * 2, 0.65f, -1);
        id = new long[capacity];
        account = new long[capacity];
        amount = new long[capacity];
        endedAt = new long[capacity];
        asset = new int[capacity];
        from = new int[capacity];
        to = new int[capacity];
        flags = new int[capacity];
        freeEntries = new int[capacity];
        for (int entry = capacity - 1; entry >= 0; entry--)
        {
            freeEntries[freeCount++] = entry;
        }
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
        if (add(transferId, accountId, assetId, amount, source, target,
            UNCERTAIN | (outApplied ? OUT_APPLIED : 0) | (inRefused ? IN_REFUSED : 0)))
        {
            uncertain++;
        }
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
     * @param accountId  the transfer's account, as the result names it.
     * @param assetId    its asset.
     * @param moved      what the step changed in the ledger of that shard (0 when nothing, or an older shard that
     *                   does not say).
     * @param nextSerial the serial the next fan-out gets.
     */
    void onResult(final int shard, final int adminType, final long transferId, final boolean applied,
        final long accountId, final int assetId, final long moved, final long nextSerial)
    {
        if (adminType != TRANSFER_OUT && adminType != TRANSFER_IN && adminType != SETTLE_TRANSFER)
        {
            return;
        }
        final int entry = (int)byId.get(transferId);
        if (entry < 0)
        {
            begin(shard, adminType, transferId, applied, accountId, assetId, moved);
        }
        else if ((flags[entry] & ENDED) == 0)
        {
            if (adminType == TRANSFER_OUT)
            {
                departed(entry, shard, applied, nextSerial);
            }
            else if (adminType == TRANSFER_IN)
            {
                arrived(entry, shard, applied, nextSerial);
            }
            else
            {
                settled(entry, shard, applied, moved, nextSerial);
            }
        }
    }

    /**
     * @return transfers not followed because the table was full when their first result arrived.
     */
    long notFollowed()
    {
        return notFollowed;
    }

    /**
     * @return how many transfers the table holds at once.
     */
    int capacity()
    {
        return flags.length;
    }

    private void begin(final int shard, final int adminType, final long transferId, final boolean applied,
        final long accountId, final int assetId, final long moved)
    {
        if (!applied || moved == 0)
        {
            return;
        }
        if (adminType == TRANSFER_OUT && moved < 0)
        {
            add(transferId, accountId, assetId, -moved, shard, -1, OUT_APPLIED);
        }
        else if (adminType == TRANSFER_IN && moved > 0)
        {
            add(transferId, accountId, assetId, moved, -1, shard, IN_APPLIED);
        }
    }

    private void departed(final int entry, final int shard, final boolean applied, final long nextSerial)
    {
        final int state = flags[entry];
        if ((state & OUT_APPLIED) != 0 || shard == to[entry] || (from[entry] >= 0 && from[entry] != shard))
        {
            return;
        }
        settle(entry);
        from[entry] = shard;
        if (!applied)
        {
            end(entry, nextSerial);
            return;
        }
        flags[entry] |= OUT_APPLIED;
        if ((state & IN_APPLIED) != 0)
        {
            end(entry, nextSerial);
        }
    }

    private void arrived(final int entry, final int shard, final boolean applied, final long nextSerial)
    {
        final int state = flags[entry];
        if ((state & (IN_APPLIED | IN_REFUSED)) != 0 || shard == from[entry] || (to[entry] >= 0 && to[entry] != shard))
        {
            return;
        }
        settle(entry);
        to[entry] = shard;
        if (!applied)
        {
            flags[entry] |= IN_REFUSED;
            return;
        }
        flags[entry] |= IN_APPLIED;
        if ((state & OUT_APPLIED) != 0)
        {
            end(entry, nextSerial);
        }
    }

    /**
     * A settle at the source: a return (funds back in the account there) ends the transfer; a settle of a transfer
     * whose departure this client never saw (only its arrival) tells that the departure came before it followed the
     * source (or found the table full), so the arrival's count ends too.
     */
    private void settled(final int entry, final int shard, final boolean applied, final long moved,
        final long nextSerial)
    {
        final int state = flags[entry];
        if (from[entry] < 0)
        {
            if (shard != to[entry])
            {
                end(entry, nextSerial);
            }
        }
        else if (shard == from[entry] && applied && (state & OUT_APPLIED) != 0 &&
            (moved > 0 || (state & IN_REFUSED) != 0))
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

    private boolean add(final long transferId, final long accountId, final int assetId, final long amount,
        final int source, final int target, final int state)
    {
        if (freeCount == 0)
        {
            notFollowed++;
            return false;
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
        return true;
    }
}
