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

    void orderSent(final long clientOrderId, final Session owner)
    {
        final long entry = inFlight.get(clientOrderId);
        final long count = entry == MISSING ? 0 : entry >>> 32;
        inFlight.put(clientOrderId, ((count + 1) << 32) | (owner.index() + 1));
        openOrders++;
    }

    /**
     * @return the owner's session index, or -1 when the order was not sent by this gateway.
     */
    int orderAnswered(final long clientOrderId)
    {
        final long entry = inFlight.get(clientOrderId);
        if (entry == MISSING)
        {
            return -1;
        }
        final long count = entry >>> 32;
        if (count <= 1)
        {
            inFlight.remove(clientOrderId);
        }
        else
        {
            inFlight.put(clientOrderId, ((count - 1) << 32) | (entry & 0xFFFF_FFFFL));
        }
        return (int)(entry & 0xFFFF_FFFFL) - 1;
    }
}
