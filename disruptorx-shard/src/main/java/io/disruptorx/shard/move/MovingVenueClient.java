package io.disruptorx.shard.move;

import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import io.disruptorx.protocol.venue.TraceContext;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.transfer.TransferDesk;
import io.disruptorx.shard.venue.RoutesCatchUp;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;

/**
 * The venue client a sharded gateway runs on: its {@link ShardedVenueClient} with the {@link ShardMover} in the same
 * duty cycle, so a move's commands, the held commands and the gateway's own go through one thread in order. Other
 * threads (an operator's admin connection) ask for moves with {@link #move}; they are carried out one after another
 * and answered with one line saying what happened: a completed move names the orders it carried and how many of them
 * the target refused (their holds go back to their accounts at the source). With a {@link TransferDesk}
 * ({@link #withTransfers}) the same duty cycle carries out transfers of funds between shards. Each move first takes
 * the move lock in shard 0's log ({@link MoveLock}): while another gateway's move holds it, or takes it first, the
 * move is refused ("refused: another move is in progress: instrument X by gateway G"). A gateway that starts asks
 * shard 0 who holds the lock and starts no move until it knows; an operator may release a lock whose holder never
 * returns ({@link #unlock}). It also asks the shards which of the moved orders its move journal routes still rest
 * where they moved, and drops the routes of those that ended ({@link MovedRoutesCheck}).
 */
public final class MovingVenueClient implements VenueClient
{
    /** Default of {@link #routesDueWithin}: how long commands whose shard may be stale wait at the start. */
    public static final long ROUTES_DUE_NANOS = 5_000_000_000L;

    private final ShardedVenueClient client;
    private final ShardMover mover;
    private final MoveClaims claims;
    private final MoveCatchUp catchUp;
    private final MovedRoutesCheck routesCheck;
    private final StartRoutes startRoutes;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final VenueEventHandler both = this::onEvent;
    private volatile RoutingTable table;
    private volatile MoveStatus status = MoveStatus.UNKNOWN;
    private VenueEventHandler gateway;
    private Consumer<String> moveLog = line ->
    {
    };
    private TransferDesk transfers;
    private Request current;
    private long movesBefore;
    private long ordersBefore;
    private long refusedBefore;
    private long startsBefore;
    private int fromShard;

    private record Request(int instrumentId, int target, boolean unlock, CompletableFuture<String> answer)
    {
    }

    /**
     * @param client the sharded client; closing this closes it.
     * @param mover  the mover on that client.
     */
    public MovingVenueClient(final ShardedVenueClient client, final ShardMover mover)
    {
        this.client = client;
        this.mover = mover;
        final MoveRecovery recovery = mover.takeRecovery();
        this.claims = new MoveClaims(client, mover, recovery, this::caughtUp);
        this.catchUp = new MoveCatchUp(client, mover);
        this.routesCheck = new MovedRoutesCheck(client, mover, recovery, catchUp.nonce() ^ 1L << MoveLock.TO_SHIFT);
        this.startRoutes = new StartRoutes(client, catchUp, routesCheck, () -> claims.known() &&
            claims.holderMoveId() >= 0 && mover.isIdle() && !mover.follower().isFollowing(), ROUTES_DUE_NANOS);
        this.table = client.table();
        client.routesCatchUp().begin();
    }

    /**
     * Bounds how long, from the first {@link #poll}, the commands whose shard may be stale wait for the catch-up with
     * the moves this gateway missed (docs/scaling.md, "A gateway that missed moves"; {@link #ROUTES_DUE_NANOS}
     * unless set); after it, the cancels, replaces and mass cancels waiting, and every later one until it caught up,
     * are refused {@code INSTRUMENT_HALTED} (retryable; {@link RoutesCatchUp#refusals}), each in its turn; such a
     * refusal waits for its account's earlier merged answers (queries, mass cancels, cancels by client order id) one to
     * two of these bounds after they were sent at most ({@link RoutesCatchUp#answersOverdue}). Call before the first
     * poll.
     *
     * @param nanos how long; 0 refuses them from the first poll until it caught up.
     * @return this.
     */
    public MovingVenueClient routesDueWithin(final long nanos)
    {
        startRoutes.dueWithin(nanos);
        return this;
    }

