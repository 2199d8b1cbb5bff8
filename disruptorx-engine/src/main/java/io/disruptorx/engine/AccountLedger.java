package io.disruptorx.engine;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * The engine's accounts and every movement of funds: deposits and withdrawals, holds for open orders, and the
 * settlement of trades with their fees. Accounts are found by id and walked in creation order (the map is never
 * iterated). For every asset, the sum of balances over all accounts (its supply) changes only through
 * {@link #adjust}.
 */
final class AccountLedger
{
    private final long feeAccountId;
    private final int maxAssets;
    private final Long2ObjectHashMap<Account> byId = new Long2ObjectHashMap<>();
    private final long[] supply;
    private final Account feeAccount;
    private final InsertionOrder<Account> inOrder = new InsertionOrder<>();

    /**
     * @param config the engine's settings: assets and the fee account, which exists from the start.
     */
    AccountLedger(final EngineConfig config)
    {
        this.feeAccountId = config.feeAccountId();
        this.maxAssets = config.maxAssets();
        this.supply = new long[maxAssets];
        this.feeAccount = create(feeAccountId);
    }

    /**
     * @param accountId any id.
     * @return the account, or {@code null} when it does not exist.
     */
    Account get(final long accountId)
    {
        return byId.get(accountId);
    }

    /**
     * @param accountId any id.
     * @return the account when the id is a trading account's (positive, not the fee account) and it exists.
     */
    Account tradingAccount(final long accountId)
    {
        return isTradingAccountId(accountId) ? byId.get(accountId) : null;
    }

    /**
     * @param accountId an id allowed for an account.
     * @return the account, created when it does not exist yet.
     */
    Account getOrCreate(final long accountId)
    {
        final Account account = byId.get(accountId);
        return account == null ? create(accountId) : account;
    }

    boolean isTradingAccountId(final long accountId)
    {
        return accountId > 0 && accountId != feeAccountId;
    }

    /**
     * @return accounts so far, the fee account included.
     */
    int count()
    {
        return inOrder.count();
    }

    /**
     * @param index 0 to {@link #count()} - 1.
     * @return the account created in that place.
     */
    Account inOrder(final int index)
    {
        return inOrder.get(index);
    }

    /**
     * Deposits (positive amount) or withdraws (negative amount, at most the available balance).
     *
     * @return {@link RejectReason#NONE} when applied, else why not (nothing changed).
     */
    RejectReason adjust(final long accountId, final int assetId, final long amount)
    {
        if (!isTradingAccountId(accountId) && accountId != feeAccountId)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (assetId < 0 || assetId >= maxAssets)
        {
            return RejectReason.INVALID_ASSET;
        }
        Account account = byId.get(accountId);
        if (amount < 0)
        {
            if (account == null || amount == Long.MIN_VALUE || account.available(assetId) < -amount)
            {
                return RejectReason.INSUFFICIENT_BALANCE;
            }
        }
        else if (Arithmetic.add(supply[assetId], amount) < 0)
        {
            return RejectReason.BALANCE_OVERFLOW;
        }
        if (account == null)
        {
            account = create(accountId);
        }
        account.balance[assetId] += amount;
        supply[assetId] += amount;
        return RejectReason.NONE;
    }

    /**
     * Sets one asset of an account being restored from a snapshot.
     */
    void restore(final Account account, final int assetId, final long balance, final long held)
    {
        account.balance[assetId] = balance;
        account.held[assetId] = held;
        supply[assetId] += balance;
    }

    /**
     * Holds funds for an order that enters or grows: quote for a buy, base for a sell.
     */
    void hold(final Order order, final long amount)
    {
        order.account.held[order.instrument.heldAsset(order.side())] += amount;
    }

    /**
     * Releases what an order holds for {@code quantity} of its open quantity, at its own limit.
     */
    void releaseHold(final Order order, final long quantity)
    {
        final Instrument instrument = order.instrument;
        final Side side = order.side();
        order.account.held[instrument.heldAsset(side)] -= instrument.hold(side, order.price(), quantity);
    }

    /**
     * Settles one trade: the buyer pays the notional and its fee in quote and gets the base, the seller delivers
     * the base and gets the notional less its fee, the fee account gets both fees. The buyer's hold is released at
     * its own limit with the taker fee, which is what it held.
     *
     * @param instrument the instrument.
     * @param buy        the buying order (its limit is what it held at).
     * @param seller     the selling account.
     * @param quantity   traded quantity.
     * @param notional   quote units at the trade price.
     * @param buyerFee   the buyer's fee.
     * @param sellerFee  the seller's fee.
     * @param takerFee   the taker fee for the quantity.
     */
    void settle(
        final Instrument instrument,
        final Order buy,
        final Account seller,
        final long quantity,
        final long notional,
        final long buyerFee,
        final long sellerFee,
        final long takerFee)
    {
        final Account buyer = buy.account;
        final int base = instrument.baseAssetId;
        final int quote = instrument.quoteAssetId;
        buyer.held[quote] -= instrument.notional(buy.price(), quantity) + takerFee;
        buyer.balance[quote] -= notional + buyerFee;
        buyer.balance[base] += quantity;
        seller.held[base] -= quantity;
        seller.balance[base] -= quantity;
        seller.balance[quote] += notional - sellerFee;
        feeAccount.balance[quote] += buyerFee + sellerFee;
    }

    private Account create(final long accountId)
    {
        final Account account = new Account(accountId, maxAssets);
        byId.put(accountId, account);
        inOrder.add(account);
        return account;
    }
}
