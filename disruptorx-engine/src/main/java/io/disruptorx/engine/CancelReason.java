package io.disruptorx.engine;

/**
 * Why a resting or incoming order was cancelled.
 * Codes are stable: they are the wire values in the SBE schemas.
 */
public enum CancelReason
{
    /** The owner asked for it (cancel command). */
    REQUESTED(0),

    /** The unfilled part of an immediate-or-cancel or market order. */
    IOC_REMAINDER(1),

    /** A fill-or-kill order could not fill in full. */
    FOK_NOT_FILLED(2),

    /** Self-trade prevention. */
    SELF_TRADE(3),

    /** A mass cancel command. */
    MASS_CANCEL(4),

    /** The account's kill switch was turned on. */
    KILL_SWITCH(5),

    /** A day order expired at end of day. */
    EXPIRED(6);

    private static final CancelReason[] BY_CODE = new CancelReason[values().length];

    static
    {
        for (final CancelReason value : values())
        {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    CancelReason(final int code)
    {
        this.code = code;
    }

    /**
     * @return the wire code.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code wire code.
     * @return the value, or {@code null} when the code is unknown.
     */
    public static CancelReason fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
