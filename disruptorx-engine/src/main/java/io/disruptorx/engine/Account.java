package io.disruptorx.engine;

/**
 * An account's balances and holds per asset, and its risk limits.
 */
final class Account
{
    final long id;
    final long[] balance;
    final long[] held;
    long maxOrderQuantity = Long.MAX_VALUE;
    long maxOrderNotional = Long.MAX_VALUE;
    boolean killSwitch;

    Account(final long id, final int assets)
    {
        this.id = id;
        this.balance = new long[assets];
        this.held = new long[assets];
    }

    long available(final int assetId)
    {
        return balance[assetId] - held[assetId];
    }
}
