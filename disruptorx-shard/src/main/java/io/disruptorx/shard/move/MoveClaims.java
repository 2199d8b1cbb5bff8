package io.disruptorx.shard.move;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Takes the {@link MoveLock} around each move a {@link MovingVenueClient} asks its {@link ShardMover} for: records
 * the claim (CLAIMED, forced) and sends it to the lock shard; refused, the move does not begin and the operator is
 * told which move holds the lock; granted, it waits until this gateway caught up with the move released before it,
 * then the mover moves with the claimed id; once the mover is idle again the release goes out (saying where the
 * instrument ended) and RELEASED is recorded. A claim the journal left unreleased (the gateway stopped) is released
 * once the mover has taken up and ended that move. When it starts it asks shard 0 who holds the lock
 * ({@link #known}); an operator may release a lock whose holder never returns ({@link #force}). Runs in the client's
 * thread; a move path, it allocates.
 */
final class MoveClaims
{
    private static final long NONE = -1;

    private enum State
    {
        IDLE, CLAIMING, MOVING, RELEASING, FORCING
    }

    private final ShardedVenueClient client;
    private final ShardMover mover;
    private final MoveLock lock = new MoveLock(new SecureRandom().nextInt(1 << 16));
    private final MoveCommands commands;
    private final UnsafeBuffer command;
    private final MoveOutbox outbox = new MoveOutbox();
    private final long journalMoveId;
    private final BooleanSupplier caughtUp;
    private int gatewayId;
    private boolean singleGateway;
    private String otherSeen;
    private State state = State.IDLE;
    private long moveId = NONE;
    private int instrumentId;
    private int target;
    private String refusal;
    private String forcedHolder;
    private String forceResult;

    /**
     * @param recovery what the mover's journal said when it was opened ({@link ShardMover#takeRecovery}), or
     *                 {@code null}.
     * @param caughtUp whether the gateway's table reflects every switch shard 0 recorded ({@link MoveCatchUp}): a
     *                 granted claim waits for it before the mover moves.
     */
    MoveClaims(final ShardedVenueClient client, final ShardMover mover, final MoveRecovery recovery,
        final BooleanSupplier caughtUp)
    {
        this.client = client;
        this.mover = mover;
        this.commands = new MoveCommands(mover.clock());
        this.command = commands.buffer();
        this.caughtUp = caughtUp;
        this.journalMoveId = recovery == null ? 0 : recovery.lastMoveId();
        lock.journalled(journalMoveId);
        final MoveRecovery.Move unreleased = recovery == null ? null : recovery.unreleased();
        if (unreleased != null)
        {
            moveId = unreleased.id;
            instrumentId = unreleased.instrumentId;
            target = unreleased.to;
            state = State.MOVING;
        }
        outbox.add(MoveLock.SHARD, command, 0, lock.query(commands));
    }

    /**
     * @param id this gateway's id, unique among the gateways in front of the same shards, below
     *           {@link MoveLock#GATEWAYS}.
     */
    void gatewayId(final int id)
    {
        if (id < 0 || id >= MoveLock.GATEWAYS)
        {
            throw new IllegalArgumentException("gateway id " + id + " is not in [0, " + MoveLock.GATEWAYS + ")");
        }
        gatewayId = id;
        lock.gatewayId(id);
    }

    /**
     * @param single whether the operator asserts that no other gateway runs in front of these shards: a granted move
     *               sends its restores with MoveOut unless this gateway saw another ({@link #restores}).
     */
    void singleGateway(final boolean single)
    {
        singleGateway = single;
    }

    /**
     * @return how the last move granted sent its restores, and why after MoveOut when the operator asserted a single
     * gateway.
     */
    String restores()
    {
        if (!singleGateway)
        {
            return "restores after MoveOut";
        }
        return otherSeen == null ? "restores with MoveOut (single gateway)" :
            "restores after MoveOut although a single gateway was asserted: this gateway saw " + otherSeen;
    }

    /**
     * @return whether no claim is under way (a new move may be asked for).
     */
    boolean isIdle()
    {
        return state == State.IDLE;
    }

    /**
     * @return {@code null}, or why the last move asked for did not begin.
     */
    String refusal()
    {
        return refusal;
    }

    /**
     * @return {@code null}, or which other gateway's move holds the lock, as this gateway saw it last: refuse at once.
     */
    String busy()
    {
        return lock.busy();
    }

    /**
     * @return whether this gateway knows who holds the lock: shard 0 answered its query (sent when it started).
     */
    boolean known()
    {
        return lock.known();
    }

    /**
     * @return the move holding the lock as this gateway saw it last, or -1 when free (or not {@link #known}).
     */
    long holderMoveId()
    {
        return lock.holderMoveId();
    }

    /**
     * @return the instrument of the move holding the lock (while {@link #holderMoveId} is not -1).
     */
    int holderInstrument()
    {
        return lock.holderInstrument();
    }

    /**
     * Releases the lock by force, for an operator whose holder never returns; call when idle and {@link #known}.
     * Refused at once when the lock is free, held by another gateway than {@code holderGateway}, or held by a move
     * this gateway follows (it saw the move's halt and not its end: the move is provably in progress).
     *
     * @param holderGateway the gateway the operator expects to hold the lock, or -1 for whichever does.
     * @param records       whether shard 0 records switches: a holder's move this gateway followed to its switch is
     *                      released as switched, so shard 0 records the switch.
     * @return {@code null} when the release went out ({@link #forceResult} once answered), else why not.
     */
    String force(final int holderGateway, final boolean records)
    {
        final long held = lock.holderMoveId();
        if (held < 0)
        {
            return "the move lock is free: nothing to release";
        }
        final String holder = String.format(Locale.ROOT, "gateway %d (move %d of instrument %d)", held %
            MoveLock.GATEWAYS, held, lock.holderInstrument());
        if (holderGateway >= 0 && held % MoveLock.GATEWAYS != holderGateway)
        {
            return "the move lock is held by " + holder + ", not by gateway " + holderGateway;
        }
        if (client.movingInstrument() >= 0)
        {
            return String.format(Locale.ROOT, "the move lock is held by %s, whose move is in progress: this " +
                "gateway saw instrument %d halted for it and not its end; start gateway %d again on its move " +
                "journal to complete or roll it back", holder, client.movingInstrument(), held % MoveLock.GATEWAYS);
        }
        forcedHolder = holder;
        forceResult = null;
        outbox.add(MoveLock.SHARD, command, 0, lock.force(commands, held,
            records ? mover.follower().switchedTo(held) : -1));
        state = State.FORCING;
        doWork();
        return null;
    }

    /**
     * @return the answer to the last forced release, once it was seen in shard 0's log.
     */
    String forceResult()
    {
        return forceResult;
    }

    /**
     * Claims the lock for a move; the mover begins it once granted, unless {@link #refusal} says why not.
     */
    void claim(final int instrument, final int shard)
    {
        refusal = null;
        moveId = lock.nextMoveId(Math.max(journalMoveId, mover.follower().lastMoveId()), gatewayId);
        instrumentId = instrument;
        target = shard;
        mover.journal().append(MoveStep.CLAIMED, moveId, instrumentId, -1, target, command, 0);
        outbox.add(MoveLock.SHARD, command, 0, lock.claim(commands, moveId, instrumentId));
        state = State.CLAIMING;
        doWork();
    }

    /**
     * Takes one event before the mover does.
     *
     * @return whether the mover must not see it: a claim or release, or the late announcement of a move released as
     * rolled back.
     */
    boolean onEvent(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        return lock.onEvent(shard, buffer, offset, length) || lock.stale(buffer, offset, length);
    }

    /**
     * Sends what is due; moves on once the claim is answered and the gateway caught up, or the mover is idle.
     */
    void doWork()
    {
        outbox.send(client);
        if (state == State.CLAIMING)
        {
            claimed();
        }
        if (state == State.FORCING && lock.forceAnswer() != MoveLock.PENDING)
        {
            forceResult = lock.forceAnswer() == MoveLock.RELEASED ?
                "released: the move lock held by " + forcedHolder + " was released by force in shard 0's log; " +
                    "every gateway sees it free" :
                "refused: " + forcedHolder + " no longer held the move lock when the forced release reached " +
                    "shard 0 (it was released meanwhile)";
            state = State.IDLE;
        }
        if (state == State.MOVING && mover.isIdle())
        {
            final RoutingTable table = client.table();
            release(table.shardOf(instrumentId) == target ? target : -1);
        }
        if (state == State.RELEASING && outbox.isEmpty())
        {
            mover.journal().append(MoveStep.RELEASED, moveId, instrumentId, -1, target, command, 0);
            state = State.IDLE;
        }
    }

    private void claimed()
    {
        final int answer = lock.answer();
        if (answer == MoveLock.REFUSED)
        {
            refusal = lock.refusal();
            mover.journal().append(MoveStep.RELEASED, moveId, instrumentId, -1, target, command, 0);
            state = State.IDLE;
            return;
        }
        if (answer == MoveLock.PENDING || !caughtUp.getAsBoolean() || !lock.caughtUp(client, mover.follower()) ||
            !mover.isIdle())
        {
            return;
        }
        final RoutingTable table = client.table();
        if (table.shardOf(instrumentId) == target)
        {
            refusal = String.format(Locale.ROOT, "instrument %d is on %s already (another gateway moved it)",
                instrumentId, table.shardName(target));
            release(-1);
            return;
        }
        state = State.MOVING;
        otherSeen = lock.otherGateway() != null ? lock.otherGateway() :
            mover.follower().followed() > 0 ? "another gateway's move (followed here)" : null;
        mover.restoresWithMoveOut(singleGateway && otherSeen == null);
        mover.move(instrumentId, target, moveId);
    }

    private void release(final int switchedTo)
    {
        outbox.add(MoveLock.SHARD, command, 0, lock.release(commands, moveId, instrumentId, switchedTo));
        state = State.RELEASING;
        outbox.send(client);
    }
}
