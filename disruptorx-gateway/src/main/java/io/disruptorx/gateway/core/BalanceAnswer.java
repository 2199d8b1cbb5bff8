package io.disruptorx.gateway.core;

/**
 * Receives the venue's answer to one balance query ({@link GatewayCore#queryBalances}), on the gateway thread:
 * each asset the account has a balance, a hold or funds in transfer of, in asset id order, then {@link #onEnd}.
 */
public interface BalanceAnswer
{
    /**
     * One asset of the account.
     *
     * @param assetId asset.
     * @param free    balance not held by open orders, in the asset's smallest units.
     * @param locked  balance held by open orders.
     * @param inTransfer funds of the account on their way from one shard's ledger to another's at the moment of the
     *                   answer (a sharded venue's merged answer, docs/scaling.md); 0 from a venue of one engine.
     */
    void onBalance(int assetId, long free, long locked, long inTransfer);

    /**
     * The answer is over.
     *
     * @param complete {@code true} when every asset arrived; {@code false} when the venue did not answer in time
     *                 (what arrived, if anything, is incomplete).
     * @param timestamp the venue's time of the query command (epoch nanoseconds) when complete, else 0.
     */
    void onEnd(boolean complete, long timestamp);
}
