package io.disruptorx.engine;

/**
 * What happens when an incoming order would trade with a resting order of the same account.
 * Codes are stable: they are the wire values in the SBE schemas.
 */
public enum SelfTradePrevention
{
    /** Cancel the incoming order's remainder; the resting order stays. */
    CANCEL_NEWEST(0),

    /** Cancel the resting order and keep matching the incoming one. */
    CANCEL_OLDEST(1),

    /** Cancel both the resting order and the incoming order's remainder. */
    CANCEL_BOTH(2),

    /** Allow the self-trade. */
    NONE(3);

    private static final SelfTradePrevention[] BY_CODE = new SelfTradePrevention[values().length];

    static
    {
        for (final SelfTradePrevention value : values())
        {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    SelfTradePrevention(final int code)
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
    public static SelfTradePrevention fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
