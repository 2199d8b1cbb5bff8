package io.disruptorx.gateway.dialect;

import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.protocol.sbe.orderentry.BooleanType;
import io.disruptorx.protocol.sbe.orderentry.CancelAfterStatusEncoder;
import io.disruptorx.protocol.sbe.orderentry.CancelReason;
import io.disruptorx.protocol.sbe.orderentry.CancelRejectedEncoder;
import io.disruptorx.protocol.sbe.orderentry.DecimalEncoder;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import io.disruptorx.protocol.sbe.orderentry.Liquidity;
import io.disruptorx.protocol.sbe.orderentry.MassCancelDoneEncoder;
import io.disruptorx.protocol.sbe.orderentry.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedEncoder;
import io.disruptorx.protocol.sbe.orderentry.OrderCancelledEncoder;
import io.disruptorx.protocol.sbe.orderentry.OrderFilledEncoder;
import io.disruptorx.protocol.sbe.orderentry.OrderRejectedEncoder;
import io.disruptorx.protocol.sbe.orderentry.OrderReplacedEncoder;
import io.disruptorx.protocol.sbe.orderentry.OrderStatus;
import io.disruptorx.protocol.sbe.orderentry.OrderStatusReportEncoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import org.agrona.MutableDirectBuffer;

/**
 * Reports as native order-entry messages; prices and fees as decimals with the instrument's price scale,
 * quantities with its quantity scale (exponent 0 for an instrument the gateway does not know).
 */
final class NativeReportEncoder
{
    /** Longest report: header and OrderFilled. */
    static final int MAX_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + OrderFilledEncoder.BLOCK_LENGTH;

    private final InstrumentDirectory instruments;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OrderAcceptedEncoder accepted = new OrderAcceptedEncoder();
    private final OrderRejectedEncoder rejected = new OrderRejectedEncoder();
    private final OrderFilledEncoder filled = new OrderFilledEncoder();
    private final OrderCancelledEncoder cancelled = new OrderCancelledEncoder();
    private final OrderReplacedEncoder replaced = new OrderReplacedEncoder();
    private final CancelRejectedEncoder cancelRejected = new CancelRejectedEncoder();
    private final MassCancelDoneEncoder massCancelDone = new MassCancelDoneEncoder();
    private final OrderStatusReportEncoder status = new OrderStatusReportEncoder();
    private final CancelAfterStatusEncoder cancelAfter = new CancelAfterStatusEncoder();
    private int priceExponent;
    private int quantityExponent;

    NativeReportEncoder(final InstrumentDirectory instruments)
    {
        this.instruments = instruments;
    }

