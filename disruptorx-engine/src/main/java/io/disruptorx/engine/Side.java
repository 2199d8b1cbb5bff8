package io.disruptorx.engine;

/**
 * Side of an order. Codes are stable: they are the wire values in the SBE schemas.
 */
public enum Side
{
    BUY(0),
    SELL(1);

    private static final Side[] BY_CODE = {BUY, SELL};

    private final int code;

    Side(final int code)
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
     * @return the other side.
     */
    public Side opposite()
    {
        return this == BUY ? SELL : BUY;
    }

    /**
     * @param code wire code.
     * @return the side, or {@code null} when the code is unknown.
     */
    public static Side fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
