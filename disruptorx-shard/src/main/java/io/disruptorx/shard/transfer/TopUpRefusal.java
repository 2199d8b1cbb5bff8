package io.disruptorx.shard.transfer;

import java.util.Locale;

/**
 * Why a top-up did not happen; the order is then answered with its original reject ({@code INSUFFICIENT_BALANCE}, or
 * {@code UNKNOWN_ACCOUNT} when the account had never had funds on the shard).
 */
public enum TopUpRefusal
{
    /** The top-up configuration does not define the order's instrument, so what it holds is not known. */
    UNKNOWN_INSTRUMENT,

    /** The account's policy does not let the asset the order holds be moved. */
    ASSET_NOT_ALLOWED,

    /** The shortfall is above the policy's max-per-top-up. */
    OVER_MAX_PER_TOP_UP,

    /** The shortfall would take the day's top-ups of the asset above the policy's max-per-day. */
    OVER_DAILY_LIMIT,

    /** No other shard has the shortfall free. */
    NO_SOURCE,

    /** The transfer ended without the funds at the order's shard (the source or the target refused it). */
    TRANSFER_FAILED,

    /** The gateway's venue client closed before the order could be sent again. */
    CLOSED;

    /**
     * @return the metric label: the name in lower case.
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