    /**
     * Compacts the move journal after a move ended once it is longer than {@code bytes} (default 1 MiB) and than
     * twice its length after the last compaction: rewritten, atomically, to the claim of the move lock not released,
     * the highest move id and the moved orders still open ({@link MoveJournal#compact}).
     *
     * @param bytes journal length; 0 compacts after every move.
     * @return this.
     */
    public MovingVenueClient compactJournalAbove(final long bytes)
    {
        mover.journal().compactAbove(bytes);
        return this;
    }

    /**
     * Names this gateway in its move ids and in the move lock ({@link MoveLock}): unique among the gateways in front
     * of the same shards, stable across restarts, below 1024 (default 0). Call before the first {@link #poll}.
     *
     * @param id this gateway's id.
     * @return this.
     */
    public MovingVenueClient gatewayId(final int id)
    {
        claims.gatewayId(id);
        return this;
    }

    /**
     * Asserts that no other gateway runs in front of these shards, so that each move sends its restores together
     * with MoveOut: the halt one round trip through the target's log shorter (docs/scaling.md, More than one
     * gateway). Off by default: with another gateway, a mass cancel it sent before it saw the move could cancel an
     * order at the source and its restored copy at the target, its hold released on both. Even when asserted, a move
     * sends them after MoveOut once this gateway has seen another in shard 0's log (a lock request or query of
     * another process) or followed another's move; the move's log line says which. Call before a move is asked for.
     *
     * @param single whether this is the only gateway.
     * @return this.
     */
    public MovingVenueClient singleGateway(final boolean single)
    {
        claims.singleGateway(single);
        return this;
    }

    /**
     * Has each move that ended told to a log, after its answer: the answer and when each of its steps ended
     * ({@link MoveStats#lastSteps}). Call before the first {@link #poll}.
     *
     * @param log takes one line per move, in the client's thread.
     * @return this.
     */
    public MovingVenueClient logMovesTo(final Consumer<String> log)
    {
        this.moveLog = log;
        return this;
    }

    /**
     * Carries out transfers between shards in this client's duty cycle: the desk sees every event and works in each
     * {@link #poll}. Call before the first {@link #poll}.
     *
     * @param desk the gateway's transfer desk (on a coordinator over this client's shards); closed with this client.
     * @return this.
     */
    public MovingVenueClient withTransfers(final TransferDesk desk)
    {
        this.transfers = desk;
        return this;
    }

    /**
     * @return the transfer desk, or {@code null} when this gateway carries out no transfers.
     */
    public TransferDesk transfers()
    {
        return transfers;
    }

    /**
     * Asks for a move, from any thread.
     *
     * @param instrumentId the instrument.
     * @param target       index of the shard to own it.
     * @return completed with one line: "moved ...", "rolled back ..." or "refused ...".
     */
    public CompletableFuture<String> move(final int instrumentId, final int target)
    {
        final Request request = new Request(instrumentId, target, false, new CompletableFuture<>());
        requests.add(request);
        return request.answer;
    }

    /**
     * Asks, from any thread, for an operator's forced release of the move lock, for a holder that never returns
     * (docs/scaling.md, "Releasing the lock by force"): recorded in shard 0's log, so every gateway sees the lock
     * free. Refused when the lock is free, held by another gateway than {@code holderGateway}, or held by a move
     * this gateway saw halt its instrument and not end. Carried out in turn with the moves asked for, once this
     * gateway knows who holds the lock.
     *
     * @param holderGateway the gateway expected to hold the lock, or -1 for whichever does.
     * @return completed with one line: "released: ..." or "refused: ...".
     */
    public CompletableFuture<String> unlock(final int holderGateway)
    {
        final Request request = new Request(-1, holderGateway, true, new CompletableFuture<>());
        requests.add(request);
        return request.answer;
    }

