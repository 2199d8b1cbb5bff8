package io.disruptorx.gateway.auth;

/**
 * What a user may do at the edge. A user has one or more roles; a command is allowed when any of them permits its
 * {@link CommandClass} ({@link RolePolicy}).
 */
public enum Role
{
    /** Enters, cancels and replaces orders and mass-cancels for its own accounts; queries them. */
    TRADER,

    /** Risk limits and the kill switch; mass cancel of any account; queries. */
    RISK,

    /** Instruments, halt and resume, snapshots and balances; queries. */
    OPERATOR,

    /** Read only: queries, market data, dashboards. */
    VIEWER,

    /** Receives the reports of its accounts; sends nothing. */
    DROP_COPY
}
