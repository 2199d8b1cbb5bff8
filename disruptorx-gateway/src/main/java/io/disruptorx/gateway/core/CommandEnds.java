package io.disruptorx.gateway.core;

/**
 * How far the venue's commands are known to be complete, for a venue client that signals where each command's
 * events end ({@code VenueClient.signalsCommandEnd()}): the "ended through" watermark, the highest command
 * sequence whose events, and those of every command before it, have all been delivered. An answer that must carry
 * all of a command's events (a REST order's entry fills) waits until {@link #ended} says so; for a client that
 * does not signal, nothing is ever known to have ended and such an answer is given as its events arrive.
 *
 * <p>Command sequences increase in venue order (journal sequence, cluster log position). Sequence 0 is not a venue
 * command (a report a host makes itself, such as a shard gateway's local reject): it never moves the watermark,
 * and no answer waits for it. Gateway thread only; no allocation.
 */
public final class CommandEnds
{
    private final boolean signalled;
    private long endedThrough;

    /**
     * @param signalled whether the venue client signals command ends.
     */
    public CommandEnds(final boolean signalled)
    {
        this.signalled = signalled;
    }

    /**
     * @return whether the venue client signals command ends, so an answer may wait for {@link #ended}.
     */
    public boolean signalled()
    {
        return signalled;
    }

    /**
     * @return the highest command sequence whose events are all delivered, 0 before the first end.
     */
    public long endedThrough()
    {
        return endedThrough;
    }

    /**
     * @param commandSequence a venue command's sequence (positive).
     * @return true when every event of that command has been delivered.
     */
    public boolean ended(final long commandSequence)
    {
        return commandSequence > 0 && commandSequence <= endedThrough;
    }

    /**
     * Every event of the command with this sequence, and of the commands before it, has been delivered. A sequence
     * at or below the watermark (0, or a repeat) changes nothing: the watermark never moves back.
     *
     * @param commandSequence from the venue client's end signal.
     */
    void onCommandEnd(final long commandSequence)
    {
        if (commandSequence > endedThrough)
        {
            endedThrough = commandSequence;
        }
    }
}
