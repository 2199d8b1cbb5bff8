package io.disruptorx.shard.venue;

import java.util.Arrays;

import io.disruptorx.protocol.sbe.event.AdminType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Commands sent to several shards whose replies are merged into one: each in-flight fan-out waits for one reply
 * from every shard it went to. A reply is matched to the oldest fan-out with its key that still waits for that
 * shard: each shard replies in the order it took commands, so the match is exact for replies of the same key.
 * A fan-out also remembers the shards that have not taken the command yet (they pushed back), to offer it to them
 * again on the next duty cycle, and counts per shard the fan-outs it still owes ({@link #owes}): nothing else may go
 * to such a shard before them, or the shard would take commands out of their order.
 *
 * <p>The replies of a balance query are summed per asset over the shards ({@link #addBalance}), and so are the
 * shards' parts of the amounts in transfer between shards ({@link #addInFlight}).
 *
 * <p>The entries are preallocated ({@code capacity} of them, each with its command's bytes): no allocation after
 * construction, but for a balance answer with more assets than any before in its slot (its arrays double). One
 * thread uses an instance.
 */
final class FanOutTable
{
    /** Replies are AdminResult events of one admin type and subject. */
    static final int ADMIN = 1;
    /** Replies are the answer to a cancel or replace named by client order id: key account and request id. */
    static final int BY_CLIENT_ORDER_ID = 2;
    /** Replies are AccountBalance events, one per asset of each shard's answer: key account and request id. */
    static final int BALANCES = 3;
    /** Replies are OpenOrder events, orderCount per shard's answer: key account and request id; kept and merged by
     *  {@link OpenOrderAnswers}. */
    static final int OPEN_ORDERS = 4;

    static final int MAX_COMMAND = 256;

    private static final int INITIAL_ASSETS = 16;
    private static final long MASS_CANCEL = AdminType.MASS_CANCEL.value();
    private static final long SET_RISK_LIMITS = AdminType.SET_RISK_LIMITS.value();

    private final int shards;
    private final int words;
    private final int[] kind;
    private final long[] key1;
    private final long[] key2;
    private final long[] serial;
    private final long[][] waiting;
    private final long[][] unsent;
    private final int[] outstanding;
    private final int[] unsentTo;
    private final int[] result;
    private final boolean[] found;
    private final UnsafeBuffer[] command;
    private final int[] commandLength;
    private final int[][] balanceEvents;
    private final int[][] assets;
    private final long[][] free;
    private final long[][] locked;
    private final long[][] inFlight;
    private final int[] assetCount;
    private final long[] balanceTime;
    private long nextSerial = 1;
    private int inUse;
    private int lastOpened = -1;

    /**
     * @param shards   shards a fan-out goes to.
     * @param capacity fan-outs in flight at once.
     */
    FanOutTable(final int shards, final int capacity)
    {
        this.shards = shards;
        this.words = (shards + 63) / 64;
        kind = new int[capacity];
        key1 = new long[capacity];
        key2 = new long[capacity];
        serial = new long[capacity];
        waiting = new long[capacity][words];
        unsent = new long[capacity][words];
        outstanding = new int[capacity];
        unsentTo = new int[shards];
        result = new int[capacity];
        found = new boolean[capacity];
        command = new UnsafeBuffer[capacity];
        commandLength = new int[capacity];
        balanceEvents = new int[capacity][shards];
        assets = new int[capacity][INITIAL_ASSETS];
        free = new long[capacity][INITIAL_ASSETS];
        locked = new long[capacity][INITIAL_ASSETS];
        inFlight = new long[capacity][INITIAL_ASSETS];
        assetCount = new int[capacity];
        balanceTime = new long[capacity];
        for (int i = 0; i < capacity; i++)
        {
            command[i] = new UnsafeBuffer(new byte[MAX_COMMAND]);
        }
    }

    /**
     * @return fan-outs in flight.
     */
    int inUse()
    {
        return inUse;
    }

    /**
     * Starts a fan-out, not sent yet.
     *
     * @param onlyShard the one shard it goes to, or -1 for every shard (one shard still takes a slot, so that its
     *                  reply is not taken for a fan-out's with the same key).
     * @return its slot, or -1 when the table is full or the command too long.
     */
    int open(final int kind, final long key1, final long key2, final DirectBuffer buffer, final int offset,
        final int length, final int onlyShard)
    {
        if (length > MAX_COMMAND)
        {
            return -1;
        }
        for (int slot = 0; slot < this.kind.length; slot++)
        {
            if (this.kind[slot] == 0)
            {
                this.kind[slot] = kind;
                this.key1[slot] = key1;
                this.key2[slot] = key2;
                serial[slot] = nextSerial++;
                Arrays.fill(waiting[slot], 0);
                Arrays.fill(unsent[slot], 0);
                for (int shard = 0; shard < shards; shard++)
                {
                    if (onlyShard < 0 || onlyShard == shard)
                    {
                        waiting[slot][shard >> 6] |= 1L << shard;
                        unsent[slot][shard >> 6] |= 1L << shard;
                        unsentTo[shard]++;
                    }
                }
                outstanding[slot] = onlyShard < 0 ? shards : 1;
                result[slot] = 0;
                found[slot] = false;
                command[slot].putBytes(0, buffer, offset, length);
                commandLength[slot] = length;
                Arrays.fill(balanceEvents[slot], 0);
                assetCount[slot] = 0;
                balanceTime[slot] = 0;
                inUse++;
                lastOpened = slot;
                return slot;
            }
        }
        return -1;
    }

    /**
     * Frees a fan-out that no shard took.
     */
    void abandon(final int slot)
    {
        for (int shard = 0; shard < shards; shard++)
        {
            sent(slot, shard);
        }
        kind[slot] = 0;
        inUse--;
    }

    /**
     * @param account an account (0: an administrator's commands of every account).
     * @param from    a serial: fan-outs opened before it are no longer waited for (overdue).
     * @param before  a serial ({@link #nextSerial} when asked first).
     * @return whether a fan-out opened from {@code from} and before {@code before} still waits for a reply and answers
     * the account: a query, a cancel or replace by client order id, a mass cancel or risk limits of it. A local answer
     * to a later command of the account waits for it ({@link CatchUpHold}), so that it does not come before this one.
     */
    boolean answersPendingOf(final long account, final long from, final long before)
    {
        if (inUse == 0)
        {
            return false;
        }
        for (int slot = 0; slot < kind.length; slot++)
        {
            if (kind[slot] != 0 && serial[slot] >= from && serial[slot] < before &&
                (kind[slot] == ADMIN ? key2[slot] == account && (key1[slot] == MASS_CANCEL ||
                key1[slot] == SET_RISK_LIMITS) : key1[slot] == account))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param shard a shard, or -1 for any.
     * @return whether some fan-out has not been taken by that shard (by any shard) yet: a command for it must wait.
     */
    boolean owes(final int shard)
    {
        if (inUse == 0)
        {
            return false;
        }
        if (shard >= 0)
        {
            return unsentTo[shard] > 0;
        }
        for (final int count : unsentTo)
        {
            if (count > 0)
            {
                return true;
            }
        }
        return false;
    }

    boolean isUnsent(final int slot, final int shard)
    {
        return (unsent[slot][shard >> 6] & 1L << shard) != 0;
    }

    void sent(final int slot, final int shard)
    {
        if (isUnsent(slot, shard))
        {
            unsent[slot][shard >> 6] &= ~(1L << shard);
            unsentTo[shard]--;
        }
    }

    /**
     * A shard that will never answer (closed): the fan-out stops waiting for it.
     *
     * @return true when that completed the fan-out (it is then free).
     */
    boolean giveUp(final int slot, final int shard)
    {
        sent(slot, shard);
        return reply(slot, shard, 0, false);
    }

    /**
     * @return true when some shard has not taken the command of this fan-out yet.
     */
    boolean hasUnsent(final int slot)
    {
        for (int w = 0; w < words; w++)
        {
            if (unsent[slot][w] != 0)
            {
                return true;
            }
        }
        return false;
    }

    int capacity()
    {
        return kind.length;
    }

    boolean isOpen(final int slot)
    {
        return kind[slot] != 0;
    }

    /**
     * @return the serial of the fan-out in the slot: fan-outs opened later have higher serials.
     */
    long serial(final int slot)
    {
        return serial[slot];
    }

    /**
     * @return the serial the next fan-out opened gets.
     */
    long nextSerial()
    {
        return nextSerial;
    }

    UnsafeBuffer command(final int slot)
    {
        return command[slot];
    }

    int commandLength(final int slot)
    {
        return commandLength[slot];
    }

    /**
     * @return the slot the last fan-out was opened in, or -1.
     */
    int lastOpened()
    {
        return lastOpened;
    }

    /**
     * @return the kind of the fan-out in the slot, 0 when the slot is free.
     */
    int kind(final int slot)
    {
        return kind[slot];
    }

    /**
     * @return whether the fan-out in the slot still waits for the shard's reply.
     */
    boolean isWaiting(final int slot, final int shard)
    {
        return (waiting[slot][shard >> 6] & 1L << shard) != 0;
    }

    /**
     * Starts a fan-out's merged result with a code carried from an earlier one it continues: the result is then the
     * first non-zero of that code and the replies' codes.
     */
    void carry(final int slot, final int code)
    {
        result[slot] = code;
    }

    /**
     * @return the slot of the oldest fan-out of this kind and key still waiting for the shard, or -1.
     */
    int match(final int kind, final long key1, final long key2, final int shard)
    {
        int best = -1;
        for (int slot = 0; slot < this.kind.length; slot++)
        {
            if (this.kind[slot] == kind && this.key1[slot] == key1 && this.key2[slot] == key2 &&
                (waiting[slot][shard >> 6] & 1L << shard) != 0 && (best < 0 || serial[slot] < serial[best]))
            {
                best = slot;
            }
        }
        return best;
    }

    /**
     * Counts one shard's reply.
     *
     * @param code    the reply's result code; the merged result is the first non-zero one.
     * @param isFound whether the shard had the order (cancel and replace by client order id).
     * @return true when it was the last reply: the fan-out is complete and its slot free.
     */
    boolean reply(final int slot, final int shard, final int code, final boolean isFound)
    {
        waiting[slot][shard >> 6] &= ~(1L << shard);
        if (result[slot] == 0)
        {
            result[slot] = code;
        }
        found[slot] |= isFound;
        if (--outstanding[slot] == 0)
        {
            kind[slot] = 0;
            inUse--;
            return true;
        }
        return false;
    }

    /**
     * @return the merged result code (valid until the slot is reused).
     */
    int result(final int slot)
    {
        return result[slot];
    }

    /**
     * @return whether any shard had the order (valid until the slot is reused).
     */
    boolean found(final int slot)
    {
        return found[slot];
    }

    /**
     * @return whether the shard's reply is the last one the fan-out waits for.
     */
    boolean isLastReply(final int slot)
    {
        return outstanding[slot] == 1;
    }

    /**
     * Adds one AccountBalance event of a shard's answer to a balance fan-out: its asset's amounts to the sums over
     * the shards, kept in asset id order. A shard's answer is {@code count} events (one with count 0 when the
     * account has nothing there), contiguous in the shard's stream.
     *
     * @return true when this event was the shard's last of its answer.
     */
    boolean addBalance(final int slot, final int shard, final int count, final int assetId, final long free,
        final long locked, final long timestamp)
    {
        balanceTime[slot] = Math.max(balanceTime[slot], timestamp);
        if (count > 0)
        {
            final int at = indexOf(slot, assetId);
            this.free[slot][at] += free;
            this.locked[slot][at] += locked;
        }
        return ++balanceEvents[slot][shard] >= Math.max(count, 1);
    }

    /**
     * Adds a shard's part of the amount of an asset of the account in transfer between shards at the query's cut.
     */
    void addInFlight(final int slot, final int assetId, final long amount)
    {
        inFlight[slot][indexOf(slot, assetId)] += amount;
    }

    /**
     * @return assets of the merged answer (valid until the slot is reused).
     */
    int balanceAssets(final int slot)
    {
        return assetCount[slot];
    }

    int balanceAsset(final int slot, final int index)
    {
        return assets[slot][index];
    }

    long balanceFree(final int slot, final int index)
    {
        return free[slot][index];
    }

    long balanceLocked(final int slot, final int index)
    {
        return locked[slot][index];
    }

    long balanceInFlight(final int slot, final int index)
    {
        return inFlight[slot][index];
    }

    /**
     * @return the latest time any shard stamped on its answer.
     */
    long balanceTimestamp(final int slot)
    {
        return balanceTime[slot];
    }

    /**
     * @return the index of the asset in the slot's answer, inserted (all amounts 0) in asset id order if new.
     */
    private int indexOf(final int slot, final int assetId)
    {
        final int count = assetCount[slot];
        int at = count;
        while (at > 0 && assets[slot][at - 1] > assetId)
        {
            at--;
        }
        if (at > 0 && assets[slot][at - 1] == assetId)
        {
            return at - 1;
        }
        if (count == assets[slot].length)
        {
            assets[slot] = Arrays.copyOf(assets[slot], count * 2);
            free[slot] = Arrays.copyOf(free[slot], count * 2);
            locked[slot] = Arrays.copyOf(locked[slot], count * 2);
            inFlight[slot] = Arrays.copyOf(inFlight[slot], count * 2);
        }
        System.arraycopy(assets[slot], at, assets[slot], at + 1, count - at);
        System.arraycopy(free[slot], at, free[slot], at + 1, count - at);
        System.arraycopy(locked[slot], at, locked[slot], at + 1, count - at);
        System.arraycopy(inFlight[slot], at, inFlight[slot], at + 1, count - at);
        assets[slot][at] = assetId;
        free[slot][at] = 0;
        locked[slot][at] = 0;
        inFlight[slot][at] = 0;
        assetCount[slot] = count + 1;
        return at;
    }
}
