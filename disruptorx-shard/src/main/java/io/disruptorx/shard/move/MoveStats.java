package io.disruptorx.shard.move;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a {@link ShardMover}'s moves did: counts, how long the last move held its instrument (from the halt until
 * the held commands were released), and when the last move's steps ended ({@link #STEPS}).
 */
public final class MoveStats
{
    /** The steps whose end is timed, in the order of {@link #stepNanos}. */
    public static final String[] STEPS = {
        "begun forced", "halt answered", "book read", "read forced", "moved out", "restored", "released"};

    static final int BEGUN = 0;
    static final int HALTED = 1;
    static final int BOOK = 2;
    static final int READ = 3;
    static final int MOVED_OUT = 4;
    static final int RESTORED = 5;
    static final int RELEASED = 6;

    private final long[] marks = new long[STEPS.length];
    private final long[] lastMarks = new long[STEPS.length];
    private long startedNanos;
    private long moves;
    private long rolledBack;
    private long ordersMoved;
    private long ordersNotRestored;
    private long lastHaltNanos;
    private long starts;
    private int instrument = -1;
    private int from = -1;
    private int to = -1;

    /**
     * A move starts (or is taken up from the journal): its steps are timed from now.
     *
     * @param instrumentId the instrument it moves.
     * @param source       index of its source shard.
     * @param target       index of its target shard.
     * @return {@link System#nanoTime()} now.
     */
    long started(final int instrumentId, final int source, final int target)
    {
        starts++;
        instrument = instrumentId;
        from = source;
        to = target;
        Arrays.fill(marks, -1);
        startedNanos = System.nanoTime();
        return startedNanos;
    }

    /** @return moves started so far (taken up from the journal included). */
    long starts()
    {
        return starts;
    }

    /** @return the instrument of the move started last (-1 before the first). */
    int lastInstrument()
    {
        return instrument;
    }

    /** @return index of the source shard of the move started last. */
    int lastFrom()
    {
        return from;
    }

    /** @return index of the target shard of the move started last. */
    int lastTo()
    {
        return to;
    }

    void mark(final int step)
    {
        marks[step] = System.nanoTime() - startedNanos;
    }

    void done(final int orders, final int notRestored, final long haltNanos)
    {
        marks[RELEASED] = haltNanos;
        System.arraycopy(marks, 0, lastMarks, 0, marks.length);
        moves++;
        ordersMoved += orders - notRestored;
        ordersNotRestored += notRestored;
        lastHaltNanos = haltNanos;
    }

    void rolledBack(final long haltNanos)
    {
        marks[RELEASED] = haltNanos;
        System.arraycopy(marks, 0, lastMarks, 0, marks.length);
        rolledBack++;
        lastHaltNanos = haltNanos;
    }

    /**
     * @return moves completed.
     */
    public long moves()
    {
        return moves;
    }

    /**
     * @return moves rolled back.
     */
    public long rolledBack()
    {
        return rolledBack;
    }

    /**
     * @return orders that rest on their new shard.
     */
    public long ordersMoved()
    {
        return ordersMoved;
    }

    /**
     * @return orders the target refused: their holds went back to their accounts at the source.
     */
    public long ordersNotRestored()
    {
        return ordersNotRestored;
    }

    /**
     * @return nanoseconds the last move held its instrument.
     */
    public long lastHaltNanos()
    {
        return lastHaltNanos;
    }

    /**
     * @return for each of {@link #STEPS}, nanoseconds from the start of the last move until the step ended, or -1
     * when the move did not pass it (a move taken up from the journal starts its clock when it is taken up).
     */
    public long[] stepNanos()
    {
        return lastMarks.clone();
    }

    /**
     * @return the last move's {@link #stepNanos} as one line: each step's name and when it ended, in ms from the
     * move's start ("-" for a step it did not pass).
     */
    public String lastSteps()
    {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < STEPS.length; i++)
        {
            line.append(i == 0 ? "" : ", ").append(STEPS[i]).append(' ')
                .append(lastMarks[i] < 0 ? "-" : String.format(Locale.ROOT, "%.1f", lastMarks[i] / 1e6));
        }
        return line.toString();
    }
}
