package io.disruptorx.gateway.fix;

import java.nio.charset.StandardCharsets;

import io.disruptorx.fix44.MassCancelRejectReason;
import io.disruptorx.fix44.MassCancelRequestType;
import io.disruptorx.fix44.MassCancelResponse;
import io.disruptorx.fix44.builder.OrderMassCancelReportEncoder;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import uk.co.real_logic.artio.builder.Encoder;

/**
 * OrderMassCancelReport(r), the answer to an OrderMassCancelRequest(q): accepted, once the venue has cancelled
 * the account's orders (their ExecutionReports come first), with MassCancelResponse(531) equal to the request's
 * type and TotalAffectedOrders(533); or rejected, MassCancelResponse 0 with MassCancelRejectReason(532) and the
 * reason's name in Text(58), whether the FIX edge, the gateway core or the engine refused it. OrderID(37) is
 * the report's sequence in the session, {@code NONE} for a refusal. Reuses its encoder and buffers.
 */
final class FixMassCancels
{
    private static final byte[] NONE = "NONE".getBytes(StandardCharsets.US_ASCII);

    private final FixIds ids;
    private final OrderMassCancelReportEncoder report = new OrderMassCancelReportEncoder();
    private final byte[] clOrdId = new byte[FixIds.TEXT_LENGTH];
    private final byte[] orderId = new byte[FixIds.TEXT_LENGTH];

    FixMassCancels(final FixIds ids)
    {
        this.ids = ids;
    }

    /**
     * @param done     a mass cancel result of the session's own request.
     * @param sequence its sequence in the session.
     * @param state    the session's FIX state.
     * @return the report.
     */
    Encoder done(final Report done, final long sequence, final FixSessionState state)
    {
        final char type = type(state.requestKinds.get(done.requestId()));
        final OrderMassCancelReportEncoder r = start(done.requestId(), type);
        r.orderID(orderId, FixIds.decimal(sequence, orderId));
        if (done.reason() == EntryRejectReason.NONE.value())
        {
            r.massCancelResponse(type).totalAffectedOrders(state.massCancelled(done.requestId()));
        }
        else
        {
            refused(r, done.reason());
        }
        return r;
    }

    /**
     * @param rejected the gateway core's refusal of the session's mass cancel.
     * @param state    the session's FIX state.
     * @return the report.
     */
    Encoder rejected(final Report rejected, final FixSessionState state)
    {
        final OrderMassCancelReportEncoder r = start(rejected.requestId(),
            type(state.requestKinds.get(rejected.requestId())));
        r.orderID(NONE, NONE.length);
        refused(r, rejected.reason());
        return r;
    }

    /**
     * A refusal by the FIX edge itself, before the core sees the request.
     *
     * @param requestClOrdId the request's ClOrdID(11).
     * @param length         its length.
     * @param type           the request's MassCancelRequestType(530).
     * @param reason         why.
     * @param text           Text(58).
     * @return the report.
     */
    Encoder refused(
        final char[] requestClOrdId, final int length, final char type, final MassCancelRejectReason reason,
        final byte[] text)
    {
        report.reset();
        report.clOrdID(requestClOrdId, length)
            .orderID(NONE, NONE.length)
            .massCancelRequestType(type)
            .massCancelResponse(MassCancelResponse.CANCEL_REQUEST_REJECTED)
            .text(text, text.length);
        if (reason != null)
        {
            report.massCancelRejectReason(reason);
        }
        return report;
    }

    private OrderMassCancelReportEncoder start(final long requestId, final char type)
    {
        report.reset();
        report.clOrdID(clOrdId, ids.clientOrderId(requestId, clOrdId)).massCancelRequestType(type);
        return report;
    }

    private static void refused(final OrderMassCancelReportEncoder r, final int reason)
    {
        final byte[] text = FixCodes.rejectText(reason);
        r.massCancelResponse(MassCancelResponse.CANCEL_REQUEST_REJECTED).text(text, text.length);
        if (reason == EntryRejectReason.UNKNOWN_INSTRUMENT.value())
        {
            r.massCancelRejectReason(MassCancelRejectReason.INVALID_OR_UNKNOWN_SECURITY);
        }
    }

    private static char type(final long kind)
    {
        return kind == FixSessionState.MASS_CANCEL_SECURITY ?
            MassCancelRequestType.CANCEL_ORDERS_FOR_A_SECURITY.representation() :
            MassCancelRequestType.CANCEL_ALL_ORDERS.representation();
    }
}