    /**
     * @return whether this gateway knows who holds the move lock (shard 0 answered its query since it started);
     * until then it starts no move.
     */
    public boolean knowsMoveLock()
    {
        return claims.known();
    }

    /**
     * @return whether this gateway's table reflects every switch shard 0 recorded and it knows where their moved
     * orders rest (docs/scaling.md, "A gateway that missed moves"); until then it starts no move.
     */
    public boolean caughtUp()
    {
        return catchUp.caughtUp();
    }

    /**
     * @return how many of shard 0's recorded switches this gateway's table reflects, or -1 while not known.
     */
    public long switches()
    {
        return catchUp.switches();
    }

    /**
     * @return moves of another gateway this gateway followed to their switch (in its thread).
     */
    public long movesFollowed()
    {
        return mover.follower().followed();
    }

    /**
     * @return the routing table the gateway follows, as of its last duty cycle; readable from any thread.
     */
    public RoutingTable table()
    {
        return table;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return client.offer(buffer, offset, length);
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final TraceContext trace)
    {
        return client.offer(buffer, offset, length, trace);
    }

    @Override
    public int poll(final VenueEventHandler handler, final int limit)
    {
        if (current == null && claims.isIdle() && mover.isIdle() && claims.known() && catchUp.caughtUp() &&
            !requests.isEmpty())
        {
            start(requests.poll());
        }
        mover.doWork();
        gateway = handler;
        final int delivered = client.poll(both, limit);
        mover.doWork();
        claims.doWork();
        catchUp.doWork();
        startRoutes.doWork(moveLog);
        if (transfers != null)
        {
            transfers.doWork(System.nanoTime());
        }
        if (current != null && claims.isIdle() && mover.isIdle())
        {
            finish();
        }
        else if (current == null && table != client.table())
        {
            table = client.table();
        }
        publishStatus();
        return delivered;
    }

    /**
     * @return the check of the routes the move journal gave at the start.
     */
    MovedRoutesCheck routesCheck()
    {
        return routesCheck;
    }

    /**
     * @return the move lock and the instrument moving, as of the last duty cycle; readable from any thread.
     */
    MoveStatus status()
    {
        return status;
    }

    /**
     * Publishes what this gateway knows of moves when it changed (rarely: it allocates only then).
     */
    private void publishStatus()
    {
        final boolean known = claims.known();
        final long holder = known ? claims.holderMoveId() : -1;
        final int holderInstrument = holder >= 0 ? claims.holderInstrument() : 0;
        final MoveFollower follower = mover.follower();
        final int kind;
        int instrument = -1;
        int from = -1;
        int to = -1;
        if (!mover.isIdle())
        {
            kind = MoveStatus.OWN;
            instrument = mover.stats().lastInstrument();
            from = mover.stats().lastFrom();
            to = mover.stats().lastTo();
        }
        else if (follower.isFollowing())
        {
            kind = MoveStatus.FOLLOWED;
            instrument = follower.followedInstrument();
            from = follower.followedFrom();
            to = follower.followedTo();
        }
        else if (current != null && !current.unlock)
        {
            kind = mover.stats().starts() > startsBefore ? MoveStatus.RELEASING : MoveStatus.CLAIMING;
            instrument = current.instrumentId;
            from = fromShard;
            to = current.target;
        }
        else if (client.movingInstrument() >= 0)
        {
            kind = MoveStatus.HELD;
            instrument = client.movingInstrument();
            to = client.table().shardOf(instrument);
        }
        else
        {
            kind = MoveStatus.IDLE;
        }
        if (!status.same(known, holder, holderInstrument, kind, instrument, from, to))
        {
            status = new MoveStatus(known, holder, holderInstrument, kind, instrument, from, to);
        }
    }

    @Override
    public void close()
    {
        if (transfers != null)
        {
            transfers.close();
        }
        mover.close();
        client.close();
        Request left;
        while ((left = requests.poll()) != null)
        {
            left.answer.complete("refused: the gateway is stopping");
        }
        if (current != null && current.unlock)
        {
            current.answer.complete("unfinished: the gateway stopped before it saw its forced release in shard 0's " +
                "log; ask again (a release of a lock already free is refused, saying so)");
        }
        else if (current != null)
        {
            current.answer.complete("unfinished: the gateway stopped during the move; its journal completes or " +
                "rolls it back on the next start");
        }
    }

