package io.disruptorx.gateway.core;

import java.util.List;
import java.util.Map;

/**
 * Settings of the session core.
 *
 * @param reportStoreCapacity  reports kept per session for replay, a power of two of at least
 *                             {@link #MIN_REPORT_STORE_CAPACITY}: a connected session is sent from its store, so
 *                             the store must hold what one duty cycle can add (each of up to
 *                             {@link GatewayCore#POLL_LIMIT} events may make two reports for one session).
 * @param defaultMaxOpenOrders open orders an account may have through this gateway unless listed.
 * @param maxOpenOrders        per-account open-order limits.
 * @param trackedAccounts      accounts whose orders are tracked from the start (every configured user's), so open
 *                             orders count even before their first login.
 * @param initialOrders        live orders preallocated.
 */
public record CoreSettings(
    int reportStoreCapacity,
    int defaultMaxOpenOrders,
    Map<Long, Integer> maxOpenOrders,
    List<Long> trackedAccounts,
    int initialOrders)
{
    /** Smallest report store. */
    public static final int MIN_REPORT_STORE_CAPACITY = 1024;

    /**
     * Validates the settings.
     */
    public CoreSettings
    {
        if (Integer.bitCount(reportStoreCapacity) != 1 || reportStoreCapacity < MIN_REPORT_STORE_CAPACITY)
        {
            throw new IllegalArgumentException("report store capacity must be a power of two of at least 1024, was " +
                reportStoreCapacity);
        }
        if (defaultMaxOpenOrders < 1 || initialOrders < 1)
        {
            throw new IllegalArgumentException("open-order limit and initial orders must be positive");
        }
        maxOpenOrders = Map.copyOf(maxOpenOrders);
        trackedAccounts = List.copyOf(trackedAccounts);
    }
}
