package io.disruptorx.gateway.dialect;

import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportFilter;
import io.disruptorx.gateway.core.Session;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.soupbintcp.Dialect;
import io.disruptorx.protocol.sbe.orderentry.CancelAfterDecoder;
import io.disruptorx.protocol.sbe.orderentry.CancelOrderDecoder;
import io.disruptorx.protocol.sbe.orderentry.MassCancelDecoder;
import io.disruptorx.protocol.sbe.orderentry.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.orderentry.NewOrderDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderStatusRequestDecoder;
import io.disruptorx.protocol.sbe.orderentry.ReplaceOrderDecoder;
import io.disruptorx.protocol.venue.TraceContext;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The native dialect: one message of the order-entry SBE schema (schema 4, {@code orderentry.xml}) per SoupBinTCP
 * payload, header first. Every request and every report kind has its message; decimals are mantissa and
 * exponent. Decodes in place and encodes into the transport's buffer; allocates nothing. A NewOrder of schema
 * version 1 may carry a W3C trace context (trace id, parent span id, flags); version 0 messages, without it, are
 * still read with their shorter block.
 */
public final class NativeDialect implements Dialect
{
    /** Protocol id of native sessions. */
    public static final int PROTOCOL_ID = 1;

    private static final int MAX_INBOUND = 256;
    /** NewOrder's block before the trace context fields of version 1. */
    static final int NEW_ORDER_V0_BLOCK_LENGTH = 57;

    private final NativeReportEncoder reports;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final MassCancelDecoder massCancel = new MassCancelDecoder();
    private final CancelAfterDecoder cancelAfter = new CancelAfterDecoder();
    private final OrderStatusRequestDecoder status = new OrderStatusRequestDecoder();
    private final TraceContext trace = new TraceContext();

    /**
     * @param instruments scales for the decimals of reports.
     */
    public NativeDialect(final InstrumentDirectory instruments)
    {
        this.reports = new NativeReportEncoder(instruments);
    }

    @Override
    public int protocolId()
    {
        return PROTOCOL_ID;
    }

    @Override
    public ReportFilter filter()
    {
        return ReportFilter.ALL;
    }

    @Override
    public int maxInboundLength()
    {
        return MAX_INBOUND;
    }

    @Override
    public int maxOutboundLength()
    {
        return NativeReportEncoder.MAX_LENGTH;
    }

    @Override
    public void onMessage(
        final GatewayCore core, final Session session, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            core.counters().protocolError(ProtocolError.TRUNCATED);
            return;
        }
        header.wrap(buffer, offset);
        final int blockLength = header.blockLength();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            core.counters().protocolError(ProtocolError.UNKNOWN_MESSAGE);
            return;
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            core.counters().protocolError(ProtocolError.TRUNCATED);
            return;
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int version = header.version();
        switch (header.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID:
                if (fits(core, blockLength, version >= 1 ? NewOrderDecoder.BLOCK_LENGTH : NEW_ORDER_V0_BLOCK_LENGTH))
                {
                    final NewOrderDecoder m = newOrder.wrap(buffer, body, blockLength, version);
                    readTrace(m);
                    core.newOrder(session, m.clientOrderId(), m.accountId(), m.instrumentId(), m.sideRaw(),
                        m.orderTypeRaw(), m.timeInForceRaw(), m.postOnlyRaw(), m.selfTradePreventionRaw(),
                        m.price().mantissa(), m.price().exponent(), m.quantity().mantissa(), m.quantity().exponent(),
                        trace);
                }
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                if (fits(core, blockLength, CancelOrderDecoder.BLOCK_LENGTH))
                {
                    final CancelOrderDecoder m = cancelOrder.wrap(buffer, body, blockLength, version);
                    core.cancel(session, m.requestId(), m.accountId(), m.orderId(), m.clientOrderId());
                }
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                if (fits(core, blockLength, ReplaceOrderDecoder.BLOCK_LENGTH))
                {
                    final ReplaceOrderDecoder m = replaceOrder.wrap(buffer, body, blockLength, version);
                    core.replace(session, m.requestId(), m.accountId(), m.orderId(), m.clientOrderId(),
                        m.newPrice().mantissa(), m.newPrice().exponent(), m.newQuantity().mantissa(),
                        m.newQuantity().exponent());
                }
                break;
            case MassCancelDecoder.TEMPLATE_ID:
                if (fits(core, blockLength, MassCancelDecoder.BLOCK_LENGTH))
                {
                    final MassCancelDecoder m = massCancel.wrap(buffer, body, blockLength, version);
                    core.massCancel(session, m.requestId(), m.accountId(), m.instrumentId());
                }
                break;
            case CancelAfterDecoder.TEMPLATE_ID:
                if (fits(core, blockLength, CancelAfterDecoder.BLOCK_LENGTH))
                {
                    final CancelAfterDecoder m = cancelAfter.wrap(buffer, body, blockLength, version);
                    core.cancelAfter(session, m.requestId(), m.timeoutMillis());
                }
                break;
            case OrderStatusRequestDecoder.TEMPLATE_ID:
                if (fits(core, blockLength, OrderStatusRequestDecoder.BLOCK_LENGTH))
                {
                    final OrderStatusRequestDecoder m = status.wrap(buffer, body, blockLength, version);
                    core.orderStatus(session, m.requestId(), m.accountId(), m.orderId(), m.clientOrderId());
                }
                break;
            default:
                core.counters().protocolError(ProtocolError.UNKNOWN_MESSAGE);
                break;
        }
    }

    @Override
    public int encode(final Report report, final MutableDirectBuffer buffer, final int offset)
    {
        return reports.encode(report, buffer, offset);
    }

    private void readTrace(final NewOrderDecoder m)
    {
        final long parentSpanId = m.parentSpanId();
        if (parentSpanId == 0 || parentSpanId == NewOrderDecoder.parentSpanIdNullValue())
        {
            trace.clear();
            return;
        }
        trace.set(m.traceIdHigh(), m.traceIdLow(), parentSpanId, m.traceFlags(), System.nanoTime());
    }

    private static boolean fits(final GatewayCore core, final int blockLength, final int required)
    {
        if (blockLength < required)
        {
            core.counters().protocolError(ProtocolError.TRUNCATED);
            return false;
        }
        return true;
    }
}
