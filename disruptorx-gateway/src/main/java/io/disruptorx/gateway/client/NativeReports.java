package io.disruptorx.gateway.client;

import java.math.BigDecimal;

import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.protocol.sbe.orderentry.CancelAfterStatusDecoder;
import io.disruptorx.protocol.sbe.orderentry.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.orderentry.DecimalDecoder;
import io.disruptorx.protocol.sbe.orderentry.MassCancelDoneDecoder;
import io.disruptorx.protocol.sbe.orderentry.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderFilledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderReplacedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderStatusReportDecoder;
import org.agrona.DirectBuffer;

/**
 * Native reports as one line of text, for {@code dx order}, logs and tests (allocates; not for hot paths):
 * {@code ACCEPTED order=1 clOrd=A1 acct=1 instr=1 BUY LIMIT GTC px=100.00 qty=5}. Timestamps are left out.
 */
public final class NativeReports
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
    private final OrderFilledDecoder filled = new OrderFilledDecoder();
    private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
    private final OrderReplacedDecoder replaced = new OrderReplacedDecoder();
    private final CancelRejectedDecoder cancelRejected = new CancelRejectedDecoder();
    private final MassCancelDoneDecoder massCancelDone = new MassCancelDoneDecoder();
    private final OrderStatusReportDecoder status = new OrderStatusReportDecoder();
    private final CancelAfterStatusDecoder cancelAfter = new CancelAfterStatusDecoder();

    /**
     * @param buffer holding a report.
     * @param offset of its header.
     * @return the template id.
     */
    public int templateId(final DirectBuffer buffer, final int offset)
    {
        return header.wrap(buffer, offset).templateId();
    }

    /**
     * @param buffer holding a report.
     * @param offset of its header.
     * @param length of the report.
     * @return the report as text.
     */
    public String describe(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID:
            {
                final OrderAcceptedDecoder m = accepted.wrap(buffer, body, block, version);
                return "ACCEPTED order=" + m.orderId() + " clOrd=" + id(m.clientOrderId()) + " acct=" +
                    m.accountId() + " instr=" + m.instrumentId() + " " + m.side() + " " + m.orderType() + " " +
                    m.timeInForce() + " px=" + decimal(m.price()) + " qty=" + decimal(m.quantity());
            }
            case OrderRejectedDecoder.TEMPLATE_ID:
            {
                final OrderRejectedDecoder m = rejected.wrap(buffer, body, block, version);
                return "REJECTED clOrd=" + id(m.clientOrderId()) + " acct=" + m.accountId() + " instr=" +
                    m.instrumentId() + " " + m.reason();
            }
            case OrderFilledDecoder.TEMPLATE_ID:
            {
                final OrderFilledDecoder m = filled.wrap(buffer, body, block, version);
                return "FILL order=" + m.orderId() + " clOrd=" + id(m.clientOrderId()) + " acct=" + m.accountId() +
                    " trade=" + m.tradeId() + " " + m.side() + " " + m.liquidity() + " px=" +
                    decimal(m.lastPrice()) + " qty=" + decimal(m.lastQuantity()) + " leaves=" +
                    decimal(m.leavesQuantity()) + " cum=" + decimal(m.cumQuantity()) + " fee=" + decimal(m.fee());
            }
            case OrderCancelledDecoder.TEMPLATE_ID:
            {
                final OrderCancelledDecoder m = cancelled.wrap(buffer, body, block, version);
                return "CANCELLED order=" + m.orderId() + " clOrd=" + id(m.clientOrderId()) + " req=" +
                    m.requestId() + " acct=" + m.accountId() + " qty=" + decimal(m.cancelledQuantity()) + " " +
                    m.reason();
            }
            case OrderReplacedDecoder.TEMPLATE_ID:
            {
                final OrderReplacedDecoder m = replaced.wrap(buffer, body, block, version);
                return "REPLACED order=" + m.orderId() + " clOrd=" + id(m.clientOrderId()) + " req=" +
                    m.requestId() + " acct=" + m.accountId() + " px=" + decimal(m.price()) + " leaves=" +
                    decimal(m.leavesQuantity()) + (m.priorityKeptRaw() == 1 ? " kept" : " lost");
            }
            case CancelRejectedDecoder.TEMPLATE_ID:
            {
                final CancelRejectedDecoder m = cancelRejected.wrap(buffer, body, block, version);
                return "CANCEL_REJECTED order=" + m.orderId() + " clOrd=" + id(m.clientOrderId()) + " req=" +
                    m.requestId() + " acct=" + m.accountId() + " " + m.reason();
            }
            case MassCancelDoneDecoder.TEMPLATE_ID:
            {
                final MassCancelDoneDecoder m = massCancelDone.wrap(buffer, body, block, version);
                return "MASS_CANCEL_DONE req=" + m.requestId() + " acct=" + m.accountId() + " " + m.result();
            }
            case OrderStatusReportDecoder.TEMPLATE_ID:
            {
                final OrderStatusReportDecoder m = status.wrap(buffer, body, block, version);
                return "STATUS req=" + m.requestId() + " order=" + m.orderId() + " clOrd=" + id(m.clientOrderId()) +
                    " acct=" + m.accountId() + " " + m.status() + (m.statusRaw() == 0 ? " instr=" +
                    m.instrumentId() + " " + m.side() + " px=" + decimal(m.price()) + " leaves=" +
                    decimal(m.leavesQuantity()) + " cum=" + decimal(m.cumQuantity()) : "");
            }
            case CancelAfterStatusDecoder.TEMPLATE_ID:
            {
                final CancelAfterStatusDecoder m = cancelAfter.wrap(buffer, body, block, version);
                return "CANCEL_AFTER req=" + m.requestId() + " timeout=" + m.timeoutMillis() +
                    (m.triggeredRaw() == 1 ? " TRIGGERED" : "");
            }
            default:
                return "UNKNOWN template " + header.templateId() + " (" + length + " bytes)";
        }
    }

    private static String id(final long clientOrderId)
    {
        return ClientOrderIds.hasText(clientOrderId) ? ClientOrderIds.toText(clientOrderId) :
            Long.toString(clientOrderId);
    }

    private static String decimal(final DecimalDecoder decimal)
    {
        return BigDecimal.valueOf(decimal.mantissa(), -decimal.exponent()).toPlainString();
    }
}
