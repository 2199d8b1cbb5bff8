package io.disruptorx.engine;

/**
 * How long an order may rest.
 * Codes are stable: they are the wire values in the SBE schemas.
 */
public enum TimeInForce
{
    /** Good till cancelled: rests until filled or cancelled. */
    GTC(0),

    /** Rests until the instrument's end-of-day command expires it. */
    DAY(1),

    /** Immediate or cancel: what does not fill at once is cancelled. */
    IOC(2),

    /** Fill or kill: fills in full at once, or is cancelled without trading. */
    FOK(3);

    private static final TimeInForce[] BY_CODE = new TimeInForce[values().length];

    static
    {
        for (final TimeInForce value : values())
        {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    TimeInForce(final int code)
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
    public static TimeInForce fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
