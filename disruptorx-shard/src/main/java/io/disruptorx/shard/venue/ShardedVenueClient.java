package io.disruptorx.shard.venue;

import java.util.function.LongConsumer;

import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.transfer.TransferCoordinator;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongLongConsumer;

/**
 * One {@link VenueClient} in front of several shards, each behind its own client (embedded node or cluster): a
 * gateway plugs it in unchanged. Commands go to the shard that owns them by the {@link RoutingTable} it follows
 * ({@link CommandRouter}); the shards' events come back as one stream with ids that are unique over all shards,
 * and the replies of commands that span shards merged into one ({@link EventMerger}).
 *
 * <p>It follows one routing table version at a time; {@link #follow} moves it to a newer one. While an instrument
 * moves to another shard ({@link #beginMove} to {@link #endMove}) it is halted to its clients: its new orders are
 * refused {@code INSTRUMENT_HALTED} here, as the halted instrument refuses them, and the other commands that may
 * touch it (and those that would overtake one of them: to its shard, or of its account) wait here and are applied
 * after the move, in order ({@link HeldCommands}); balance queries and cancels by client order id wait only for the
 * accounts whose orders move ({@link #movingAccounts}); orders that moved keep their
 * global ids and commands naming them follow them. Following another gateway's move, it also catches the commands it
 * sent before it learned of the move that the source applied after MoveOut ({@link LateReplies}), for as long as it
 * takes: a move announced meanwhile is held beside the last one. A gateway starting may hold, until it caught up
 * with the moves it missed, the commands its stored routes may send to a wrong shard ({@link #routesCatchUp}).
 * One thread uses an instance, as the {@link VenueClient} contract says; {@link #poll} is also the duty cycle that
 * re-offers a spanning command to shards that pushed back. No allocation per command or event.
 *
 * <p>It is also the link a {@link TransferCoordinator} sends its steps through ({@link #offerTo}). A balance answer
 * shows the funds on their way between shards as {@code inTransfer}, whichever gateway carries the transfer out and
 * whenever this one started: each shard's answer carries its part of them ({@link EventMerger}).
 */
public final class ShardedVenueClient implements VenueClient, TransferCoordinator.ShardLink
{
    /** Commands spanning shards that may be in flight at once; beyond it they are back-pressured. */
    public static final int FAN_OUT_CAPACITY = 64;

    /** Commands that may wait at a start for the routes to be caught up ({@link #routesCatchUp}). */
    public static final int CATCH_UP_HOLD_LIMIT = 4096;

    private final VenueClient[] shards;
    private final CommandRouter router;
    private final EventMerger merger;
    private final LocalEvents local;
    private final FanOutTable fanOuts;
    private final HeldCommands held;
    private final HeldCommands.Sender route = this::route;
    private final CatchUpHold catchUp;
    private final RoutesCatchUp routesCatchUp;
    private final HeldCommands.Sender pass = this::pass;
    private final LateReplies late;
    private RoutingTable table;
    private boolean closed;

    /**
     * @param table  the routing table to follow; it names as many shards as there are clients.
     * @param shards one client per shard, in the table's shard order. Closing this client closes them.
     */
    public ShardedVenueClient(final RoutingTable table, final VenueClient... shards)
    {
        if (shards.length != table.shardCount())
        {
            throw new IllegalArgumentException(
                "routing table names " + table.shardCount() + " shards, clients given: " + shards.length);
        }
        this.table = table;
        this.shards = shards.clone();
        this.fanOuts = new FanOutTable(shards.length, FAN_OUT_CAPACITY);
        this.local = new LocalEvents();
        this.router = new CommandRouter(this.shards, fanOuts, local);
        this.held = new HeldCommands(shards.length);
        this.late = new LateReplies(fanOuts);
        this.merger = new EventMerger(this.shards, fanOuts, local, late, router);
        this.catchUp = new CatchUpHold(fanOuts, local);
        this.routesCatchUp = new RoutesCatchUp(catchUp);
    }

    /**
     * Routes by a newer version of the table from the next command on. Followed while an instrument is held (a
     * gateway catching up with moves it missed), every cancel and replace by order id is held until no instrument
     * is: where the moved orders rest is not known yet ({@link #orderMoved}).
     *
     * @param next a table with a higher version and the same shards.
     */
    public void follow(final RoutingTable next)
    {
        switchTo(next);
        held.orderPlacesUnknown();
    }

    private void switchTo(final RoutingTable next)
    {
        if (next.version() <= table.version())
        {
            throw new IllegalArgumentException(
                "routing table version " + next.version() + " is not newer than " + table.version());
        }
        if (!next.shards().equals(table.shards()))
        {
            throw new IllegalArgumentException("routing table names other shards: " + next.shards());
        }
        table = next;
    }

    /**
     * @return the hold a gateway starting keeps, until it caught up with the moves it missed, of the commands its
     * stored routes may send to a wrong shard.
     */
    public RoutesCatchUp routesCatchUp()
    {
        return routesCatchUp;
    }

