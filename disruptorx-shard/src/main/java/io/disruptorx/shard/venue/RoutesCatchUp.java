package io.disruptorx.shard.venue;

/**
 * A gateway's hold, from its start until it caught up with the moves it missed, of the commands whose shard the
 * table and moved-order routes it follows now may name wrongly, and of later commands of their accounts
 * ({@link CatchUpHold}): a cancel or replace by global order id could reach the shard its order left
 * ({@code UNKNOWN_ORDER} for a live order), and a mass cancel or open-orders query of one instrument the shard the
 * instrument left. At most {@link ShardedVenueClient#CATCH_UP_HOLD_LIMIT} wait; beyond, a cancel, replace or mass
 * cancel of an account with nothing waiting is refused {@code INSTRUMENT_HALTED} ({@link #refusals}). Used on the
 * {@link ShardedVenueClient}'s thread.
 */
public final class RoutesCatchUp
{
    private final CatchUpHold hold;

    RoutesCatchUp(final CatchUpHold hold)
    {
        this.hold = hold;
    }

    /**
     * Starts holding, until {@link #caughtUp} or {@link #overdue}.
     */
    public void begin()
    {
        hold.begin();
    }

    /**
     * The routes are caught up: what was held goes on, in order, by the table and moved-order routes followed now.
     */
    public void caughtUp()
    {
        hold.release();
    }

    /**
     * The routes were not caught up in time: the cancels and replaces by order id and mass cancels of one instrument
     * held are refused {@code INSTRUMENT_HALTED} (retryable) in their turn, after the account's earlier commands, and
     * so is every one until {@link #caughtUp}; the other commands held go on (an open-orders query by the table
     * followed now).
     */
    public void overdue()
    {
        hold.overdue();
    }

    /**
     * Bounds how long, overdue, a refusal in its turn waits for the answers to its account's earlier queries, mass
     * cancels and cancels by client order id: those sent before the previous call are no longer waited for, so a shard
     * that took one and fell silent does not stop the commands held for good. Call it periodically while overdue
     * (each answer is then waited for at least one period and at most about two); past that, a refusal may come before
     * such an answer.
     */
    public void answersOverdue()
    {
        hold.answersOverdue();
    }

    /**
     * @return whether commands whose shard may be stale wait for the routes to be caught up, or are refused for them.
     */
    public boolean isActive()
    {
        return hold.isActive();
    }

    /**
     * @return commands held for the routes to be caught up so far.
     */
    public long held()
    {
        return hold.held();
    }

    /**
     * @return cancels, replaces and mass cancels refused {@code INSTRUMENT_HALTED} because the routes were not caught
     * up in time ({@link #overdue}) or too many waited.
     */
    public long refusals()
    {
        return hold.refused();
    }
}
