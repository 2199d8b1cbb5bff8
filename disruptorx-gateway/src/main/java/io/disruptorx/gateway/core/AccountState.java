package io.disruptorx.gateway.core;

import java.util.Arrays;

import org.agrona.collections.Long2LongHashMap;

/**
 * What the gateway tracks per account: the sessions entitled to it (reports go to each), its open orders (live at
 * the venue or sent and not yet answered) against its limit, the owner of each order in flight, and its live
 * orders by client order id.
 */
final class AccountState
{
    static final long MISSING = Long.MIN_VALUE;

    final long accountId;
    final int maxOpenOrders;
    /** Client order id to (count of in-flight NewOrders with that id) << 32 | (owner session index + 1). */
    final Long2LongHashMap inFlight = new Long2LongHashMap(MISSING);
    /** Client order id to order id, for live orders. */
    final Long2LongHashMap liveByClientOrderId = new Long2LongHashMap(MISSING);
    Session[] sessions = new Session[0];
    int openOrders;
    long massCancelRequestId;

    AccountState(final long accountId, final int maxOpenOrders)
    {
        this.accountId = accountId;
        this.maxOpenOrders = maxOpenOrders;
    }

    void addSession(final Session session)
    {
        final Session[] grown = Arrays.copyOf(sessions, sessions.length + 1);
        grown[sessions.length] = session;
        sessions = grown;
    }

    /**
     * One probe of the map when no other NewOrder with the id is in flight (the common case): put, and only when
     * it replaced an entry, put again with the count carried over.
     */
    void orderSent(final long clientOrderId, final Session owner)
    {
        final long ownerBits = owner.index() + 1;
        final long previous = inFlight.put(clientOrderId, (1L << 32) | ownerBits);
        if (previous != MISSING)
        {
            inFlight.put(clientOrderId, (((previous >>> 32) + 1) << 32) | ownerBits);
        }
        openOrders++;
    }

    /**
     * @return the owner's session index, or -1 when the order was not sent by this gateway. One probe of the map
     * when it was the only NewOrder with the id in flight (remove, and put back only when others are).
     */
    int orderAnswered(final long clientOrderId)
    {
        final long entry = inFlight.remove(clientOrderId);
        if (entry == MISSING)
        {
            return -1;
        }
        final long count = entry >>> 32;
        if (count > 1)
        {
            inFlight.put(clientOrderId, ((count - 1) << 32) | (entry & 0xFFFF_FFFFL));
        }
        return (int)(entry & 0xFFFF_FFFFL) - 1;
    }
}
