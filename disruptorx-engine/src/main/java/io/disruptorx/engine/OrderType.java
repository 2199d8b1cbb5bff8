package io.disruptorx.engine;

/**
 * How an order is priced.
 * Codes are stable: they are the wire values in the SBE schemas.
 */
public enum OrderType
{
    /** Executes at the limit price or better. */
    LIMIT(0),

    /** Executes at any price within the instrument's market protection band. */
    MARKET(1);

    private static final OrderType[] BY_CODE = new OrderType[values().length];

    static
    {
        for (final OrderType value : values())
        {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    OrderType(final int code)
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
    public static OrderType fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
