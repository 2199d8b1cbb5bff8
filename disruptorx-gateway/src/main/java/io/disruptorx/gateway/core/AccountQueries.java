package io.disruptorx.gateway.core;

import java.util.ArrayDeque;

import io.disruptorx.gateway.auth.CommandClass;
import io.disruptorx.protocol.sbe.event.AccountBalanceDecoder;
import io.disruptorx.protocol.sbe.event.BooleanType;
import io.disruptorx.protocol.sbe.event.OpenOrderDecoder;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Balance and open-orders queries on their way through the venue: each has a request id of its own (from a start
 * the caller picks, so two gateways on one venue do not share ids) and waits for the engine's
 * {@code AccountBalance} or {@code OpenOrder} events with that id and account, or for its deadline. Queries are rare
 * (REST and WebSocket requests), so the map and the deadline queue allocate; the order path never touches them.
 */
final class AccountQueries
{
    private static final int VENUE_BUSY = EntryRejectReason.VENUE_BUSY.value();
    private static final int VENUE_UNAVAILABLE = EntryRejectReason.VENUE_UNAVAILABLE.value();
    private static final int ROLE_NOT_PERMITTED = EntryRejectReason.ROLE_NOT_PERMITTED.value();
    private static final int NOT_ENTITLED = EntryRejectReason.NOT_ENTITLED.value();

    private final Long2ObjectHashMap<Pending> byRequestId = new Long2ObjectHashMap<>();
    private final ArrayDeque<Pending> byDeadline = new ArrayDeque<>();
    private long nextRequestId;

    /**
     * @param firstRequestId the first request id to use.
     */
    AccountQueries(final long firstRequestId)
    {
        this.nextRequestId = firstRequestId;
    }

    /**
     * @return the request id of the new query.
     */
    long add(final long accountId, final BalanceAnswer balances, final OpenOrderAnswer orders,
        final long deadlineNanos)
    {
        final long requestId = nextRequestId++;
        final Pending pending = new Pending(requestId, accountId, balances, orders, deadlineNanos);
        byRequestId.put(requestId, pending);
        byDeadline.addLast(pending);
        return requestId;
    }

    /**
     * Checks a query (a read like an order's status: the role must permit {@link CommandClass#ORDER_STATUS}, the
     * session must be entitled to the account), audits it, adds it and sends it to the venue: the account's balances
     * when {@code balances} is given, else its open orders of {@code instrumentId} (0: all).
     *
     * @return 0 when it was sent; else the reject reason (not permitted, not entitled, venue busy or unavailable),
     * and the query is forgotten.
     */
    int send(
        final VenueCommands commands, final GatewayAudit audit, final GatewayCounters counters,
        final Session session, final long accountId, final int instrumentId, final BalanceAnswer balances,
        final OpenOrderAnswer orders, final long deadlineNanos)
    {
        final long account = accountId == 0 ? session.user().account(0) : accountId;
        audit.command(session, CommandClass.ORDER_STATUS, account, instrumentId, 0, 0);
        if (!session.user().permits(CommandClass.ORDER_STATUS))
        {
            counters.denial(CommandClass.ORDER_STATUS);
            audit.denied(session, CommandClass.ORDER_STATUS, account, ROLE_NOT_PERMITTED);
            return ROLE_NOT_PERMITTED;
        }
        if (session.account(account) == null)
        {
            return NOT_ENTITLED;
        }
        final long requestId = add(account, balances, orders, deadlineNanos);
        final long sent = balances != null ? commands.queryBalances(account, requestId, session.user().id()) :
            commands.queryOpenOrders(account, requestId, instrumentId);
        if (sent > 0)
        {
            return 0;
        }
        remove(requestId);
        return sent == VenueClient.BACK_PRESSURED ? VENUE_BUSY : VENUE_UNAVAILABLE;
    }

    /**
     * Forgets a query that never reached the venue.
     */
    void remove(final long requestId)
    {
        final Pending pending = byRequestId.remove(requestId);
        if (pending != null)
        {
            byDeadline.remove(pending);
        }
    }

    /**
     * Hands one event to its query; events of other gateways' queries, or of queries already ended, are skipped.
     */
    void onEvent(final AccountBalanceDecoder event)
    {
        final Pending pending = byRequestId.get(event.requestId());
        if (pending == null || pending.accountId != event.accountId() || pending.balances == null)
        {
            return;
        }
        final int count = event.assetCount();
        if (count > 0)
        {
            pending.balances.onBalance(event.assetId(), event.free(), event.locked(),
                event.actingVersion() >= AccountBalanceDecoder.inTransferSinceVersion() ? event.inTransfer() : 0);
            pending.received++;
        }
        if (pending.received >= count)
        {
            end(pending, true, event.timestamp());
        }
    }

    /**
     * Hands one OpenOrder event to its query, as {@link #onEvent(AccountBalanceDecoder)}. An event of schema
     * version 1 does not carry post-only, notional or update time: they are handed on as not known.
     */
    void onEvent(final OpenOrderDecoder event)
    {
        final Pending pending = byRequestId.get(event.requestId());
        if (pending == null || pending.accountId != event.accountId() || pending.orders == null)
        {
            return;
        }
        final int count = event.orderCount();
        if (count > 0)
        {
            final boolean carried = event.actingVersion() >= OpenOrderDecoder.filledNotionalSinceVersion();
            pending.orders.onOrder(event.orderId(), event.clientOrderId(), event.instrumentId(), event.sideRaw(),
                event.timeInForceRaw(), !carried ? OpenOrderAnswer.UNKNOWN : event.postOnly() == BooleanType.TRUE ?
                OpenOrderAnswer.POST_ONLY : OpenOrderAnswer.NOT_POST_ONLY, event.price(), event.quantity(),
                event.originalQuantity(), carried ? event.filledNotional() : -1, event.entryTime(),
                carried ? event.updateTime() : 0);
            pending.received++;
        }
        if (pending.received >= count)
        {
            end(pending, true, event.timestamp());
        }
    }

    private void end(final Pending pending, final boolean complete, final long timestamp)
    {
        byRequestId.remove(pending.requestId);
        byDeadline.remove(pending);
        if (pending.balances != null)
        {
            pending.balances.onEnd(complete, timestamp);
        }
        else
        {
            pending.orders.onEnd(complete, timestamp);
        }
    }

    /**
     * Ends the queries whose deadline has passed, incomplete.
     *
     * @return how many ended.
     */
    int expire(final long nowNanos)
    {
        int expired = 0;
        Pending first;
        while ((first = byDeadline.peekFirst()) != null && nowNanos - first.deadlineNanos > 0)
        {
            end(first, false, 0);
            expired++;
        }
        return expired;
    }

    int pending()
    {
        return byRequestId.size();
    }

    /**
     * One query waiting for its answer.
     */
    private static final class Pending
    {
        final long requestId;
        final long accountId;
        final BalanceAnswer balances;
        final OpenOrderAnswer orders;
        final long deadlineNanos;
        int received;

        Pending(final long requestId, final long accountId, final BalanceAnswer balances, final OpenOrderAnswer orders,
            final long deadlineNanos)
        {
            this.requestId = requestId;
            this.accountId = accountId;
            this.balances = balances;
            this.orders = orders;
            this.deadlineNanos = deadlineNanos;
        }
    }
}
