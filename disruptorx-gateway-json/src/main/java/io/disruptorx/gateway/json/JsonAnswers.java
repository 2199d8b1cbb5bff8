package io.disruptorx.gateway.json;

import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;

/**
 * How the JSON edge answers a request on the gateway thread: a result, an error (counted), or the refusal a reject
 * report tells of; an answer that fails to go out is counted as the core's internal error, never thrown.
 */
final class JsonAnswers
{
    private static final byte THROTTLED = (byte)EntryRejectReason.THROTTLED.value();
    private static final byte PRECISION_LOSS = (byte)EntryRejectReason.PRECISION_LOSS.value();
    private static final byte UNKNOWN_ORDER = (byte)EntryRejectReason.UNKNOWN_ORDER.value();

    final JsonEncoder encoder;
    private final GatewayCore core;
    private final JsonCounters counters;
    private final InstrumentDirectory instruments;

    JsonAnswers(
        final GatewayCore core, final JsonCounters counters, final JsonEncoder encoder,
        final InstrumentDirectory instruments)
    {
        this.core = core;
        this.counters = counters;
        this.encoder = encoder;
        this.instruments = instruments;
    }

    OrderView fromReport(final Report r, final String status)
    {
        return OrderView.of(r, instruments.byId(r.instrumentId()), r.cumQuantity(), r.leavesQuantity(),
            r.cumQuantity() > 0 && "NEW".equals(status) ? "PARTIALLY_FILLED" : status);
    }

    void refusal(final JsonCommand c, final Report r)
    {
        final byte reason = (byte)r.reason();
        final String name = JsonEncoder.rejectReason(r.reason());
        if (reason == THROTTLED)
        {
            error(c, ApiError.TOO_MANY_ORDERS, "Too many new orders: THROTTLED.");
        }
        else if (reason == PRECISION_LOSS)
        {
            error(c, ApiError.BAD_PRECISION, "Precision is over the maximum defined for this asset: " +
                "PRECISION_LOSS.");
        }
        else if (r.kind() == ReportKind.REJECTED)
        {
            error(c, ApiError.NEW_ORDER_REJECTED, name);
        }
        else
        {
            error(c, ApiError.CANCEL_REJECTED, reason == UNKNOWN_ORDER ? "Unknown order sent: UNKNOWN_ORDER." :
                name);
        }
    }

    void answer(final JsonCommand c, final String json)
    {
        try
        {
            c.answer.result(json);
        }
        catch (final RuntimeException ex)
        {
            core.counters().internalError();
        }
    }

    void error(final JsonCommand c, final ApiError error, final String message)
    {
        counters.error(error);
        try
        {
            c.answer.error(error, message);
        }
        catch (final RuntimeException ex)
        {
            core.counters().internalError();
        }
    }
}