    int encode(final Report r, final MutableDirectBuffer buffer, final int offset)
    {
        scales(r.instrumentId());
        final int body;
        switch (r.kind())
        {
            case ReportKind.ACCEPTED:
                accepted.wrapAndApplyHeader(buffer, offset, header)
                    .timestamp(r.timestamp()).orderId(r.orderId()).clientOrderId(r.clientOrderId())
                    .accountId(r.accountId()).instrumentId(r.instrumentId()).side(Side.get(r.side()))
                    .orderType(OrderType.get(r.orderType())).timeInForce(TimeInForce.get(r.timeInForce()));
                price(accepted.price(), r.price());
                quantity(accepted.quantity(), r.quantity());
                body = accepted.encodedLength();
                break;
            case ReportKind.REJECTED:
                rejected.wrapAndApplyHeader(buffer, offset, header)
                    .timestamp(r.timestamp()).clientOrderId(r.clientOrderId()).accountId(r.accountId())
                    .instrumentId(r.instrumentId()).reason(EntryRejectReason.get((short)r.reason()));
                body = rejected.encodedLength();
                break;
            case ReportKind.FILL:
                filled.wrapAndApplyHeader(buffer, offset, header)
                    .timestamp(r.timestamp()).orderId(r.orderId()).clientOrderId(r.clientOrderId())
                    .accountId(r.accountId()).tradeId(r.tradeId()).instrumentId(r.instrumentId())
                    .side(Side.get(r.side())).liquidity(Liquidity.get(r.liquidity()));
                price(filled.lastPrice(), r.lastPrice());
                quantity(filled.lastQuantity(), r.lastQuantity());
                quantity(filled.leavesQuantity(), r.leavesQuantity());
                quantity(filled.cumQuantity(), r.cumQuantity());
                price(filled.fee(), r.fee());
                body = filled.encodedLength();
                break;
            case ReportKind.CANCELLED:
                cancelled.wrapAndApplyHeader(buffer, offset, header)
                    .timestamp(r.timestamp()).orderId(r.orderId()).clientOrderId(r.clientOrderId())
                    .requestId(r.requestId()).accountId(r.accountId()).instrumentId(r.instrumentId())
                    .reason(CancelReason.get((short)r.reason()));
                quantity(cancelled.cancelledQuantity(), r.quantity());
                body = cancelled.encodedLength();
                break;
            case ReportKind.REPLACED:
                replaced.wrapAndApplyHeader(buffer, offset, header)
                    .timestamp(r.timestamp()).orderId(r.orderId()).clientOrderId(r.clientOrderId())
                    .requestId(r.requestId()).accountId(r.accountId()).instrumentId(r.instrumentId())
                    .priorityKept(r.flag() ? BooleanType.TRUE : BooleanType.FALSE);
                price(replaced.price(), r.price());
                quantity(replaced.leavesQuantity(), r.leavesQuantity());
                body = replaced.encodedLength();
                break;
            case ReportKind.CANCEL_REJECTED:
                cancelRejected.wrapAndApplyHeader(buffer, offset, header)
                    .timestamp(r.timestamp()).orderId(r.orderId()).clientOrderId(r.clientOrderId())
                    .requestId(r.requestId()).accountId(r.accountId())
                    .reason(EntryRejectReason.get((short)r.reason()));
                body = cancelRejected.encodedLength();
                break;
            case ReportKind.MASS_CANCEL_DONE:
                massCancelDone.wrapAndApplyHeader(buffer, offset, header)
                    .timestamp(r.timestamp()).requestId(r.requestId()).accountId(r.accountId())
                    .result(EntryRejectReason.get((short)r.reason()));
                body = massCancelDone.encodedLength();
                break;
            case ReportKind.STATUS:
                status.wrapAndApplyHeader(buffer, offset, header)
                    .requestId(r.requestId()).orderId(r.orderId()).clientOrderId(r.clientOrderId())
                    .accountId(r.accountId()).instrumentId(r.instrumentId()).side(Side.get(r.side()))
                    .status(OrderStatus.get(r.status()));
                price(status.price(), r.price());
                quantity(status.leavesQuantity(), r.leavesQuantity());
                quantity(status.cumQuantity(), r.cumQuantity());
                body = status.encodedLength();
                break;
            case ReportKind.CANCEL_AFTER:
                cancelAfter.wrapAndApplyHeader(buffer, offset, header)
                    .timestamp(r.timestamp()).requestId(r.requestId()).timeoutMillis(r.timeoutMillis())
                    .triggered(r.flag() ? BooleanType.TRUE : BooleanType.FALSE);
                body = cancelAfter.encodedLength();
                break;
            default:
                throw new IllegalStateException("no native message for report kind " + r.kind());
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + body;
    }

    private void scales(final int instrumentId)
    {
        final InstrumentSpec instrument = instrumentId == 0 ? null : instruments.byId(instrumentId);
        priceExponent = instrument == null ? 0 : -instrument.priceScale();
        quantityExponent = instrument == null ? 0 : -instrument.quantityScale();
    }

    private void price(final DecimalEncoder decimal, final long units)
    {
        decimal.mantissa(units).exponent((byte)priceExponent);
    }

    private void quantity(final DecimalEncoder decimal, final long units)
    {
        decimal.mantissa(units).exponent((byte)quantityExponent);
    }
}
