package io.disruptorx.engine;

/**
 * The administrative commands, as reported in {@link EngineListener#onAdminResult}.
 * Codes are stable: they are the wire values in the SBE schemas.
 */
public enum AdminType
{
    /** AddInstrument. */
    ADD_INSTRUMENT(0),

    /** AdjustBalance (deposit or withdraw). */
    ADJUST_BALANCE(1),

    /** SetRiskLimits. */
    SET_RISK_LIMITS(2),

    /** HaltInstrument. */
    HALT_INSTRUMENT(3),

    /** ResumeInstrument. */
    RESUME_INSTRUMENT(4),

    /** TakeSnapshot. */
    TAKE_SNAPSHOT(5),

    /** EndOfDay. */
    END_OF_DAY(6),

    /** MassCancel. */
    MASS_CANCEL(7),

    /** TransferOut: funds leave this shard's ledger for another's. */
    TRANSFER_OUT(8),

    /** TransferIn: funds from another shard arrive in this shard's ledger. */
    TRANSFER_IN(9),

    /** SettleTransfer: a transfer out has arrived (or is returned to its account). */
    SETTLE_TRANSFER(10),

    /** MoveOut: a halted instrument's resting orders leave this shard, their holds in flight. */
    MOVE_OUT(11),

    /** RestoreOrder: one order of a moved instrument arrives at this shard with its hold. */
    RESTORE_ORDER(12);

    private static final AdminType[] BY_CODE = new AdminType[values().length];

    static
    {
        for (final AdminType value : values())
        {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    AdminType(final int code)
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
    public static AdminType fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
