package io.disruptorx.gateway.fix;

import java.nio.charset.StandardCharsets;

import io.disruptorx.fix44.CxlRejResponseTo;
import io.disruptorx.fix44.ExecType;
import io.disruptorx.fix44.OrdRejReason;
import io.disruptorx.fix44.OrdStatus;
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
 * ExecID(17) is the report's sequence in the session. An ExecutionReport is written whole, header to checksum, by
 * {@link FixExecutionReport} and {@link FixMessageWriter} (no Artio encoder: its generic encode walks every field of
 * the message type); the other two go through Artio's encoders. Reuses its writer, encoders and buffers: nothing
 * allocated per report once each symbol has been seen.
 */
final class FixReports
{
    /**
     * The reports FIX expresses; dead-man switch reports (armed natively) are not sequenced for it. A mass cancel
     * result reaches every session of the account; only the requesting FIX session sends it ({@link #encode}).
     */
    static final ReportFilter FILTER = report -> report.kind() != ReportKind.CANCEL_AFTER;

    /** {@link #encode}: nothing to send. */
    static final int SKIP = 0;
    /** {@link #encode}: an Artio encoder holds the message ({@link #encoder()}). */
    static final int ARTIO = 1;
    /** {@link #encode}: the message is written whole ({@link #written()}). */
    static final int WRITTEN = 2;

    private static final int AVG_PX_EXTRA_DIGITS = 4;
    private static final byte[] NONE = "NONE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_APPLICABLE = "[N/A]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRIORITY_KEPT = "PRIORITY_KEPT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRIORITY_LOST = "PRIORITY_LOST".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNKNOWN_ORDER = FixCodes.rejectText(EntryRejectReason.UNKNOWN_ORDER.value());

    private final InstrumentDirectory instruments;
    private final Int2ObjectHashMap<byte[]> symbols = new Int2ObjectHashMap<>();
    private final FixExecutionReport executionReport = new FixExecutionReport();
    private final FixMessageWriter writer = new FixMessageWriter();
    private final OrderCancelRejectEncoder cancelReject = new OrderCancelRejectEncoder();
    private final FixIds ids = new FixIds();
    private final FixMassCancels massCancels = new FixMassCancels(ids);
    private final byte[] orderId = new byte[FixIds.TEXT_LENGTH];
    private final byte[] clOrdId = new byte[FixIds.TEXT_LENGTH];
    private final byte[] origClOrdId = new byte[FixIds.TEXT_LENGTH];
    private final byte[] statusRequestId = new byte[FixIds.TEXT_LENGTH];
    private Encoder encoder;
    /** The last symbol looked up, so a run of reports of one instrument skips the map. */
    private InstrumentSpec lastInstrument;
    private byte[] lastSymbol;

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
     * Encodes a report. An ExecutionReport is written whole, header and trailer included, by a
     * {@link FixMessageWriter} ({@link #WRITTEN}: {@link #written()}, to be sent with the MsgSeqNum given here); the
     * rare OrderCancelReject(9) and OrderMassCancelReport(r) go through Artio's encoders ({@link #ARTIO}:
     * {@link #encoder()}, for {@code Session.trySend}).
     *
     * @param report      a report the {@link #FILTER} accepts.
     * @param sequence    its sequence in the session.
     * @param state       the session's FIX state.
     * @param msgSeqNum   the MsgSeqNum(34) the message will be sent with (a written one carries it).
     * @param epochMillis the SendingTime(52) of a written message.
     * @return {@link #SKIP} when the report is not for this session's client (the result of another session's mass
     * cancel), else {@link #WRITTEN} or {@link #ARTIO}.
     */
    int encode(
        final Report report, final long sequence, final FixSessionState state, final int msgSeqNum,
        final long epochMillis)
    {
        final byte kind = report.kind();
        if (kind == ReportKind.MASS_CANCEL_DONE)
        {
            return artio(state.isMassCancel(report.requestId()) ? massCancels.done(report, sequence, state) : null);
        }
        if (kind == ReportKind.CANCEL_REJECTED)
        {
            return artio(state.isMassCancel(report.requestId()) ? massCancels.rejected(report, state) :
                cancelReject(report, state));
        }
        final boolean unknownStatus = kind == ReportKind.STATUS && report.status() != 0;
        final InstrumentSpec instrument = instruments.byId(unknownStatus ?
            state.statusInstrument(report.requestId()) : report.instrumentId());
        final int priceScale = instrument == null ? 0 : instrument.priceScale();
        final int quantityScale = instrument == null ? 0 : instrument.quantityScale();
        final FixExecutionReport er = executionReport;
        er.clear();
        er.execID(sequence);
        er.account(report.accountId());
        er.symbol(symbol(instrument));
        er.side(FixCodes.fixSide(unknownStatus ? state.statusSide(report.requestId(), report.side()) :
            state.side(report, report.side())));
        if (report.orderId() == 0)
        {
            er.orderID(NONE, NONE.length);
        }
        else
        {
            er.orderID(report.orderId());
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
                er.orderQty(report.quantity(), quantityScale);
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
                    .last(report.lastQuantity(), quantityScale, report.lastPrice(), priceScale)
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
                        priceScale + AVG_PX_EXTRA_DIGITS)
                    .orderQty(report.leavesQuantity() + report.cumQuantity(), quantityScale);
                break;
        }
        er.write(writer, state.compIds, msgSeqNum, epochMillis);
        return WRITTEN;
    }

    /**
     * @return the message the last {@link #encode} that returned {@link #ARTIO} left, for {@code Session.trySend}.
     */
    Encoder encoder()
    {
        return encoder;
    }

    /**
     * @return the whole message the last {@link #encode} that returned {@link #WRITTEN} wrote.
     */
    FixMessageWriter written()
    {
        return writer;
    }

    private int artio(final Encoder message)
    {
        encoder = message;
        return message == null ? SKIP : ARTIO;
    }

    private void status(
        final FixExecutionReport er, final Report report, final FixSessionState state, final int priceScale,
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
        er.orderQty(report.leavesQuantity() + report.cumQuantity(), quantityScale);
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

    private void named(final FixExecutionReport er, final Report report)
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
        if (instrument == lastInstrument)
        {
            return lastSymbol;
        }
        byte[] symbol = symbols.get(instrument.id());
        if (symbol == null)
        {
            symbol = instrument.symbol().getBytes(StandardCharsets.US_ASCII);
            symbols.put(instrument.id(), symbol);
        }
        lastInstrument = instrument;
        lastSymbol = symbol;
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
