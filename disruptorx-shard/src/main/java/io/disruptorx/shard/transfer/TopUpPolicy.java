package io.disruptorx.shard.transfer;

import java.util.List;

/**
 * One account's automatic top-up policy: whether a sharded gateway may move the account's funds to the shard of an
 * order that lacks them, for which assets, at most how much per top-up, and at most how much of each asset per
 * trading day (a UTC day of the gateway's clock), counted over the top-ups that did not fail.
 *
 * @param accountId    the account.
 * @param enabled      whether top-ups happen (a disabled account's orders are answered as without a policy).
 * @param assets       the assets that may be moved, none repeated.
 * @param maxPerTopUp  the largest amount one top-up moves, positive.
 * @param maxPerDay    the largest amount of one asset the account's top-ups move per day, at least maxPerTopUp.
 */
public record TopUpPolicy(long accountId, boolean enabled, List<Integer> assets, long maxPerTopUp, long maxPerDay)
{
    /**
     * Validates the policy.
     */
    public TopUpPolicy
    {
        assets = List.copyOf(assets);
        if (maxPerTopUp < 1 || maxPerDay < maxPerTopUp || assets.isEmpty() ||
            assets.stream().distinct().count() != assets.size() || assets.stream().anyMatch(a -> a < 0))
        {
            throw new IllegalArgumentException("a top-up policy needs assets (>= 0, none twice), a positive " +
                "max-per-top-up and a max-per-day at least as large: account " + accountId + ", assets " + assets +
                ", " + maxPerTopUp + ", " + maxPerDay);
        }
    }

    /**
     * @param assetId an asset.
     * @return whether the policy lets it be moved.
     */
    public boolean allows(final int assetId)
    {
        return assets.contains(assetId);
    }
}