    /**
     * Holds back every command that may touch the instrument from now until {@link #endMove}, and after it as long as
     * commands sent before a followed move's hold may still need its target ({@link LateReplies}). One move at a
     * time; an earlier move's instrument still held after its switch stays held beside it (when
     * {@link HeldCommands#SLOTS} are held, the oldest of those is let go first).
     *
     * @param instrumentId the instrument about to move.
     */
    public void beginMove(final int instrumentId)
    {
        if (held.held() == HeldCommands.SLOTS && !held.holds(instrumentId))
        {
            late.sendParked(router, table, held);
            held.end(held.instrument(0), router, table);
        }
        held.begin(instrumentId);
    }

    /**
     * @return whether instruments are held only after their moves' switch, until the sources answered the mass
     * cancels sent before the holds ({@link LateReplies}); a move announced meanwhile is held beside them.
     */
    public boolean holdsAfterSwitch()
    {
        return held.onlyAfterSwitch();
    }

    /**
     * The move begun ({@link #beginMove}) is another gateway's, learned from the source's announcement: commands this
     * client sent before may reach the source after its MoveOut ({@link LateReplies}). Cancels and replaces of orders
     * on the source wait until the move ends ({@link HeldCommands#leaves}).
     *
     * @param source index of the shard the instrument leaves.
     */
    public void watchSource(final int source)
    {
        held.leaves(source);
        late.watch(held.moving(), source);
    }

    /**
     * {@link #beginMove} for this gateway's own move, which has sent nothing that changes funds yet: balance queries
     * are answered at once until it names its accounts ({@link #movingAccounts}), which it does before its MoveOut.
     * Each shard takes this client's commands in the order they were offered (a move's steps through {@link #offerTo}
     * wait while the shard owes a query it pushed back), so a query routed before MoveOut and the restores is applied
     * before them on every shard and counts each moving hold once, locked at the source.
     *
     * @param instrumentId the instrument about to move.
     */
    public void beginOwnMove(final int instrumentId)
    {
        beginMove(instrumentId);
        held.fundsUntouched();
    }

    /**
     * {@link #beginMove} for a move whose book was read already (taken up from a journal): {@link #movingAccounts}.
     *
     * @param instrumentId the instrument moving.
     * @param accounts     the accounts of the orders it carries.
     */
    public void beginMove(final int instrumentId, final long[] accounts)
    {
        beginMove(instrumentId);
        held.movingAccounts(accounts, accounts.length);
    }

    /**
     * The move under way carries orders of these accounts only: those of its book as read at the source after the
     * halt (a superset of those MoveOut takes: the halted source takes no new order). From now on a balance query or a
     * cancel or replace by client order id of any other account is not held for the move: the move changes nothing of
     * that account on any shard. Until this is called, every account's are held (but for {@link #beginOwnMove}).
     *
     * @param accounts the accounts, repeats allowed.
     */
    public void movingAccounts(final long[] accounts)
    {
        held.movingAccounts(accounts, accounts.length);
    }

    /**
     * The source applied a watched move's MoveOut: its later replies to mass cancels covering the instrument and
     * to cancels and replaces by client order id that were sent before the hold missed the moved orders. Ignored
     * unless that move is watched ({@link #watchSource}).
     *
     * @param instrumentId   the instrument that moved.
     * @param source         index of the shard it left.
     * @param accounts       the moved orders' accounts.
     * @param clientOrderIds their client order ids, in the same order.
     */
    public void movedOut(final int instrumentId, final int source, final long[] accounts, final long[] clientOrderIds)
    {
        late.movedOut(instrumentId, source, accounts, clientOrderIds);
    }

    /**
     * Ends the move under way: follows the table that routes the instrument to its new shard (or, when the move was
     * rolled back, keeps the one followed now), and sends the commands held back meanwhile, in order, once no
     * instrument is held any more.
     *
     * @param next the table to follow, or {@code null} to keep the current one.
     */
    public void endMove(final RoutingTable next)
    {
        final int instrument = held.switched();
        if (next != null)
        {
            switchTo(next);
            late.switched(instrument);
        }
        else
        {
            late.forget(instrument);
        }
        finishMoves();
    }

    /**
     * @return mass cancels sent again to a move's target because the source applied them after MoveOut.
     */
    public long massCancelsResent()
    {
        return late.resent();
    }

    /**
     * Ends the hold of each instrument whose move ended once no mass cancel sent before it may still need sending
     * again ({@link LateReplies}); sends what was held once none is held.
     */
    private void finishMoves()
    {
        late.sendParked(router, table, held);
        for (int i = held.held() - 1; i >= 0; i--)
        {
            final int instrument = held.instrument(i);
            if (!held.isMoving(instrument) && !late.mustKeepHolding(instrument))
            {
                held.end(instrument, router, table);
            }
        }
        held.release(route);
    }

