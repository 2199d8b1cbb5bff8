package io.disruptorx.gateway.fix;

import java.nio.charset.StandardCharsets;

import io.disruptorx.fix44.CxlRejResponseTo;
import io.disruptorx.fix44.ExecType;
import io.disruptorx.fix44.OrdRejReason;
import io.disruptorx.fix44.OrdStatus;
import io.disruptorx.fix44.builder.ExecutionReportEncoder;
import io.disruptorx.fix44.builder.OrderCancelRejectEncoder;
import io.disruptorx.gateway.codec.Decimals;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportFilter;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import org.agrona.collections.Int2ObjectHashMap;
import uk.co.real_logic.artio.builder.Encoder;

/**
 * A session's reports as FIX messages: accepted, rejected, fill, cancelled and replaced as ExecutionReport(8),
 * a refused cancel or replace as OrderCancelReject(9), a status as ExecutionReport with ExecType(150) I (order
 * status), a mass cancel's result or refusal as OrderMassCancelReport(r) (see {@link FixMassCancels}). Prices and
 * quantities are written with the instrument's scales; AvgPx(6) carries four more decimals than the price.
 * ExecID(17) is the report's sequence in the session. Reuses its encoders and buffers: nothing allocated per
 * report once each symbol has been seen.
 */
final class FixReports
{
    /**
     * The reports FIX expresses; dead-man switch reports (armed natively) are not sequenced for it. A mass cancel
     * result reaches every session of the account; only the requesting FIX session sends it ({@link #encode}).
     */
    static final ReportFilter FILTER = report -> report.kind() != ReportKind.CANCEL_AFTER;

    private static final int AVG_PX_EXTRA_DIGITS = 4;
    private static final byte[] NONE = "NONE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_APPLICABLE = "[N/A]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRIORITY_KEPT = "PRIORITY_KEPT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRIORITY_LOST = "PRIORITY_LOST".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNKNOWN_ORDER = FixCodes.rejectText(EntryRejectReason.UNKNOWN_ORDER.value());

    private final InstrumentDirectory instruments;
    private final Int2ObjectHashMap<byte[]> symbols = new Int2ObjectHashMap<>();
    private final ExecutionReportEncoder executionReport = new ExecutionReportEncoder();
    private final OrderCancelRejectEncoder cancelReject = new OrderCancelRejectEncoder();
    private final FixIds ids = new FixIds();
    private final FixMassCancels massCancels = new FixMassCancels(ids);
    private final byte[] orderId = new byte[FixIds.TEXT_LENGTH];
    private final byte[] clOrdId = new byte[FixIds.TEXT_LENGTH];
    private final byte[] origClOrdId = new byte[FixIds.TEXT_LENGTH];
    private final byte[] execId = new byte[FixIds.TEXT_LENGTH];
    private final byte[] account = new byte[FixIds.TEXT_LENGTH];
    private final byte[] statusRequestId = new byte[FixIds.TEXT_LENGTH];

    FixReports(final InstrumentDirectory instruments)
    {
        this.instruments = instruments;
    }

    /**
     * @return the encoder of OrderMassCancelReports, for refusals made before the core sees a request.
     */
    FixMassCancels massCancels()
    {
        return massCancels;
    }

