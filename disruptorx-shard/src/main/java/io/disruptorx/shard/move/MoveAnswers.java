package io.disruptorx.shard.move;

import java.util.BitSet;

/**
 * What the two shards answered to one step of a {@link ShardMover}'s move, the source to MoveOut and the target to
 * the restores, and what the mover does next: send the restores (with MoveOut, or once the source applied it), wait,
 * roll back (MoveOut refused before any restore went), settle and switch (MoveOut applied, every restore answered), or
 * undo the restores (MoveOut refused after they went).
 */
final class MoveAnswers
{
    /** MoveOut's answer is not known yet. */
    static final int UNKNOWN = 0;
    /** The source applied MoveOut. */
    static final int APPLIED = 1;
    /** The source refused MoveOut. */
    static final int REFUSED = 2;

    /** What the mover does next. */
    enum Next
    {
        /** Wait for more answers. */
        WAIT,
        /** Send the halt, the AddInstrument and the restores to the target (once), then ask again. */
        SEND_RESTORES,
        /** Nothing reached the target and MoveOut was refused: resume the source. */
        ROLL_BACK,
        /** MoveOut applied and every restore answered: settle at the source, resume at the target, switch. */
        SETTLE,
        /** MoveOut refused and every restore answered: the target takes out what it restored. */
        UNDO
    }

    private int moveOut;
    private int answered;
    private int orders;
    private long firstTransferId;
    private boolean restoresWait;
    private boolean restoresSent;
    private BitSet seen = new BitSet();
    private BitSet refused = new BitSet();

    /**
     * Starts over for a move's MoveOut and restores.
     *
     * @param moveOutAnswer  MoveOut's answer when the journal says it ({@link #UNKNOWN}: MoveOut goes again).
     * @param waitForMoveOut whether the restores go only once the source applied MoveOut.
     * @param pieceOrders    the orders the piece carries.
     * @param firstTransfer  the first order's transfer id.
     */
    void start(final int moveOutAnswer, final boolean waitForMoveOut, final int pieceOrders, final long firstTransfer)
    {
        moveOut = moveOutAnswer;
        restoresWait = waitForMoveOut;
        orders = pieceOrders;
        firstTransferId = firstTransfer;
        answered = 0;
        restoresSent = false;
        seen = new BitSet();
        refused = new BitSet();
    }

    /**
     * @return MoveOut's answer: {@link #UNKNOWN}, {@link #APPLIED} or {@link #REFUSED}.
     */
    int moveOut()
    {
        return moveOut;
    }

    /**
     * The source's answer to MoveOut.
     *
     * @return whether it was not known before (a repeat changes nothing).
     */
    boolean moveOut(final boolean applied)
    {
        if (moveOut != UNKNOWN)
        {
            return false;
        }
        moveOut = applied ? APPLIED : REFUSED;
        return true;
    }

    /**
     * The target's answer to a restore (by its transfer id; another's or a repeat changes nothing).
     *
     * @return whether it was counted (not a repeat, nor another move's).
     */
    boolean restored(final long transferId, final boolean applied)
    {
        final long index = transferId - firstTransferId;
        if (index < 0 || index >= orders || seen.get((int)index))
        {
            return false;
        }
        seen.set((int)index);
        if (!applied)
        {
            refused.set((int)index);
        }
        answered++;
        return true;
    }

    /**
     * @return whether the target answered every restore.
     */
    boolean restoresAnswered()
    {
        return answered == orders;
    }

    /**
     * @return the restores the target refused, by the order's place in the piece.
     */
    BitSet refused()
    {
        return refused;
    }

    /**
     * @param recorded the restores the target refused, as the journal recorded them.
     */
    void refused(final BitSet recorded)
    {
        refused = recorded;
    }

    /**
     * @return what the mover does next; {@link Next#SEND_RESTORES} once only (the restores are then counted as sent).
     */
    Next next()
    {
        if (!restoresSent && restoresWait && moveOut == REFUSED)
        {
            return Next.ROLL_BACK;
        }
        if (!restoresSent && (!restoresWait || moveOut == APPLIED))
        {
            restoresSent = true;
            return Next.SEND_RESTORES;
        }
        if (!restoresSent || answered < orders || moveOut == UNKNOWN)
        {
            return Next.WAIT;
        }
        return moveOut == APPLIED ? Next.SETTLE : Next.UNDO;
    }
}
