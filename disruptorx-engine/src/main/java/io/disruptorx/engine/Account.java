package io.disruptorx.engine;

/**
 * An account's balances and holds per asset, its part of the funds on their way between shards, and its risk limits.
 */
final class Account
{
    final long id;
    final long[] balance;
    final long[] held;
    long maxOrderQuantity = Long.MAX_VALUE;
    long maxOrderNotional = Long.MAX_VALUE;
    boolean killSwitch;
    /**
     * Per asset, this shard's part of the account's funds on their way between shards: {@code +amount} for each
     * transfer that left this shard and did not come back, {@code -amount} for each that arrived here (the sum over
     * all shards is what is on its way); {@code null} until the account takes part in a transfer.
     */
    long[] transferred;

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

    /**
     * @return this shard's part of the account's funds of the asset on their way between shards ({@link
     * #transferred}).
     */
    long inTransfer(final int assetId)
    {
        return transferred == null ? 0 : transferred[assetId];
    }

    /**
     * Adds to this shard's part of the funds on their way: allocates the per-asset array at the account's first
     * transfer (an administrative command, not the order path).
     */
    void addInTransfer(final int assetId, final long amount)
    {
        if (transferred == null)
        {
            transferred = new long[balance.length];
        }
        transferred[assetId] += amount;
    }
}
