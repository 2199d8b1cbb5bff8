package io.disruptorx.engine;

/**
 * Trading state of an instrument.
 * Codes are stable: they are the wire values in the SBE schemas.
 */
public enum InstrumentState
{
    /** Accepts new orders. */
    TRADING(0),

    /** Rejects new orders and replaces; accepts cancels. */
    HALTED(1);

    private static final InstrumentState[] BY_CODE = new InstrumentState[values().length];

    static
    {
        for (final InstrumentState value : values())
        {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    InstrumentState(final int code)
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
    public static InstrumentState fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
