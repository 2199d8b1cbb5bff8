package io.disruptorx.shard.move;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.disruptorx.shard.venue.RoutesCatchUp;
import io.disruptorx.shard.venue.ShardedVenueClient;

/**
 * What a moving gateway does about its routes after it starts, in its duty cycle: it releases the commands its client
 * holds until the catch-up with the moves it missed is in ({@link MoveCatchUp}), or past the bound has the client
 * refuse them retryably, and it says once in the move log what the check of the move journal's routes found
 * ({@link MovedRoutesCheck}). While another gateway's move that this one does not follow holds the move lock (it
 * started after that move's halt), it is not caught up: the source may have moved the orders out already, and until
 * that move's switch is applied here and its orders' places are known, the held commands would reach the wrong shard.
 * That wait has the same bound: a move still holding the lock then (its gateway stopped mid-move) no longer holds
 * this gateway's commands, which go on by the routes caught up, never refused for it. Past the bound, a refusal waits
 * in its turn for the answers to its account's earlier fan-outs (queries, mass cancels, cancels by client order id)
 * only while they are younger than one more bound ({@link RoutesCatchUp#answersOverdue}, every bound from the first
 * overdue duty cycle): a shard that took one and fell silent stops the held commands for two bounds at most.
 */
final class StartRoutes
{
    private final ShardedVenueClient client;
    private final MoveCatchUp catchUp;
    private final MovedRoutesCheck routesCheck;
    private final BooleanSupplier unfollowedMove;
    private long dueNanos;
    private long firstPollNanos;
    private long answersDueNanos;
    private boolean overdue;
    private boolean polled;
    private boolean checkTold;

    StartRoutes(final ShardedVenueClient client, final MoveCatchUp catchUp, final MovedRoutesCheck routesCheck,
        final BooleanSupplier unfollowedMove, final long dueNanos)
    {
        this.unfollowedMove = unfollowedMove;
        this.client = client;
        this.catchUp = catchUp;
        this.routesCheck = routesCheck;
        this.dueNanos = dueNanos;
    }

    /**
     * @param nanos how long, from the first duty cycle, held commands wait for the catch-up.
     */
    void dueWithin(final long nanos)
    {
        dueNanos = nanos;
    }

    /**
     * One duty cycle, after the catch-up's: advances the routes check, logs its outcome once, and releases or refuses
     * the held commands.
     *
     * @param moveLog where the gateway's move lines go.
     */
    void doWork(final Consumer<String> moveLog)
    {
        routesCheck.doWork();
        if (!checkTold && routesCheck.done())
        {
            checkTold = true;
            if (routesCheck.checked() + routesCheck.unnamed() > 0)
            {
                moveLog.accept(String.format(Locale.ROOT, "moved orders routed by the journal: %d asked about, %d " +
                    "dropped (they ended), %d kept unasked (no instrument recorded)", routesCheck.checked(),
                    routesCheck.dropped(), routesCheck.unnamed()));
            }
        }
        if (client.routesCatchUp().isActive())
        {
            final long now = System.nanoTime();
            firstPollNanos = polled ? firstPollNanos : now;
            polled = true;
            final boolean due = now - firstPollNanos >= dueNanos;
            if (catchUp.caughtUp() && (due || !unfollowedMove.getAsBoolean()))
            {
                client.routesCatchUp().caughtUp();
            }
            else if (due)
            {
                client.routesCatchUp().overdue();
                if (!overdue || now - answersDueNanos >= dueNanos)
                {
                    overdue = true;
                    answersDueNanos = now;
                    client.routesCatchUp().answersOverdue();
                }
            }
        }
    }
}