    /**
     * @param report   a report the {@link #FILTER} accepts.
     * @param sequence its sequence in the session.
     * @param state    the session's FIX state.
     * @return the encoder holding the message, ready for {@code Session.trySend}; {@code null} when the report is
     * not for this session's client (the result of another session's mass cancel).
     */
    Encoder encode(final Report report, final long sequence, final FixSessionState state)
    {
        final byte kind = report.kind();
        if (kind == ReportKind.MASS_CANCEL_DONE)
        {
            return state.isMassCancel(report.requestId()) ? massCancels.done(report, sequence, state) : null;
        }
        if (kind == ReportKind.CANCEL_REJECTED)
        {
            return state.isMassCancel(report.requestId()) ? massCancels.rejected(report, state) :
                cancelReject(report, state);
        }
        final boolean unknownStatus = kind == ReportKind.STATUS && report.status() != 0;
        final InstrumentSpec instrument = instruments.byId(unknownStatus ?
            state.statusInstrument(report.requestId()) : report.instrumentId());
        final int priceScale = instrument == null ? 0 : instrument.priceScale();
        final int quantityScale = instrument == null ? 0 : instrument.quantityScale();
        final ExecutionReportEncoder er = executionReport;
        clear(er);
        er.execID(execId, FixIds.decimal(sequence, execId));
        er.account(account, FixIds.decimal(report.accountId(), account));
        er.instrument().symbol(symbol(instrument));
        er.side(FixCodes.fixSide(unknownStatus ? state.statusSide(report.requestId(), report.side()) :
            state.side(report, report.side())));
        if (report.orderId() == 0)
        {
            er.orderID(NONE, NONE.length);
        }
        else
        {
            er.orderID(orderId, FixIds.decimal(report.orderId(), orderId));
        }
        switch (kind)
        {
            case ReportKind.STATUS:
                status(er, report, state, priceScale, quantityScale);
                break;
            case ReportKind.ACCEPTED:
                er.clOrdID(clOrdId, ids.clientOrderId(report.clientOrderId(), clOrdId));
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
                er.clOrdID(clOrdId, ids.clientOrderId(report.clientOrderId(), clOrdId));
                final byte[] text = FixCodes.rejectText(report.reason());
                er.execType(ExecType.REJECTED).ordStatus(OrdStatus.REJECTED)
                    .ordRejReason(FixCodes.ordRejReason(report.reason()))
                    .text(text, text.length)
                    .leavesQty(0, 0).cumQty(0, 0).avgPx(0, 0);
                break;
            case ReportKind.FILL:
                er.clOrdID(clOrdId, ids.clientOrderId(report.clientOrderId(), clOrdId));
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

    /**
     * Resets the header, the trailer and exactly the body fields this class ever sets. {@code reset()} walks every
     * field of ExecutionReport and its components, about a quarter of the gateway thread's time per report in
     * {@code dx bench gateway}'s FIX leg. A field set below must be listed here.
     */
    private static void clear(final ExecutionReportEncoder er)
    {
        er.header().reset();
        er.trailer().reset();
        er.resetExecID();
        er.resetAccount();
        er.instrument().resetSymbol();
        er.resetSide();
        er.resetOrderID();
        er.resetClOrdID();
        er.resetOrigClOrdID();
        er.resetOrdStatusReqID();
        er.resetExecType();
        er.resetOrdStatus();
        er.resetOrdType();
        er.resetTimeInForce();
        er.resetOrdRejReason();
        er.resetText();
        er.resetPrice();
        er.resetLastPx();
        er.resetLastQty();
        er.resetLastLiquidityInd();
        er.resetLeavesQty();
        er.resetCumQty();
        er.resetAvgPx();
        er.orderQtyData().resetOrderQty();
    }

    private void status(
        final ExecutionReportEncoder er, final Report report, final FixSessionState state, final int priceScale,
        final int quantityScale)
    {
        er.clOrdID(clOrdId, ids.clientOrderId(report.clientOrderId(), clOrdId));
        if (state.statusEcho(report.requestId()))
        {
            er.ordStatusReqID(statusRequestId, ids.clientOrderId(report.requestId(), statusRequestId));
        }
        er.execType(ExecType.ORDER_STATUS);
        if (report.status() != 0)
        {
            er.ordStatus(OrdStatus.REJECTED).ordRejReason(OrdRejReason.UNKNOWN_ORDER)
                .text(UNKNOWN_ORDER, UNKNOWN_ORDER.length)
                .leavesQty(0, 0).cumQty(0, 0).avgPx(0, 0);
            return;
        }
        er.ordStatus(report.cumQuantity() > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW)
            .ordType(FixCodes.fixOrdType(report.orderType()))
            .timeInForce(FixCodes.fixTimeInForce(report.timeInForce()))
            .leavesQty(report.leavesQuantity(), quantityScale)
            .cumQty(report.cumQuantity(), quantityScale)
            .avgPx(averagePrice(state.tradedNotional(report.orderId()), report.cumQuantity()),
                priceScale + AVG_PX_EXTRA_DIGITS);
        if (report.orderType() == FixCodes.LIMIT)
        {
            er.price(report.price(), priceScale);
        }
        er.orderQtyData().orderQty(report.leavesQuantity() + report.cumQuantity(), quantityScale);
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
            reject.orderID(orderId, FixIds.decimal(report.orderId(), orderId));
        }
        reject.clOrdID(clOrdId, ids.clientOrderId(report.requestId(), clOrdId));
        if (report.clientOrderId() == 0)
        {
            reject.origClOrdID(NONE, NONE.length);
        }
        else
        {
            reject.origClOrdID(origClOrdId, ids.clientOrderId(report.clientOrderId(), origClOrdId));
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
            er.clOrdID(clOrdId, ids.clientOrderId(report.requestId(), clOrdId));
            er.origClOrdID(origClOrdId, ids.clientOrderId(report.clientOrderId(), origClOrdId));
        }
        else
        {
            er.clOrdID(clOrdId, ids.clientOrderId(report.clientOrderId(), clOrdId));
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
