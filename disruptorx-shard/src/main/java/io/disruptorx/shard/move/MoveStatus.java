package io.disruptorx.shard.move;

import java.util.Locale;

import io.disruptorx.shard.routing.RoutingTable;

/**
 * What a gateway knows of moves now, as its move admin answers {@code status} ({@code dx shard status --admin}): who
 * holds the shards' move lock as this gateway last saw it, and the instrument it moves, follows or holds commands
 * for, with its source and target. The client's thread publishes a new one when any of it changes
 * ({@link MovingVenueClient}); the admin's thread reads it.
 *
 * @param lockKnown        whether shard 0 answered this gateway's lock query (it starts no move before).
 * @param holderMoveId     the move holding the lock, or -1 when free.
 * @param holderInstrument that move's instrument.
 * @param kind             {@link #IDLE}, {@link #CLAIMING}, {@link #OWN}, {@link #RELEASING}, {@link #FOLLOWED}
 *                         or {@link #HELD}.
 * @param instrument       the instrument moving, or -1.
 * @param from             index of its source shard, or -1 when not known here.
 * @param to               index of its target shard, or -1 when not known here.
 */
record MoveStatus(boolean lockKnown, long holderMoveId, int holderInstrument, int kind, int instrument, int from,
    int to)
{
    /** No instrument moves, nor has commands held, here. */
    static final int IDLE = 0;
    /** This gateway's move asks for the lock: nothing halted yet. */
    static final int CLAIMING = 1;
    /** This gateway's move is under way (asked for, or taken up from its journal). */
    static final int OWN = 2;
    /** Another gateway's move, followed here. */
    static final int FOLLOWED = 3;
    /** Commands for the instrument are still held here while its move ends. */
    static final int HELD = 4;
    /** This gateway's move ended here; it releases the lock. */
    static final int RELEASING = 5;

    /** Before the client's first duty cycle. */
    static final MoveStatus UNKNOWN = new MoveStatus(false, -1, 0, IDLE, -1, -1, -1);

    /**
     * @return whether this status says exactly that (so nothing new need be published).
     */
    boolean same(final boolean lockKnown, final long holderMoveId, final int holderInstrument, final int kind,
        final int instrument, final int from, final int to)
    {
        return this.lockKnown == lockKnown && this.holderMoveId == holderMoveId &&
            this.holderInstrument == holderInstrument && this.kind == kind && this.instrument == instrument &&
            this.from == from && this.to == to;
    }

    /**
     * @return {@code move lock: ...}: free, held by whom, or not known yet.
     */
    String lockLine()
    {
        if (!lockKnown)
        {
            return "move lock: not known yet (shard 0 has not answered this gateway's query; it starts no move " +
                "until then)";
        }
        if (holderMoveId < 0)
        {
            return "move lock: free";
        }
        return String.format(Locale.ROOT, "move lock: held by gateway %d (move %d of instrument %d)",
            holderMoveId % MoveLock.GATEWAYS, holderMoveId, holderInstrument);
    }

    /**
     * @param routes the gateway's routing table, for the shards' names.
     * @return {@code moving: ...}: none, or the instrument, its source and target, and whose move it is.
     */
    String movingLine(final RoutingTable routes)
    {
        final String path = String.format(Locale.ROOT, "instrument %d from %s to %s", instrument,
            shard(routes, from), shard(routes, to));
        return switch (kind)
        {
            case CLAIMING -> "moving: " + path + ", this gateway's move, asking shard 0 for the move lock (nothing " +
                "halted yet)";
            case OWN -> "moving: " + path + ", this gateway's move: halted (or being halted) on its source, " +
                "commands for it held here until the switch";
            case RELEASING -> "moving: " + path + ", this gateway's move, ended here: releasing the move lock";
            case FOLLOWED -> "moving: " + path + ", another gateway's move followed here: halted on its source, " +
                "commands for it held here until the switch";
            case HELD -> String.format(Locale.ROOT, "moving: instrument %d, commands for it held here while its " +
                "move ends (routed to %s in this gateway's table)", instrument, shard(routes, to));
            default -> "moving: none (this gateway holds no instrument's commands for a move)";
        };
    }

    private static String shard(final RoutingTable routes, final int index)
    {
        return index >= 0 && index < routes.shardCount() ? routes.shardName(index) : "a shard not known here yet";
    }
}
