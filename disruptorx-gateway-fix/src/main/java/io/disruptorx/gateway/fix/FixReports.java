package io.disruptorx.gateway.fix;

import java.nio.charset.StandardCharsets;

import io.disruptorx.fix44.CxlRejResponseTo;
import io.disruptorx.fix44.ExecType;
import io.disruptorx.fix44.OrdStatus;
import io.disruptorx.fix44.builder.ExecutionReportEncoder;
import io.disruptorx.fix44.builder.OrderCancelRejectEncoder;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.codec.Decimals;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportFilter;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import uk.co.real_logic.artio.builder.Encoder;

/**
 * A session's reports as FIX messages: accepted, rejected, fill, cancelled and replaced as ExecutionReport(8),
 * a refused cancel or replace as OrderCancelReject(9). Prices and quantities are written with the instrument's
 * scales; AvgPx(6) carries four more decimals than the price. ExecID(17) is the report's sequence in the session.
 * Reuses its encoders and buffers: nothing allocated per report once each symbol has been seen.
 */
final class FixReports
{
    /** The reports FIX expresses; the others (status, dead-man, mass cancel results) are not sequenced for it. */
    static final ReportFilter FILTER = report ->
    {
        final byte kind = report.kind();
        return kind == ReportKind.ACCEPTED || kind == ReportKind.REJECTED || kind == ReportKind.FILL ||
            kind == ReportKind.CANCELLED || kind == ReportKind.REPLACED || kind == ReportKind.CANCEL_REJECTED;
    };

    private static final int AVG_PX_EXTRA_DIGITS = 4;
    private static final int TEXT_LENGTH = 24;
    private static final byte[] NONE = "NONE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_APPLICABLE = "[N/A]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRIORITY_KEPT = "PRIORITY_KEPT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRIORITY_LOST = "PRIORITY_LOST".getBytes(StandardCharsets.US_ASCII);

