package io.disruptorx.gateway.auth;

/**
 * What a user's sessions may do.
 */
public enum SessionKind
{
    /** Enters and cancels orders for its accounts and receives their reports. */
    TRADING,

    /** Read-only: receives every report of its accounts, whichever session caused it; order entry is refused. */
    DROP_COPY
}
