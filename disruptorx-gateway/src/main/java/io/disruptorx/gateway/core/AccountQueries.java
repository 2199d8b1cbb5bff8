package io.disruptorx.gateway.core;

import java.util.ArrayDeque;

import io.disruptorx.protocol.sbe.event.AccountBalanceDecoder;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Balance queries on their way through the venue: each has a request id of its own (from a start the caller picks,
 * so two gateways on one venue do not share ids) and waits for the engine's {@code AccountBalance} events with that
 * id and account, or for its deadline. Queries are rare (REST and WebSocket requests), so the map and the deadline
 * queue allocate; the order path never touches them.
 */
final class BalanceQueries
{
    private static final int VENUE_BUSY = EntryRejectReason.VENUE_BUSY.value();
    private static final int VENUE_UNAVAILABLE = EntryRejectReason.VENUE_UNAVAILABLE.value();

    private final Long2ObjectHashMap<Pending> byRequestId = new Long2ObjectHashMap<>();
    private final ArrayDeque<Pending> byDeadline = new ArrayDeque<>();
    private long nextRequestId;

    /**
     * @param firstRequestId the first request id to use.
     */
    BalanceQueries(final long firstRequestId)
    {
        this.nextRequestId = firstRequestId;
    }

    /**
     * @return the request id of the new query.
     */
    long add(final long accountId, final BalanceAnswer answer, final long deadlineNanos)
    {
        final long requestId = nextRequestId++;
        final Pending pending = new Pending(requestId, accountId, answer, deadlineNanos);
        byRequestId.put(requestId, pending);
        byDeadline.addLast(pending);
        return requestId;
    }

    /**
     * Adds a query and sends it to the venue.
     *
     * @return 0 when it was sent; else the reject reason (venue busy or unavailable), and the query is forgotten.
     */
    int send(
        final VenueCommands commands, final long accountId, final long userId, final BalanceAnswer answer,
        final long deadlineNanos)
    {
        final long requestId = add(accountId, answer, deadlineNanos);
        final long sent = commands.queryBalances(accountId, requestId, userId);
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
        if (pending == null || pending.accountId != event.accountId())
        {
            return;
        }
        final int count = event.assetCount();
        if (count > 0)
        {
            pending.answer.onBalance(event.assetId(), event.free(), event.locked(),
                event.actingVersion() >= AccountBalanceDecoder.inTransferSinceVersion() ? event.inTransfer() : 0);
            pending.received++;
        }
        if (pending.received >= count)
        {
            byRequestId.remove(pending.requestId);
            byDeadline.remove(pending);
            pending.answer.onEnd(true, event.timestamp());
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
            byDeadline.pollFirst();
            byRequestId.remove(first.requestId);
            first.answer.onEnd(false, 0);
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
        final BalanceAnswer answer;
        final long deadlineNanos;
        int received;

        Pending(final long requestId, final long accountId, final BalanceAnswer answer, final long deadlineNanos)
        {
            this.requestId = requestId;
            this.accountId = accountId;
            this.answer = answer;
            this.deadlineNanos = deadlineNanos;
        }
    }
}
