package io.disruptorx.gateway.auth;

/**
 * The kinds of request an edge can receive, as far as roles are concerned. The first seven are what the binary
 * gateway (SoupBinTCP) can send; the admin classes come through edges that carry admin commands.
 */
public enum CommandClass
{
    /** Enter an order for an own account. */
    NEW_ORDER(true),

    /** Cancel an order of an own account. */
    CANCEL(true),

    /** Replace (or reduce) an order of an own account. */
    REPLACE(true),

    /** Cancel every open order of an own account. */
    MASS_CANCEL(true),

    /** Cancel every open order of an account the user is not entitled to. */
    MASS_CANCEL_ANY_ACCOUNT(true),

    /** Arm or disarm the dead-man switch. */
    CANCEL_AFTER(true),

    /** Ask for the state of an order. */
    ORDER_STATUS(true),

    /** Set an account's risk limits. */
    RISK_LIMITS(false),

    /** Engage or release an account's kill switch. */
    KILL_SWITCH(false),

    /** Add or change instruments. */
    INSTRUMENTS(false),

    /** Halt or resume trading. */
    HALT_RESUME(false),

    /** Take a snapshot. */
    SNAPSHOT(false),

    /** Adjust balances. */
    BALANCES(false);

    private final boolean binaryGateway;

    CommandClass(final boolean binaryGateway)
    {
        this.binaryGateway = binaryGateway;
    }

    /**
     * @return whether the binary gateway's dialects can send it.
     */
    public boolean binaryGateway()
    {
        return binaryGateway;
    }
}