    private final InstrumentDirectory instruments;
    private final Int2ObjectHashMap<byte[]> symbols = new Int2ObjectHashMap<>();
    private final ExecutionReportEncoder executionReport = new ExecutionReportEncoder();
    private final OrderCancelRejectEncoder cancelReject = new OrderCancelRejectEncoder();
    private final byte[] orderId = new byte[TEXT_LENGTH];
    private final byte[] clOrdId = new byte[TEXT_LENGTH];
    private final byte[] origClOrdId = new byte[TEXT_LENGTH];
    private final byte[] execId = new byte[TEXT_LENGTH];
    private final byte[] account = new byte[TEXT_LENGTH];
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[TEXT_LENGTH]);

    FixReports(final InstrumentDirectory instruments)
    {
        this.instruments = instruments;
    }

    /**
     * @param report   a report the {@link #FILTER} accepts.
     * @param sequence its sequence in the session.
     * @param state    the session's FIX state.
     * @return the encoder holding the message, ready for {@code Session.trySend}.
     */
    Encoder encode(final Report report, final long sequence, final FixSessionState state)
    {
        if (report.kind() == ReportKind.CANCEL_REJECTED)
        {
            return cancelReject(report, state);
        }
        final InstrumentSpec instrument = instruments.byId(report.instrumentId());
        final int priceScale = instrument == null ? 0 : instrument.priceScale();
        final int quantityScale = instrument == null ? 0 : instrument.quantityScale();
        final ExecutionReportEncoder er = executionReport;
        er.reset();
        er.execID(execId, decimal(sequence, execId));
        er.account(account, decimal(report.accountId(), account));
        er.instrument().symbol(symbol(instrument));
        er.side(FixCodes.fixSide(state.side(report, report.side())));
        if (report.orderId() == 0)
        {
            er.orderID(NONE, NONE.length);
        }
        else
        {
            er.orderID(orderId, decimal(report.orderId(), orderId));
        }
        switch (report.kind())
        {
            case ReportKind.ACCEPTED:
                er.clOrdID(clOrdId, clientOrderId(report.clientOrderId(), clOrdId));
                er.execType(ExecType.NEW).ordStatus(OrdStatus.NEW)
                    .ordType(FixCodes.fixOrdType(report.orderType()))
                    .timeInForce(FixCodes.fixTimeInForce(report.timeInForce()))
                    .leavesQty(report.quantity(), quantityScale).cumQty(0, 0).avgPx(0, 0);
                if (report.orderType() == FixCodes.LIMIT)
                {
                    er.price(report.price(), priceScale);
                }
                er.orderQtyData().orderQty(report.quantity(), quantityScale);
                break;
            case ReportKind.REJECTED:
                er.clOrdID(clOrdId, clientOrderId(report.clientOrderId(), clOrdId));
                final byte[] text = FixCodes.rejectText(report.reason());
                er.execType(ExecType.REJECTED).ordStatus(OrdStatus.REJECTED)
                    .ordRejReason(FixCodes.ordRejReason(report.reason()))
                    .text(text, text.length)
                    .leavesQty(0, 0).cumQty(0, 0).avgPx(0, 0);
                break;
            case ReportKind.FILL:
                er.clOrdID(clOrdId, clientOrderId(report.clientOrderId(), clOrdId));
                final long traded = state.tradedNotional(report.orderId()) + report.lastPrice() * report.lastQuantity();
                er.execType(ExecType.TRADE)
                    .ordStatus(report.leavesQuantity() == 0 ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED)
                    .lastPx(report.lastPrice(), priceScale).lastQty(report.lastQuantity(), quantityScale)
                    .lastLiquidityInd(report.liquidity() == 0 ? 1 : 2)
                    .leavesQty(report.leavesQuantity(), quantityScale)
                    .cumQty(report.cumQuantity(), quantityScale)
                    .avgPx(averagePrice(traded, report.cumQuantity()), priceScale + AVG_PX_EXTRA_DIGITS);
                break;
            case ReportKind.CANCELLED:
                named(er, report);
                final byte[] reason = FixCodes.cancelText(report.reason());
                er.execType(ExecType.CANCELED).ordStatus(OrdStatus.CANCELED)
                    .text(reason, reason.length)
                    .leavesQty(0, 0).cumQty(report.cumQuantity(), quantityScale)
                    .avgPx(averagePrice(state.tradedNotional(report.orderId()), report.cumQuantity()),
                        priceScale + AVG_PX_EXTRA_DIGITS);
                break;
            default:
                named(er, report);
                final byte[] priority = report.flag() ? PRIORITY_KEPT : PRIORITY_LOST;
                er.execType(ExecType.REPLACE)
                    .ordStatus(report.cumQuantity() > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW)
                    .text(priority, priority.length)
                    .price(report.price(), priceScale)
                    .leavesQty(report.leavesQuantity(), quantityScale)
                    .cumQty(report.cumQuantity(), quantityScale)
                    .avgPx(averagePrice(state.tradedNotional(report.orderId()), report.cumQuantity()),
                        priceScale + AVG_PX_EXTRA_DIGITS);
                er.orderQtyData().orderQty(report.leavesQuantity() + report.cumQuantity(), quantityScale);
                break;
        }
        return er;
    }

    private Encoder cancelReject(final Report report, final FixSessionState state)
    {
        final OrderCancelRejectEncoder reject = cancelReject;
        reject.reset();
        if (report.orderId() == 0)
        {
            reject.orderID(NONE, NONE.length);
        }
        else
        {
            reject.orderID(orderId, decimal(report.orderId(), orderId));
        }
        reject.clOrdID(clOrdId, clientOrderId(report.requestId(), clOrdId));
        if (report.clientOrderId() == 0)
        {
            reject.origClOrdID(NONE, NONE.length);
        }
        else
        {
            reject.origClOrdID(origClOrdId, clientOrderId(report.clientOrderId(), origClOrdId));
        }
        final boolean unknown = report.reason() == EntryRejectReason.UNKNOWN_ORDER.value();
        final byte[] text = FixCodes.rejectText(report.reason());
        reject.ordStatus(unknown || report.orderId() == 0 ? OrdStatus.REJECTED : OrdStatus.NEW)
            .cxlRejResponseTo(state.requestKind(report.requestId()) == FixSessionState.REPLACE ?
                CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST : CxlRejResponseTo.ORDER_CANCEL_REQUEST)
            .cxlRejReason(FixCodes.cxlRejReason(report.reason()))
            .text(text, text.length);
        return reject;
    }

    private void named(final ExecutionReportEncoder er, final Report report)
    {
        if (report.requestId() != 0)
        {
            er.clOrdID(clOrdId, clientOrderId(report.requestId(), clOrdId));
            er.origClOrdID(origClOrdId, clientOrderId(report.clientOrderId(), origClOrdId));
        }
        else
        {
            er.clOrdID(clOrdId, clientOrderId(report.clientOrderId(), clOrdId));
        }
    }

    private byte[] symbol(final InstrumentSpec instrument)
    {
        if (instrument == null)
        {
            return NOT_APPLICABLE;
        }
        byte[] symbol = symbols.get(instrument.id());
        if (symbol == null)
        {
            symbol = instrument.symbol().getBytes(StandardCharsets.US_ASCII);
            symbols.put(instrument.id(), symbol);
        }
        return symbol;
    }

    /**
     * @return the id's text (its ClientOrderIds form), or {@code #} and its decimal value when it has none.
     */
    private int clientOrderId(final long id, final byte[] destination)
    {
        final int length = ClientOrderIds.decode(id, scratch, 0);
        if (length < 0)
        {
            destination[0] = '#';
            return 1 + decimalAt(id, destination, 1);
        }
        scratch.getBytes(0, destination, 0, length);
        return length;
    }

    private static int decimal(final long value, final byte[] destination)
    {
        return decimalAt(value, destination, 0);
    }

    private static int decimalAt(final long value, final byte[] destination, final int offset)
    {
        if (value < 0)
        {
            destination[offset] = '-';
            return 1 + decimalAt(-value, destination, offset + 1);
        }
        int end = offset;
        long rest = value;
        do
        {
            destination[end++] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        while (rest > 0);
        for (int left = offset, right = end - 1; left < right; left++, right--)
        {
            final byte swap = destination[left];
            destination[left] = destination[right];
            destination[right] = swap;
        }
        return end - offset;
    }

    /**
     * @return traded notional over quantity, in price units with {@link #AVG_PX_EXTRA_DIGITS} more decimals,
     * truncated.
     */
    static long averagePrice(final long notional, final long quantity)
    {
        if (quantity <= 0)
        {
            return 0;
        }
        final long factor = Decimals.powerOfTen(AVG_PX_EXTRA_DIGITS);
        final long whole = notional / quantity;
        final long remainder = notional % quantity;
        return whole * factor + remainder * factor / quantity;
    }
}
