package io.disruptorx.shard.move;

/**
 * The steps of a move the {@link ShardMover} records, in order; a move ends DONE or ROLLED_BACK.
 */
public enum MoveStep
{
    /** The instrument is to move; commands touching it are held; the source halts it. */
    BEGUN(1),
    /**
     * The source's book is read into the piece (recorded with it, and whether its restores wait for MoveOut's answer:
     * {@link MovePiece#recordedLength}); MoveOut is next.
     */
    READ(2),
    /** The source applied MoveOut: the orders and their holds are out, in flight. */
    MOVED_OUT(3),
    /** The target answered every RestoreOrder (the refused ones recorded); settling and the switch are next. */
    RESTORED(4),
    /** The routing table routes the instrument to the target; the held commands go there. */
    SWITCHED(5),
    /** The target's ResumeInstrument is in its log, ahead of every held command: the move is over. */
    DONE(6),
    /**
     * The source refused MoveOut (its book changed) or the mover stopped before reading it: the source's resume went
     * out; the move is over.
     */
    ROLLED_BACK(7),
    /**
     * The source refused MoveOut after the restores went to the target with it: the target halts the instrument and
     * takes the orders it restored out again (their holds leave it); ROLLED_BACK is next.
     */
    UNDOING(8),
    /**
     * The move lock is claimed for a move (the claim is in the lock shard's log): BEGUN follows once it is granted;
     * not a step of the mover's own (recorded by {@link MovingVenueClient}).
     */
    CLAIMED(9),
    /** The move lock's claim is over: released after the move ended, or refused. */
    RELEASED(10),
    /**
     * Where the moved orders of an instrument rest, learned by a gateway that caught up with a switch it did not
     * follow (its payload the orders' global ids, {@code to} their shard); not a move's step ({@link MoveCatchUp}).
     */
    PLACED(11),
    /**
     * The source refused MoveOut before any restore went to the target (they wait for its answer): recorded before
     * the source's resume goes, so a restart resumes the source again and never sends that MoveOut again (a repeat of
     * a refused MoveOut is judged against the book the source has then); ROLLED_BACK is next.
     */
    REFUSED(12);

    private final int code;

    MoveStep(final int code)
    {
        this.code = code;
    }

    /**
     * @return the journal code.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code a journal code.
     * @return the step, or {@code null} for an unknown code.
     */
    public static MoveStep fromCode(final int code)
    {
        for (final MoveStep step : values())
        {
            if (step.code == code)
            {
                return step;
            }
        }
        return null;
    }
}
