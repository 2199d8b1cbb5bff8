package io.disruptorx.engine;

/**
 * Fixed settings of an engine. They are part of the deterministic state: replicas and replays must use the
 * same values.
 *
 * @param maxInstruments     instrument ids are 1 to {@code maxInstruments - 1}.
 * @param maxAssets          asset ids are 0 to {@code maxAssets - 1}.
 * @param maxOrders          most resting orders at once, over all instruments; beyond it new orders are
 *                           rejected with {@link RejectReason#ORDER_CAPACITY_EXCEEDED}.
 * @param initialOrderPool   orders preallocated at start; the pool grows in chunks of this size up to
 *                           {@code maxOrders} (growth allocates, steady state does not).
 * @param feeAccountId       account that receives every fee; it exists from the start. Trading account ids
 *                           are positive and differ from it.
 * @param postOnlyMode       what a post-only order that would trade does.
 */
public record EngineConfig(
    int maxInstruments,
    int maxAssets,
    int maxOrders,
    int initialOrderPool,
    long feeAccountId,
    PostOnlyMode postOnlyMode)
{
    /**
     * Validates the settings.
     */
    public EngineConfig
    {
        if (maxInstruments < 2)
        {
            throw new IllegalArgumentException("maxInstruments must be at least 2, was " + maxInstruments);
        }
        if (maxAssets < 1)
        {
            throw new IllegalArgumentException("maxAssets must be at least 1, was " + maxAssets);
        }
        if (maxOrders < 1)
        {
            throw new IllegalArgumentException("maxOrders must be at least 1, was " + maxOrders);
        }
        if (initialOrderPool < 1 || initialOrderPool > maxOrders)
        {
            throw new IllegalArgumentException(
                "initialOrderPool must be in [1, maxOrders=" + maxOrders + "], was " + initialOrderPool);
        }
        if (postOnlyMode == null)
        {
            throw new IllegalArgumentException("postOnlyMode must be set");
        }
    }

    /**
     * @return 4,096 instruments, 256 assets, 4M resting orders (64k preallocated), fee account 0, post-only
     * orders that would trade are rejected.
     */
    public static EngineConfig defaults()
    {
        return new EngineConfig(4096, 256, 4 * 1024 * 1024, 64 * 1024, 0, PostOnlyMode.REJECT);
    }

    /**
     * @param mode post-only mode.
     * @return a copy with that post-only mode.
     */
    public EngineConfig withPostOnlyMode(final PostOnlyMode mode)
    {
        return new EngineConfig(maxInstruments, maxAssets, maxOrders, initialOrderPool, feeAccountId, mode);
    }
}
