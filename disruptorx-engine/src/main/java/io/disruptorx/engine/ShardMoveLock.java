package io.disruptorx.engine;

import java.util.Arrays;

/**
 * The shards' move lock as the engine of the lock shard keeps it (docs/scaling.md, "Two gateways moving at once"):
 * a lock request is a ReadBook of a negative instrument ({@code -instrument} of the move; no engine has one) whose
 * request id carries the kind in bits 56-58, a 16-bit number in bits 40-55 (a claim's gateway nonce, or a switch's
 * target shard) and the move id in bits 0-39. The engine applies each request in its log's order: a {@link #CLAIM}
 * takes the lock when no move holds it; a release ({@link #ROLLED_BACK}, {@link #SWITCHED}) or a {@link #FORCE} frees
 * it when it names the holder's move; a {@link #QUERY} changes nothing. Every lock request is answered by the BookRead
 * of no instrument (orderCount -1) carrying the lock as it is after the request: {@code priceScale}
 * {@link #STATE_MARK}, {@code tickSize} the holder's claim (its whole request id, 0 when free), {@code baseAssetId}
 * the holder's instrument (0 when free), {@code lotSize} the highest move id ever claimed, {@code quantityScale} 1
 * when this request took or freed the lock (else 0). So a gateway that starts while the lock is held learns it from
 * the answer to its query, and every gateway decides every claim as the engine did.
 *
 * <p>It also records each switch in log order (docs/scaling.md, "A gateway that missed moves"): a {@link #SWITCHED}
 * release that freed the lock, or a {@link #FORCE_SWITCHED} release (an operator's, naming the holder's move and the
 * shard it switched to), appends (the holder's instrument, the target shard) as switch number {@link #switches}. Every
 * answer carries that count in {@code makerFeePerLot}. A {@link #ROUTES} request (changes nothing) asks for the
 * switches after the number in its move id bits: the answer's {@code quoteAssetId} says how many records follow, each
 * a BookReadOrder with the switch's number as {@code orderId}, its instrument and its target shard as {@code place}
 * (at most {@link #ROUTES_PER_ANSWER}; a gateway asks again for the rest). No clock, no random; the state is three
 * numbers and the switches, in the engine's snapshot; the switches' arrays grow only on this admin path.
 */
public final class ShardMoveLock
{
    /** The request id's kind starts at this bit. */
    public static final int KIND_SHIFT = 56;
    /** The nonce (a claim) or the target shard (a switch) starts at this bit. */
    public static final int TO_SHIFT = 40;
    /** A move id's bits. */
    public static final long MOVE_ID = (1L << TO_SHIFT) - 1;
    /** The kind's bits. */
    public static final long KIND = 7L << KIND_SHIFT;
    /** A claim of the lock for a move. */
    public static final long CLAIM = 1L << KIND_SHIFT;
    /** The holder's release: its move rolled back. */
    public static final long ROLLED_BACK = 2L << KIND_SHIFT;
    /** The holder's release: its move switched to the shard in bits 40-55. */
    public static final long SWITCHED = 3L << KIND_SHIFT;
    /** Asks for the lock's state; changes nothing. */
    public static final long QUERY = 4L << KIND_SHIFT;
    /** An operator's release of the move it names, whoever sends it. */
    public static final long FORCE = 5L << KIND_SHIFT;
    /** An operator's release of the move it names, which switched to the shard in bits 40-55: recorded as a switch. */
    public static final long FORCE_SWITCHED = 6L << KIND_SHIFT;
    /**
     * Asks for the switches after the number in bits 0-39; changes nothing. With {@link #PLACES} there instead, asks
     * for the resting orders of instrument {@code -instrumentId} (where the moved ones rest), as BookReadOrders.
     */
    public static final long ROUTES = 7L << KIND_SHIFT;
    /** The move id bits of a {@link #ROUTES} request that asks for an instrument's resting orders. */
    public static final long PLACES = (1L << TO_SHIFT) - 1;
    /** Switch records in one answer to {@link #ROUTES}. */
    public static final int ROUTES_PER_ANSWER = 256;
    /** {@code priceScale} of a BookRead that carries the lock's state. */
    public static final int STATE_MARK = 1;

    private long holderClaim;
    private int holderInstrument;
    private long highestMoveId;
    private int switches;
    private int[] switchInstruments = new int[16];
    private int[] switchTargets = new int[16];

    ShardMoveLock()
    {
    }

    /**
     * @return whether the request id is a lock request (a ReadBook of a negative instrument with a kind).
     */
    static boolean isRequest(final long requestId, final int instrumentId)
    {
        final long kind = requestId & KIND;
        return instrumentId < 0 && kind >= CLAIM && kind <= ROUTES;
    }

    /**
     * Applies one lock request.
     *
     * @return whether it took or freed the lock.
     */
    boolean apply(final long requestId, final int instrumentId)
    {
        final long kind = requestId & KIND;
        final long moveId = requestId & MOVE_ID;
        if (kind == CLAIM)
        {
            highestMoveId = Math.max(highestMoveId, moveId);
            if (holderClaim == 0)
            {
                holderClaim = requestId;
                holderInstrument = -instrumentId;
                return true;
            }
            return false;
        }
        if ((kind == ROLLED_BACK || kind == SWITCHED || kind == FORCE || kind == FORCE_SWITCHED) &&
            holderClaim != 0 && (holderClaim & MOVE_ID) == moveId)
        {
            if (kind == SWITCHED || kind == FORCE_SWITCHED)
            {
                recordSwitch(holderInstrument, (int)((requestId & ~KIND) >>> TO_SHIFT));
            }
            holderClaim = 0;
            holderInstrument = 0;
            return true;
        }
        return false;
    }

    private void recordSwitch(final int instrument, final int target)
    {
        if (switches == switchInstruments.length)
        {
            switchInstruments = Arrays.copyOf(switchInstruments, switches * 2);
            switchTargets = Arrays.copyOf(switchTargets, switches * 2);
        }
        switchInstruments[switches] = instrument;
        switchTargets[switches] = target;
        switches++;
    }

    /**
     * @return switches recorded so far.
     */
    int switches()
    {
        return switches;
    }

    /**
     * @param number a switch's number, from 1 to {@link #switches}.
     * @return its instrument.
     */
    int switchInstrument(final int number)
    {
        return switchInstruments[number - 1];
    }

    /**
     * @param number a switch's number, from 1 to {@link #switches}.
     * @return the shard it switched to.
     */
    int switchTarget(final int number)
    {
        return switchTargets[number - 1];
    }

    /**
     * Restores one switch from a snapshot, in order.
     */
    void restoreSwitch(final int instrument, final int target)
    {
        recordSwitch(instrument, target);
    }

    long holderClaim()
    {
        return holderClaim;
    }

    int holderInstrument()
    {
        return holderInstrument;
    }

    long highestMoveId()
    {
        return highestMoveId;
    }

    /**
     * @return whether the lock was ever claimed (the snapshot then carries it).
     */
    boolean used()
    {
        return highestMoveId != 0 || holderClaim != 0;
    }

    void restore(final long claim, final int instrument, final long highest)
    {
        holderClaim = claim;
        holderInstrument = instrument;
        highestMoveId = highest;
        switches = 0;
    }
}