    /**
     * Routes commands that name an order by its global id to the shard the order moved to.
     *
     * @param globalOrderId the order's global id, which it keeps.
     * @param shard         index of the shard it rests on now.
     * @return whether it is routed there: {@code false} when that shard's events already ended the order (seen before
     * this client learned of the move), so commands naming it go where its id says, as for any order that ended.
     */
    public boolean orderMoved(final long globalOrderId, final int shard)
    {
        return router.orderMoved(globalOrderId, shard);
    }

    /**
     * Stops routing commands that name the order by its global id to the shard it moved to, when this client routes
     * it there now (a shard said it no longer rests there); they go where its id says, as for any order that ended.
     *
     * @return whether it was routed there.
     */
    public boolean forgetMovedOrder(final long globalOrderId, final int shard)
    {
        return router.forgetMovedOrder(globalOrderId, shard);
    }

    /**
     * @param listener told, on the event path, the global id of each moved order whose end (cancelled, expired,
     *                 filled) a shard's events showed; commands naming it are no longer routed to where it moved.
     */
    public void onMovedOrderEnded(final LongConsumer listener)
    {
        router.onMovedOrderEnded(listener);
    }

    /**
     * @param action told each moved order this client routes to the shard it moved to (those that did not end yet):
     *               its global id and that shard; in no particular order.
     */
    public void forEachMovedOrder(final LongLongConsumer action)
    {
        router.forEachMovedOrder(action);
    }

    /** @return the moved orders this client routes to the shard they moved to (those that did not end yet). */
    int movedOrderRoutes()
    {
        return router.movedOrders();
    }

    /**
     * @return moved orders whose end was seen before their move was learned here, kept until it is (other moves ending
     * meanwhile keep them).
     */
    int movedOrdersEndedFirst()
    {
        return router.endedFirst();
    }

    /**
     * @return the instrument moving now, else the last one held after its switch, or -1.
     */
    public int movingInstrument()
    {
        return held.moving();
    }

    /**
     * @return whether the instrument is held: it is moving here (this gateway's move, one followed or one a catch-up
     * learns) or held after its move's switch.
     */
    public boolean holdsInstrument(final int instrumentId)
    {
        return held.holds(instrumentId);
    }

    /**
     * @return commands held back during moves so far.
     */
    public long commandsHeld()
    {
        return held.total();
    }

    /**
     * @return the routing table followed now.
     */
    public RoutingTable table()
    {
        return table;
    }

    /**
     * @param shard index.
     * @return commands that shard has taken from this client.
     */
    public long commandsRouted(final int shard)
    {
        return router.commandsRouted(shard);
    }

    /**
     * @return cancels and replaces refused here because their order id names no shard.
     */
    public long unknownShardRefusals()
    {
        return local.answered();
    }

    /** @return bytes the answers given here (without a shard) may take before their buffer grows. */
    int localCapacity()
    {
        return local.capacity();
    }

    /**
     * @return new orders refused {@code INSTRUMENT_HALTED} here because their instrument was moving.
     */
    public long haltedDuringMoves()
    {
        return local.halted();
    }

    /**
     * Offers a command to one shard named by the caller, not by the routing table: for commands that name their
     * shard themselves, such as the steps of a transfer between shards. Pushed back while that shard still owes a
     * fan-out it pushed back (so that it takes commands in the order they were offered here).
     *
     * @param shard  index of the shard.
     * @param buffer holding the command.
     * @param offset of its header.
     * @param length of header and body.
     * @return as {@link #offer}.
     */
    public long offerTo(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (router.mustWaitFor(shard))
        {
            return BACK_PRESSURED;
        }
        return shards[shard].offer(buffer, offset, length);
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (catchUp.takes(buffer, offset, length))
        {
            return catchUp.take(buffer, offset, length);
        }
        return pass(buffer, offset, length);
    }

    private long pass(final DirectBuffer buffer, final int offset, final int length)
    {
        if (held.isNewOrderOfMoving(buffer, offset, length))
        {
            return local.halted(buffer, offset);
        }
        if (held.mustWait(buffer, offset, length, router, table))
        {
            return held.hold(buffer, offset, length, router, table);
        }
        return router.route(table, buffer, offset, length);
    }

    @Override
    public int poll(final VenueEventHandler handler, final int limit)
    {
        router.retryUnsent();
        if (!catchUp.isEmpty())
        {
            catchUp.drain(pass);
        }
        if (held.anyAfterSwitch())
        {
            finishMoves();
        }
        else if (late.hasParked())
        {
            late.sendParked(router, table, held);
        }
        if (!held.isEmpty())
        {
            held.release(route);
        }
        final int delivered = merger.poll(handler, limit);
        if (held.anyAfterSwitch())
        {
            finishMoves();
        }
        return delivered;
    }

    private long route(final DirectBuffer buffer, final int offset, final int length)
    {
        return router.route(table, buffer, offset, length);
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            for (final VenueClient shard : shards)
            {
                shard.close();
            }
        }
    }
}