    private void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean caughtUpAnswer = catchUp.onEvent(ShardIds.shardOf(commandSequence), buffer, offset, length) ||
            routesCheck.onEvent(ShardIds.shardOf(commandSequence), buffer, offset, length);
        if (!claims.onEvent(ShardIds.shardOf(commandSequence), buffer, offset, length) && !caughtUpAnswer)
        {
            mover.onEvent(commandSequence, buffer, offset, length);
        }
        if (transfers != null)
        {
            transfers.onEvent(commandSequence, buffer, offset, length);
        }
        final DirectBuffer retryable = mover.follower().retryable(ShardIds.shardOf(commandSequence), buffer, offset,
            length);
        if (retryable != null)
        {
            gateway.onEvent(commandSequence, retryable, 0, length);
            return;
        }
        gateway.onEvent(commandSequence, buffer, offset, length);
    }

    private void start(final Request request)
    {
        if (request.unlock)
        {
            final String refused = claims.force(request.target, catchUp.recordsSwitches());
            if (refused != null)
            {
                request.answer.complete("refused: " + refused);
                return;
            }
            current = request;
            return;
        }
        final RoutingTable routes = client.table();
        final String busy = claims.busy();
        if (busy != null)
        {
            request.answer.complete("refused: " + busy);
            return;
        }
        if (client.movingInstrument() >= 0)
        {
            request.answer.complete(String.format(Locale.ROOT, "refused: instrument %d is moving (another gateway's " +
                "move, followed here); ask again after it", client.movingInstrument()));
            return;
        }
        if (request.target < 0 || request.target >= routes.shardCount() ||
            routes.shardOf(request.instrumentId) == request.target || request.instrumentId <= 0)
        {
            request.answer.complete(String.format(Locale.ROOT, "refused: instrument %d cannot move to shard %d " +
                "(it is on %s)", request.instrumentId, request.target,
                request.instrumentId <= 0 ? "none" : routes.shardName(routes.shardOf(request.instrumentId))));
            return;
        }
        startsBefore = mover.stats().starts();
        claims.claim(request.instrumentId, request.target);
        current = request;
        fromShard = routes.shardOf(request.instrumentId);
        movesBefore = mover.stats().moves();
        ordersBefore = mover.stats().ordersMoved();
        refusedBefore = mover.stats().ordersNotRestored();
    }

    private void finish()
    {
        if (current.unlock)
        {
            current.answer.complete(claims.forceResult());
            moveLog.accept(claims.forceResult());
            current = null;
            return;
        }
        final MoveStats stats = mover.stats();
        final RoutingTable routes = client.table();
        table = routes;
        final String names = routes.shardName(fromShard) + " -> " + routes.shardName(current.target);
        final double haltMillis = stats.lastHaltNanos() / 1e6;
        final String answer;
        if (claims.refusal() != null)
        {
            answer = "refused: " + claims.refusal();
        }
        else if (stats.moves() > movesBefore)
        {
            final long refused = stats.ordersNotRestored() - refusedBefore;
            final long orders = stats.ordersMoved() - ordersBefore + refused;
            answer = String.format(Locale.ROOT, "moved instrument %d %s: %d orders, %d refused, halted %.3f ms, " +
                "routing table version %d", current.instrumentId, names, orders, refused, haltMillis, routes.version());
        }
        else
        {
            answer = String.format(Locale.ROOT, "rolled back instrument %d %s after %.3f ms (the source refused or " +
                "has no such instrument)", current.instrumentId, names, haltMillis);
        }
        current.answer.complete(answer);
        current = null;
        moveLog.accept(answer + (claims.refusal() != null ? "" : "; " + claims.restores()) + "; steps ended at " +
            "(ms): " + stats.lastSteps());
    }
}
