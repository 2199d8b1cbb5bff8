package io.disruptorx.engine;

/**
 * Where a transfer between shards stands, as one shard's ledger knows it. Codes are stable: they are written in
 * snapshots.
 */
public enum TransferState
{
    /** This shard has no transfer with that id. */
    NONE(0),

    /** Left this shard (its account's balance), not yet settled: in flight, counted in no balance here. */
    IN_FLIGHT(1),

    /** Left this shard and settled as arrived at the other shard. */
    COMPLETED(2),

    /** Left this shard and settled as returned: the amount is back in its account. */
    RETURNED(3),

    /** Arrived at this shard from another: credited to its account. */
    RECEIVED(4),

    /** Refused by this shard (out or in; nothing moved): the same id is refused again with the same reason. */
    REFUSED(5);

    private static final TransferState[] BY_CODE = values();

    private final int code;

    TransferState(final int code)
    {
        this.code = code;
    }

    /**
     * @return the code written in snapshots.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code a code.
     * @return the state, or {@code null} for an unknown code.
     */
    public static TransferState fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
