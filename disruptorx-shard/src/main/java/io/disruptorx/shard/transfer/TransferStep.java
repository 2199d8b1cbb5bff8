package io.disruptorx.shard.transfer;

/**
 * The steps of a transfer between two shards, in the order the coordinator takes them. Codes are stable: they are
 * written in the coordinator's journal.
 */
public enum TransferStep
{
    /** Recorded; TransferOut is being sent to the source shard. */
    REQUESTED(1),

    /** The source took the funds out (they are in flight); TransferIn is being sent to the target shard. */
    SENT(2),

    /** The target credited them; SettleTransfer (completed) is being sent to the source. */
    RECEIVED(3),

    /** The target refused them; SettleTransfer (returned) is being sent to the source. */
    REFUSED(4),

    /** Done: the funds are at the target. */
    COMPLETED(5),

    /** Done: the funds are back in the account at the source. */
    RETURNED(6),

    /** Done: the source refused to send them (nothing moved). */
    FAILED(7),

    /**
     * Done: a shard refused the transfer's id as reused, recorded there for another transfer (another account,
     * asset, amount or direction); nothing moved. Given when the source refuses it; a target refusing it is
     * {@link #REFUSED}, then {@link #RETURNED}, as for any refusal at the target.
     */
    REUSED(8);

    private final int code;

    TransferStep(final int code)
    {
        this.code = code;
    }

    /**
     * @return the code written in the journal.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return whether the transfer has ended.
     */
    public boolean isFinal()
    {
        return this == COMPLETED || this == RETURNED || this == FAILED || this == REUSED;
    }

    /**
     * @param code a journal code.
     * @return the step, or null for an unknown code.
     */
    public static TransferStep fromCode(final int code)
    {
        for (final TransferStep step : values())
        {
            if (step.code == code)
            {
                return step;
            }
        }
        return null;
    }
}
