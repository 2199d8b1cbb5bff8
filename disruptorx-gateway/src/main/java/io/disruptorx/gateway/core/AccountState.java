package io.disruptorx.gateway.core;

import java.util.Arrays;

import org.agrona.collections.Long2LongHashMap;

/**
 * What the gateway tracks per account: the sessions entitled to it (reports go to each), its open orders (live at
 * the venue or sent and not yet answered) against its limit, the owner of each order in flight, and its live
 * orders by client order id.
 * <p>
 * Orders in flight live in a direct-mapped table indexed by the client order id's low bits, with a map beside it
 * for an id whose slot is taken by another order in flight. Clients number their orders in rising sequence, so
 * consecutive orders take consecutive slots: a send and its answer touch one slot, usually on a cache line the
 * previous orders already brought in, instead of a hashed probe and a compacting remove in a map per order. An id
 * is in the table or in the map, never in both.
 */
final class AccountState
{
    static final long MISSING = Long.MIN_VALUE;

    /** Largest in-flight table: 4,096 slots of two longs (64 KiB) per account. */
    static final int MAX_IN_FLIGHT_SLOTS = 4_096;

    private static final int MIN_IN_FLIGHT_SLOTS = 16;
    private static final long ONE = 1L << 32;
    private static final long OWNER_BITS = 0xFFFF_FFFFL;

    final long accountId;
    final int maxOpenOrders;
    /** Client order id to order id, for live orders. */
    final Long2LongHashMap liveByClientOrderId = new Long2LongHashMap(MISSING);
    Session[] sessions = new Session[0];
    int openOrders;
    long massCancelRequestId;

    /**
     * Two longs per slot, side by side so that a slot is one cache line's read: the client order id (positive; 0
     * when the slot is free) and its entry, (count of in-flight NewOrders with that id) << 32 | (owner session
     * index + 1).
     */
    private final long[] inFlight;
    private final int slotMask;
    /** Client order id to entry (as in the table) for orders whose slot was taken when they were sent. */
    private final Long2LongHashMap overflow = new Long2LongHashMap(MISSING);

    AccountState(final long accountId, final int maxOpenOrders)
    {
        this.accountId = accountId;
        this.maxOpenOrders = maxOpenOrders;
        final int slots = inFlightSlots(maxOpenOrders);
        inFlight = new long[slots << 1];
        slotMask = slots - 1;
    }

    /**
     * @return a power of two from 16 to {@link #MAX_IN_FLIGHT_SLOTS}, at least the open-order limit when it fits
     * (an account never has more orders in flight than its limit).
     */
    static int inFlightSlots(final int maxOpenOrders)
    {
        final int wanted = Math.max(MIN_IN_FLIGHT_SLOTS, Math.min(MAX_IN_FLIGHT_SLOTS, maxOpenOrders));
        return Integer.highestOneBit(wanted - 1) << 1;
    }

    void addSession(final Session session)
    {
        final Session[] grown = Arrays.copyOf(sessions, sessions.length + 1);
        grown[sessions.length] = session;
        sessions = grown;
    }

    /**
     * Records a NewOrder sent by {@code owner}. A second NewOrder with an id already in flight counts up and makes
     * its sender the owner.
     *
     * @param clientOrderId positive.
     */
    void orderSent(final long clientOrderId, final Session owner)
    {
        final long ownerBits = owner.index() + 1;
        final int at = ((int)clientOrderId & slotMask) << 1;
        final long slotId = inFlight[at];
        if (slotId == clientOrderId)
        {
            inFlight[at + 1] = (((inFlight[at + 1] >>> 32) + 1) << 32) | ownerBits;
        }
        else if (slotId == 0 && (overflow.isEmpty() || overflow.get(clientOrderId) == MISSING))
        {
            inFlight[at] = clientOrderId;
            inFlight[at + 1] = ONE | ownerBits;
        }
        else
        {
            final long previous = overflow.put(clientOrderId, ONE | ownerBits);
            if (previous != MISSING)
            {
                overflow.put(clientOrderId, (((previous >>> 32) + 1) << 32) | ownerBits);
            }
        }
        openOrders++;
    }

    /**
     * @return the owner's session index, or -1 when the order was not sent by this gateway.
     */
    int orderAnswered(final long clientOrderId)
    {
        final int at = ((int)clientOrderId & slotMask) << 1;
        if (clientOrderId > 0 && inFlight[at] == clientOrderId)
        {
            final long entry = inFlight[at + 1];
            if (entry >>> 32 > 1)
            {
                inFlight[at + 1] = entry - ONE;
            }
            else
            {
                inFlight[at] = 0;
            }
            return (int)(entry & OWNER_BITS) - 1;
        }
        if (overflow.isEmpty())
        {
            return -1;
        }
        final long entry = overflow.remove(clientOrderId);
        if (entry == MISSING)
        {
            return -1;
        }
        final long count = entry >>> 32;
        if (count > 1)
        {
            overflow.put(clientOrderId, ((count - 1) << 32) | (entry & OWNER_BITS));
        }
        return (int)(entry & OWNER_BITS) - 1;
    }
}
