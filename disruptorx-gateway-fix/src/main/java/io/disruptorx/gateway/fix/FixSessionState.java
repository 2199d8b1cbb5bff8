package io.disruptorx.gateway.fix;

import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.core.Session;
import org.agrona.collections.Long2LongHashMap;

/**
 * What the FIX edge keeps per gateway session, across its connections: the next report sequence to hand to Artio
 * (reports sequenced while the client was away wait in the session's store and are sent after its next logon;
 * reports Artio already sent are resent by Artio on a ResendRequest), and what FIX needs that a report does not
 * carry: the side of a new order until it is answered, whether a request was a cancel, a replace or a mass cancel
 * (and of which MassCancelRequestType), the orders a mass cancel has cancelled so far (TotalAffectedOrders), the
 * side and symbol an OrderStatusRequest named (for the answer about an order the gateway does not know), and the
 * traded notional of each live order for AvgPx(6). Gateway thread only.
 */
final class FixSessionState
{
    static final long MISSING = Long.MIN_VALUE;
    static final long CANCEL = 1;
    static final long REPLACE = 2;
    /** A mass cancel of one instrument's orders: MassCancelRequestType(530) 1. */
    static final long MASS_CANCEL_SECURITY = 3;
    /** A mass cancel of all orders: MassCancelRequestType(530) 7. */
    static final long MASS_CANCEL_ALL = 4;

    private static final int STATUS_ECHO = 1 << 8;
    private static final int STATUS_INSTRUMENT_SHIFT = 16;
    private static final int SIDE_MASK = 0xFF;

    final Session session;
    final Long2LongHashMap pendingSides = new Long2LongHashMap(MISSING);
    final Long2LongHashMap requestKinds = new Long2LongHashMap(MISSING);
    final Long2LongHashMap notional = new Long2LongHashMap(MISSING);
    final Long2LongHashMap massCancelled = new Long2LongHashMap(MISSING);
    final Long2LongHashMap statusRequests = new Long2LongHashMap(MISSING);
    uk.co.real_logic.artio.session.Session connection;
    /** {@code 49=...|56=...|} of the connection's messages ({@link FixMessageWriter#compIds}). */
    byte[] compIds = FixMessageWriter.compIds("", "");
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
     * @param requestId    the id an OrderStatusRequest's answer will carry as its request id.
     * @param side         the side code the request named.
     * @param instrumentId the instrument its Symbol(55) named (0: unknown).
     * @param echo         whether the request had an OrdStatusReqID(790), to be echoed.
     */
    void statusRequested(final long requestId, final int side, final int instrumentId, final boolean echo)
    {
        statusRequests.put(requestId, (side & SIDE_MASK) | (echo ? STATUS_ECHO : 0) |
            ((long)instrumentId << STATUS_INSTRUMENT_SHIFT));
    }

    /**
     * @param requestId a status report's request id.
     * @return the side code its request named, or {@code fallback} when the request is not known.
     */
    int statusSide(final long requestId, final int fallback)
    {
        final long request = statusRequests.get(requestId);
        return request == MISSING ? fallback : (int)(request & SIDE_MASK);
    }

    /**
     * @param requestId a status report's request id.
     * @return the instrument its request named, 0 when not known.
     */
    int statusInstrument(final long requestId)
    {
        final long request = statusRequests.get(requestId);
        return request == MISSING ? 0 : (int)(request >>> STATUS_INSTRUMENT_SHIFT);
    }

    /**
     * @param requestId a status report's request id.
     * @return whether the request id is an OrdStatusReqID(790) to echo (else it is the request's ClOrdID).
     */
    boolean statusEcho(final long requestId)
    {
        final long request = statusRequests.get(requestId);
        return request != MISSING && (request & STATUS_ECHO) != 0;
    }

    /**
     * @param requestId a request of this session.
     * @return whether it is a mass cancel still waiting for its result.
     */
    boolean isMassCancel(final long requestId)
    {
        final long kind = requestKinds.get(requestId);
        return kind == MASS_CANCEL_SECURITY || kind == MASS_CANCEL_ALL;
    }

    /**
     * @param requestId a mass cancel of this session.
     * @return the orders it has cancelled so far, as reports sent to this session.
     */
    int massCancelled(final long requestId)
    {
        final long count = massCancelled.get(requestId);
        return count == MISSING ? 0 : (int)count;
    }

    /**
     * @return reports in the session's store not yet handed to Artio.
     */
    long unsentReports()
    {
        return session.store().last() - nextSequence + 1;
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
                if (isMassCancel(report.requestId()))
                {
                    massCancelled.put(report.requestId(), massCancelled(report.requestId()) + 1);
                }
                else
                {
                    requestKinds.remove(report.requestId());
                }
                break;
            case ReportKind.REPLACED:
            case ReportKind.CANCEL_REJECTED:
            case ReportKind.MASS_CANCEL_DONE:
                requestKinds.remove(report.requestId());
                massCancelled.remove(report.requestId());
                break;
            case ReportKind.STATUS:
                statusRequests.remove(report.requestId());
                break;
            default:
                break;
        }
    }
}
