package io.disruptorx.shard.venue;

import java.util.Arrays;

/**
 * The accounts a held instrument's move may touch ({@link HeldCommands}): the accounts of the orders its book carried
 * as read at the source after the halt. A move changes the funds and orders of those accounts only: MoveOut takes each
 * order's hold out of its account at the source (in flight), RestoreOrder puts it into the same account at the target,
 * an undo and the settles give it back to that account, and a mass cancel sent again to the target after the switch
 * ({@link LateReplies}) finds only moved orders. The book read is final in what it can hold: the halted source takes
 * no new order, so an account with no order in it has none that moves. Any other account's balances and orders are the
 * same on every shard at every step of the move, and its balance query or cancel by client order id need not wait.
 *
 * <p>Per instrument held (a slot of {@link HeldCommands}), the accounts are kept as bits of their hashes (a collision
 * only holds a command more) and are not known until the book is read ({@link #add}): until then every account's
 * command waits, except that a balance query goes on while the move has changed no funds yet ({@link #untouched}: a
 * gateway's own move, before its MoveOut, which the shards take after every query routed before it). Once known they
 * stay until the instrument's hold ends; the same instrument moving again while still held keeps them and adds its
 * new book's. No allocation.
 */
final class MovingAccounts
{
    private final long[][] bits;
    private final boolean[] known;
    private final boolean[] untouched;

    MovingAccounts(final int slots)
    {
        bits = new long[slots][1 << (HeldReach.ACCOUNT_BITS_LOG2 - 6)];
        known = new boolean[slots];
        untouched = new boolean[slots];
    }

    /**
     * The slot's instrument begins a move: its accounts are not known. {@code again}: it was held already (after an
     * earlier move's switch), and the accounts known of that move stay.
     */
    void begin(final int slot, final boolean again)
    {
        if (!again)
        {
            Arrays.fill(bits[slot], 0);
        }
        known[slot] = false;
        untouched[slot] = false;
    }

    /**
     * The slot's move has changed no funds yet and names its accounts ({@link #add}) before it does.
     */
    void untouched(final int slot)
    {
        untouched[slot] = true;
    }

    /**
     * The slot's move carries orders of these accounts only (the first {@code count}), from now on.
     */
    void add(final int slot, final long[] accounts, final int count)
    {
        final long[] words = bits[slot];
        for (int i = 0; i < count; i++)
        {
            final int bit = HeldReach.accountBit(accounts[i]);
            words[bit >>> 6] |= 1L << bit;
        }
        known[slot] = true;
        untouched[slot] = false;
    }

    /**
     * The slot's hold ended: the slots after it move down one, and its bits go to the last place ({@code count - 1},
     * {@code count} the slots held before).
     */
    void remove(final int slot, final int count)
    {
        final long[] removed = bits[slot];
        for (int i = slot; i < count - 1; i++)
        {
            bits[i] = bits[i + 1];
            known[i] = known[i + 1];
            untouched[i] = untouched[i + 1];
        }
        bits[count - 1] = removed;
    }

    /**
     * @return whether a move held in the first {@code count} slots may change the account's funds from now on, or
     * has changed them: its accounts include it, or are unknown and it is not {@link #untouched}.
     */
    boolean fundsMayChange(final int count, final long account)
    {
        for (int i = 0; i < count; i++)
        {
            if ((!known[i] && !untouched[i]) || has(i, account))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether a move held in the first {@code count} slots may carry one of the account's orders: its accounts
     * are unknown or include it.
     */
    boolean ordersMayMove(final int count, final long account)
    {
        for (int i = 0; i < count; i++)
        {
            if (!known[i] || has(i, account))
            {
                return true;
            }
        }
        return false;
    }

    private boolean has(final int slot, final long account)
    {
        final int bit = HeldReach.accountBit(account);
        return (bits[slot][bit >>> 6] & 1L << bit) != 0;
    }
}
