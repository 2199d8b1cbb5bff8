package io.disruptorx.shard.venue;

import java.nio.ByteOrder;
import java.util.Arrays;

import io.disruptorx.protocol.sbe.command.AdjustBalanceDecoder;
import io.disruptorx.protocol.sbe.command.CancelOrderDecoder;
import io.disruptorx.protocol.sbe.command.MassCancelDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesDecoder;
import io.disruptorx.protocol.sbe.command.QueryOpenOrdersDecoder;
import io.disruptorx.protocol.sbe.command.ReplaceOrderDecoder;
import io.disruptorx.protocol.sbe.command.SetRiskLimitsDecoder;
import org.agrona.DirectBuffer;

/**
 * What the commands held during a move reach ({@link HeldCommands}): the shards they go to (all, for one that goes to
 * every shard) and their accounts, so that a later command to one of those shards or of one of those accounts waits
 * behind them. Accounts are kept as bits of their hashes: a collision only holds a command more. A shard is the one
 * the table named when the command was held: a held command naming a held instrument may go, once released, to that
 * instrument's target instead, and commands of other accounts to the target do not wait for it; none of them can
 * touch that instrument's book while it is held (each that might is held itself). When an instrument's hold ends with
 * commands still waiting, their shards under the table followed then are added ({@link HeldCommands#end}). It also
 * keeps whether a held command may change the funds of an account other than its own ({@link #mayChangeFundsOf}):
 * a balance query, which changes nothing, need not wait behind held commands that cannot change its account's funds.
 * No allocation.
 */
final class HeldReach
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    static final int ACCOUNT_BITS_LOG2 = 14;

    private final boolean[] shards;
    private final long[] accounts = new long[1 << (ACCOUNT_BITS_LOG2 - 6)];
    private boolean allShards;
    private boolean othersFunds;
    private boolean any;

    HeldReach(final int shardCount)
    {
        shards = new boolean[shardCount];
    }

    /**
     * A command held: to the shard ({@link CommandRouter#destination}), of the account (0: none).
     */
    void add(final int shard, final long account)
    {
        any = true;
        if (shard == CommandRouter.ALL_SHARDS)
        {
            allShards = true;
        }
        else if (shard >= 0)
        {
            shards[shard] = true;
        }
        if (account != 0)
        {
            accounts[accountBit(account) >>> 6] |= 1L << accountBit(account);
        }
    }

    /**
     * @return whether a command to the shard ({@link CommandRouter#destination}) of the account (0: none) would
     * overtake a held one: it goes to a shard a held command goes to, or to every shard, or one of them goes to every
     * shard, or it is of a held command's account.
     */
    boolean reaches(final int shard, final long account)
    {
        if (!any)
        {
            return false;
        }
        if (allShards || shard == CommandRouter.ALL_SHARDS || shard >= 0 && shards[shard])
        {
            return true;
        }
        return account != 0 && (accounts[accountBit(account) >>> 6] & 1L << accountBit(account)) != 0;
    }

    /**
     * A command held (after {@link #add}): notes whether it may change the funds of an account other than its own: all
     * but a cancel (of an order of its own account), a mass cancel of one account and a query may (a new order or a
     * replace may trade with any account's order, an EndOfDay expires every account's, a mass cancel of account 0
     * cancels every account's, and an unknown command is taken to).
     */
    void addEffects(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return;
        }
        switch (buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) & 0xFFFF)
        {
            case CancelOrderDecoder.TEMPLATE_ID, QueryBalancesDecoder.TEMPLATE_ID, QueryOpenOrdersDecoder.TEMPLATE_ID ->
            {
            }
            case MassCancelDecoder.TEMPLATE_ID ->
            {
                final int at = offset + HEADER + MassCancelDecoder.accountIdEncodingOffset();
                othersFunds |= buffer.getLong(at, ORDER) == 0;
            }
            default -> othersFunds = true;
        }
    }

    /**
     * @return whether a held command may change the account's funds: one of its own, or one that may change other
     * accounts' ({@link #addEffects}).
     */
    boolean mayChangeFundsOf(final long account)
    {
        return any && (othersFunds || account == 0 ||
            (accounts[accountBit(account) >>> 6] & 1L << accountBit(account)) != 0);
    }

    /**
     * Nothing is held any more.
     */
    void clear()
    {
        if (any)
        {
            any = false;
            allShards = false;
            othersFunds = false;
            Arrays.fill(shards, false);
            Arrays.fill(accounts, 0);
        }
    }

    /**
     * @return the account a command is of, or 0 for one of none (administrative commands of instruments).
     */
    static long accountOf(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return 0;
        }
        final int body = offset + HEADER;
        switch (buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) & 0xFFFF)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                return buffer.getLong(body + NewOrderDecoder.accountIdEncodingOffset(), ORDER);
            case CancelOrderDecoder.TEMPLATE_ID:
                return buffer.getLong(body + CancelOrderDecoder.accountIdEncodingOffset(), ORDER);
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return buffer.getLong(body + ReplaceOrderDecoder.accountIdEncodingOffset(), ORDER);
            case MassCancelDecoder.TEMPLATE_ID:
                return buffer.getLong(body + MassCancelDecoder.accountIdEncodingOffset(), ORDER);
            case AdjustBalanceDecoder.TEMPLATE_ID:
                return buffer.getLong(body + AdjustBalanceDecoder.accountIdEncodingOffset(), ORDER);
            case QueryBalancesDecoder.TEMPLATE_ID:
                return buffer.getLong(body + QueryBalancesDecoder.accountIdEncodingOffset(), ORDER);
            case QueryOpenOrdersDecoder.TEMPLATE_ID:
                return buffer.getLong(body + QueryOpenOrdersDecoder.accountIdEncodingOffset(), ORDER);
            case SetRiskLimitsDecoder.TEMPLATE_ID:
                return buffer.getLong(body + SetRiskLimitsDecoder.accountIdEncodingOffset(), ORDER);
            default:
                return 0;
        }
    }

    /**
     * @return the account's bit in a set of {@code 1 << ACCOUNT_BITS_LOG2} bits (a multiplicative hash: accounts that
     * share a bit only hold more, never less).
     */
    static int accountBit(final long account)
    {
        return (int)(account * 0x9E3779B97F4A7C15L >>> (Long.SIZE - ACCOUNT_BITS_LOG2));
    }
}
