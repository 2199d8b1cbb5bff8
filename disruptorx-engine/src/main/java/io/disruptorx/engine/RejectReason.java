package io.disruptorx.engine;

/**
 * Why a command was refused. {@link #NONE} marks success where a result carries a reason.
 * Codes are stable: they are the wire values in the SBE schemas.
 */
public enum RejectReason
{
    /** Not a reject: the command was applied. */
    NONE(0),

    /** No such instrument. */
    UNKNOWN_INSTRUMENT(1),

    /** No such account, or an account id that is not allowed here. */
    UNKNOWN_ACCOUNT(2),

    /** No such resting order. */
    UNKNOWN_ORDER(3),

    /** The order belongs to another account. */
    NOT_ORDER_OWNER(4),

    /** The instrument is halted. */
    INSTRUMENT_HALTED(5),

    /** Price is not positive or not a multiple of the tick size. */
    INVALID_PRICE(6),

    /** Quantity is not positive or not a multiple of the lot size. */
    INVALID_QUANTITY(7),

    /** The combination of type, time in force and instructions is not allowed. */
    INVALID_ORDER_TYPE(8),

    /** Price is outside the band around the reference price. */
    PRICE_OUTSIDE_BAND(9),

    /** Not enough available balance to hold for the order or to withdraw. */
    INSUFFICIENT_BALANCE(10),

    /** Quantity is above the account's maximum order quantity. */
    MAX_QUANTITY_EXCEEDED(11),

    /** Notional is above the account's maximum order notional. */
    MAX_NOTIONAL_EXCEEDED(12),

    /** The account's kill switch is on. */
    KILL_SWITCH_ACTIVE(13),

    /** A post-only order would have traded on arrival. */
    POST_ONLY_WOULD_TRADE(14),

    /** A market order found nothing to trade with. */
    NO_LIQUIDITY(15),

    /** The engine holds as many resting orders as it is configured for. */
    ORDER_CAPACITY_EXCEEDED(16),

    /** An instrument with this id exists already. */
    DUPLICATE_INSTRUMENT(17),

    /** The instrument definition is inconsistent (scales, sizes, fees or assets). */
    INVALID_INSTRUMENT(18),

    /** Asset id out of range. */
    INVALID_ASSET(19),

    /** Price times quantity does not fit in 64 bits. */
    NOTIONAL_OVERFLOW(20),

    /** A sell whose proceeds per lot at its limit would not cover the fee. */
    PRICE_BELOW_FEE(21),

    /** Risk limits are negative. */
    INVALID_LIMITS(22),

    /**
     * A deposit would take the asset's total over all accounts (its supply) beyond 64 bits. The cap is on the
     * total, not on one balance: every balance, and every sum of balances a trade moves, then fits in a long.
     */
    BALANCE_OVERFLOW(23),

    /**
     * The account already has a live (resting) order with this client order id. Client order id 0 means none and
     * is never refused for this.
     */
    DUPLICATE_CLIENT_ORDER_ID(24),

    /**
     * Never decided by the engine: a shard link answers a command with it when a shard host restarted and neither
     * the command's events nor the state they came from could be read back from its journal and snapshots, so
     * whether the command was applied is not known (docs/scaling.md, "A shard host restarts").
     */
    UNKNOWN_STATUS(25),

    /**
     * A TransferOut or TransferIn names a transfer id this shard has recorded for another transfer (another account,
     * asset, amount or direction); an identical repeat gets the first answer instead.
     */
    TRANSFER_ID_REUSED(26);

    private static final RejectReason[] BY_CODE = new RejectReason[values().length];

    static
    {
        for (final RejectReason value : values())
        {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    RejectReason(final int code)
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
    public static RejectReason fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
