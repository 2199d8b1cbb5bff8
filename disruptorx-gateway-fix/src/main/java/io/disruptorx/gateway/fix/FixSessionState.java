package io.disruptorx.gateway.fix;

import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.core.Session;
import org.agrona.collections.Long2LongHashMap;

/**
 * What the FIX edge keeps per gateway session, across its connections: the next report sequence to hand to Artio
 * (reports sequenced while the client was away wait in the session's store and are sent after its next logon;
 * reports Artio already sent are resent by Artio on a ResendRequest), and what FIX needs that a report does not
 * carry: the side of a new order until it is answered, whether a request was a cancel or a replace, and the
 * traded notional of each live order for AvgPx(6). Gateway thread only.
 */
final class FixSessionState
{
    static final long MISSING = Long.MIN_VALUE;
    static final long CANCEL = 1;
    static final long REPLACE = 2;

    final Session session;
    final Long2LongHashMap pendingSides = new Long2LongHashMap(MISSING);
    final Long2LongHashMap requestKinds = new Long2LongHashMap(MISSING);
    final Long2LongHashMap notional = new Long2LongHashMap(MISSING);
    uk.co.real_logic.artio.session.Session connection;
    long nextSequence = 1;

    FixSessionState(final Session session)
    {
        this.session = session;
    }

    /**
     * @param clientOrderId of a new order this session sent.
     * @param side          its side code.
     */
    void orderSent(final long clientOrderId, final int side)
    {
        pendingSides.put(clientOrderId, side);
    }

    /**
     * @param requestId of a cancel or replace this session sent.
     * @param kind      {@link #CANCEL} or {@link #REPLACE}.
     */
    void requestSent(final long requestId, final long kind)
    {
        requestKinds.put(requestId, kind);
    }

    /**
     * @param report    a report of this session.
     * @param reported  the side to report for a new order's answer.
     * @return the side code.
     */
    int side(final Report report, final int reported)
    {
        final long pending = pendingSides.get(report.clientOrderId());
        return pending == MISSING ? reported : (int)pending;
    }

    /**
     * @param orderId an order.
     * @return its traded notional so far (price units times quantity units), 0 when none.
     */
    long tradedNotional(final long orderId)
    {
        final long value = notional.get(orderId);
        return value == MISSING ? 0 : value;
    }

    /**
     * @param requestId a cancel or replace request.
     * @return {@link #CANCEL} or {@link #REPLACE}; cancel when unknown.
     */
    long requestKind(final long requestId)
    {
        final long kind = requestKinds.get(requestId);
        return kind == MISSING ? CANCEL : kind;
    }

    /**
     * Updates the state once a report has been handed to Artio.
     *
     * @param report the report sent.
     */
    void reportSent(final Report report)
    {
        switch (report.kind())
        {
            case ReportKind.ACCEPTED:
            case ReportKind.REJECTED:
                pendingSides.remove(report.clientOrderId());
                break;
            case ReportKind.FILL:
                if (report.leavesQuantity() == 0)
                {
                    notional.remove(report.orderId());
                }
                else
                {
                    notional.put(report.orderId(), tradedNotional(report.orderId()) +
                        report.lastPrice() * report.lastQuantity());
                }
                break;
            case ReportKind.CANCELLED:
                notional.remove(report.orderId());
                requestKinds.remove(report.requestId());
                break;
            case ReportKind.REPLACED:
            case ReportKind.CANCEL_REJECTED:
                requestKinds.remove(report.requestId());
                break;
            default:
                break;
        }
    }
}
