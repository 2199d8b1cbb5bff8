package io.disruptorx.gateway.fix;

import java.nio.charset.StandardCharsets;

import io.disruptorx.fix44.BusinessRejectReason;
import io.disruptorx.fix44.MassCancelRejectReason;
import io.disruptorx.fix44.MassCancelRequestType;
import io.disruptorx.fix44.builder.BusinessMessageRejectEncoder;
import io.disruptorx.fix44.decoder.HeaderDecoder;
import io.disruptorx.fix44.decoder.NewOrderSingleDecoder;
import io.disruptorx.fix44.decoder.OrderCancelReplaceRequestDecoder;
import io.disruptorx.fix44.decoder.OrderCancelRequestDecoder;
import io.disruptorx.fix44.decoder.OrderMassCancelRequestDecoder;
import io.disruptorx.fix44.decoder.OrderStatusRequestDecoder;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.codec.Decimals;
import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.protocol.venue.TraceContext;
import org.agrona.AsciiSequenceView;
import uk.co.real_logic.artio.builder.Encoder;
import uk.co.real_logic.artio.fields.DecimalFloat;

/**
 * FIX requests as core calls. ClOrdID(11) and OrigClOrdID(41) are mapped to the gateway's client order ids (up to
 * 10 letters and digits, or up to 18 digits); Symbol(55) names the instrument; Account(1), when present, is the
 * account number (else the user's first account), each read by {@link FixIdReader}; prices and quantities are
 * decimals, converted exactly by the core. What FIX leaves optional but the venue needs, and a ClOrdID with no id
 * form, get a BusinessMessageReject(j) and never reach the core. Every other refusal is the core's, answered by a
 * report. A NewOrderSingle's TraceParent(9700), the venue's user-defined field holding a W3C {@code traceparent}
 * value, goes beside the order as its trace context (read in place; an invalid value is ignored, as an invalid HTTP
 * header is).
 */
final class FixRequests
{
    private static final byte[] BAD_CL_ORD_ID =
        "ClOrdID(11) must be 1 to 10 letters and digits or up to 18 digits".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_QUANTITY = "OrderQty(38) required".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_PRICE = "Price(44) required for a limit order".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAD_STATUS_REQUEST_ID =
        "OrdStatusReqID(790) must be 1 to 10 letters and digits or up to 18 digits".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNSUPPORTED_MASS_CANCEL_TYPE =
        "MassCancelRequestType(530) must be 1 (one security) or 7 (all orders)".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MASS_CANCEL_SIDE =
        "Side(54) is not supported: a mass cancel covers both sides".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MASS_CANCEL_NO_SYMBOL =
        "Symbol(55) required for MassCancelRequestType(530) 1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNKNOWN_INSTRUMENT = "UNKNOWN_INSTRUMENT".getBytes(StandardCharsets.US_ASCII);
    private static final char CANCEL_FOR_SECURITY = MassCancelRequestType.CANCEL_ORDERS_FOR_A_SECURITY.representation();
    private static final char CANCEL_ALL = MassCancelRequestType.CANCEL_ALL_ORDERS.representation();

    private final InstrumentDirectory instruments;
    private final FixIdReader ids;
    private final FixCounters counters;
    private final FixMassCancels massCancels;
    private final BusinessMessageRejectEncoder businessReject = new BusinessMessageRejectEncoder();
    private final TraceContext trace = new TraceContext();
    private final AsciiSequenceView traceParent = new AsciiSequenceView();

    FixRequests(final InstrumentDirectory instruments, final FixCounters counters, final FixMassCancels massCancels)
    {
        this.instruments = instruments;
        this.ids = new FixIdReader(instruments);
        this.counters = counters;
        this.massCancels = massCancels;
    }

    Encoder newOrder(
        final GatewayCore core, final FixSessionState state, final NewOrderSingleDecoder order,
        final HeaderDecoder header)
    {
        final long clientOrderId = ids.clientOrderId(order.clOrdID(), order.clOrdIDLength());
        if (clientOrderId == ClientOrderIds.INVALID)
        {
            return businessReject(header, order.clOrdID(), order.clOrdIDLength(), BAD_CL_ORD_ID,
                BusinessRejectReason.OTHER);
        }
        if (!order.hasOrderQty())
        {
            return businessReject(header, order.clOrdID(), order.clOrdIDLength(), NO_QUANTITY,
                BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING);
        }
        final int orderType = FixCodes.orderType(order.ordType());
        if (orderType == FixCodes.LIMIT && !order.hasPrice())
        {
            return businessReject(header, order.clOrdID(), order.clOrdIDLength(), NO_PRICE,
                BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING);
        }
        final long accountId = order.hasAccount() ? FixIdReader.number(order.account(), order.accountLength()) : 0;
        if (possibleDuplicate(core, state, header, accountId, clientOrderId))
        {
            return null;
        }
        final int side = FixCodes.side(order.side());
        final int timeInForce = order.hasTimeInForce() ? FixCodes.timeInForce(order.timeInForce()) : FixCodes.DAY;
        final int postOnly = order.hasExecInst() && contains(order.execInst(), order.execInstLength(), '6') ? 1 : 0;
        final DecimalFloat price = order.hasPrice() ? order.price() : null;
        final DecimalFloat quantity = order.orderQty();
        state.orderSent(clientOrderId, side);
        core.newOrder(state.session, clientOrderId, accountId, ids.instrumentId(order.symbol(), order.symbolLength()),
            side, orderType, timeInForce, postOnly, 0,
            price == null ? 0 : price.value(), price == null ? 0 : -price.scale(),
            quantity.value(), -quantity.scale(), trace(order));
        return null;
    }

    Encoder cancel(
        final GatewayCore core, final FixSessionState state, final OrderCancelRequestDecoder cancel,
        final HeaderDecoder header)
    {
        final long requestId = ids.clientOrderId(cancel.clOrdID(), cancel.clOrdIDLength());
        if (requestId == ClientOrderIds.INVALID)
        {
            return businessReject(header, cancel.clOrdID(), cancel.clOrdIDLength(), BAD_CL_ORD_ID,
                BusinessRejectReason.OTHER);
        }
        final long accountId = cancel.hasAccount() ? FixIdReader.number(cancel.account(), cancel.accountLength()) : 0;
        final long orderId = cancel.hasOrderID() ? FixIdReader.number(cancel.orderID(), cancel.orderIDLength()) : 0;
        state.requestSent(requestId, FixSessionState.CANCEL);
        core.cancel(state.session, requestId, accountId, Math.max(orderId, 0),
            ids.clientOrderId(cancel.origClOrdID(), cancel.origClOrdIDLength()));
        return null;
    }

    Encoder replace(
        final GatewayCore core, final FixSessionState state, final OrderCancelReplaceRequestDecoder replace,
        final HeaderDecoder header)
    {
        final long requestId = ids.clientOrderId(replace.clOrdID(), replace.clOrdIDLength());
        if (requestId == ClientOrderIds.INVALID)
        {
            return businessReject(header, replace.clOrdID(), replace.clOrdIDLength(), BAD_CL_ORD_ID,
                BusinessRejectReason.OTHER);
        }
        if (!replace.hasOrderQty())
        {
            return businessReject(header, replace.clOrdID(), replace.clOrdIDLength(), NO_QUANTITY,
                BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING);
        }
        if (!replace.hasPrice())
        {
            return businessReject(header, replace.clOrdID(), replace.clOrdIDLength(), NO_PRICE,
                BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING);
        }
        final long accountId = replace.hasAccount() ?
            FixIdReader.number(replace.account(), replace.accountLength()) : 0;
        final long orderId = Math.max(replace.hasOrderID() ?
            FixIdReader.number(replace.orderID(), replace.orderIDLength()) : 0, 0);
        final DecimalFloat price = replace.price();
        final DecimalFloat quantity = replace.orderQty();
        replace(core, state, requestId, accountId, orderId,
            ids.clientOrderId(replace.origClOrdID(), replace.origClOrdIDLength()),
            ids.instrumentId(replace.symbol(), replace.symbolLength()), price.value(), -price.scale(), quantity.value(),
            -quantity.scale());
        return null;
    }

    /**
     * A NewOrderSingle {@link FixOrderDecoder} decoded: the same core call as {@link #newOrder(GatewayCore,
     * FixSessionState, NewOrderSingleDecoder, HeaderDecoder)} would make.
     *
     * @return {@code false}, having done nothing, when the order needs a BusinessMessageReject: the caller decodes
     * it with Artio's decoder and calls that method, which sends it.
     */
    boolean newOrder(final GatewayCore core, final FixSessionState state, final FixOrderDecoder order)
    {
        final byte[] bytes = order.bytes();
        final long clientOrderId = FixIdReader.clientOrderId(bytes, order.clOrdIdOffset, order.clOrdIdLength);
        final int orderType = FixCodes.orderType((char)order.ordType);
        if (clientOrderId == ClientOrderIds.INVALID || !order.hasOrderQty || orderType == FixCodes.LIMIT &&
            !order.hasPrice)
        {
            return false;
        }
        final long accountId = order.accountLength < 0 ? 0 :
            FixIdReader.number(bytes, order.accountOffset, order.accountLength);
        if (order.possDupFlag && core.filledQuantity(state.session, accountId, 0, clientOrderId) >= 0)
        {
            counters.possibleDuplicatesIgnored++;
            return true;
        }
        final int side = FixCodes.side((char)order.side);
        final int timeInForce = order.timeInForce == 0 ? FixCodes.DAY : FixCodes.timeInForce((char)order.timeInForce);
        if (order.traceParentLength < 0)
        {
            trace.clear();
        }
        else
        {
            trace.parse(traceParent.wrap(order.buffer, order.traceParentOffset, order.traceParentLength),
                System.nanoTime());
        }
        state.orderSent(clientOrderId, side);
        core.newOrder(state.session, clientOrderId, accountId, ids.instrumentId(bytes, order.symbolOffset,
            order.symbolLength), side, orderType, timeInForce, order.postOnly ? 1 : 0, 0,
            order.hasPrice ? order.priceValue : 0, order.hasPrice ? -order.priceScale : 0, order.orderQtyValue,
            -order.orderQtyScale, trace);
        return true;
    }

    /**
     * An OrderCancelRequest {@link FixOrderDecoder} decoded, as {@link #newOrder(GatewayCore, FixSessionState,
     * FixOrderDecoder)}.
     */
    boolean cancel(final GatewayCore core, final FixSessionState state, final FixOrderDecoder cancel)
    {
        final byte[] bytes = cancel.bytes();
        final long requestId = FixIdReader.clientOrderId(bytes, cancel.clOrdIdOffset, cancel.clOrdIdLength);
        if (requestId == ClientOrderIds.INVALID)
        {
            return false;
        }
        final long accountId = cancel.accountLength < 0 ? 0 :
            FixIdReader.number(bytes, cancel.accountOffset, cancel.accountLength);
        final long orderId = cancel.orderIdLength < 0 ? 0 :
            FixIdReader.number(bytes, cancel.orderIdOffset, cancel.orderIdLength);
        state.requestSent(requestId, FixSessionState.CANCEL);
        core.cancel(state.session, requestId, accountId, Math.max(orderId, 0),
            FixIdReader.clientOrderId(bytes, cancel.origClOrdIdOffset, cancel.origClOrdIdLength));
        return true;
    }

    /**
     * An OrderCancelReplaceRequest {@link FixOrderDecoder} decoded, as {@link #newOrder(GatewayCore,
     * FixSessionState, FixOrderDecoder)}.
     */
    boolean replace(final GatewayCore core, final FixSessionState state, final FixOrderDecoder replace)
    {
        final byte[] bytes = replace.bytes();
        final long requestId = FixIdReader.clientOrderId(bytes, replace.clOrdIdOffset, replace.clOrdIdLength);
        if (requestId == ClientOrderIds.INVALID || !replace.hasOrderQty || !replace.hasPrice)
        {
            return false;
        }
        final long accountId = replace.accountLength < 0 ? 0 :
            FixIdReader.number(bytes, replace.accountOffset, replace.accountLength);
        final long orderId = Math.max(replace.orderIdLength < 0 ? 0 :
            FixIdReader.number(bytes, replace.orderIdOffset, replace.orderIdLength), 0);
        replace(core, state, requestId, accountId, orderId,
            FixIdReader.clientOrderId(bytes, replace.origClOrdIdOffset, replace.origClOrdIdLength),
            ids.instrumentId(bytes, replace.symbolOffset, replace.symbolLength), replace.priceValue,
            -replace.priceScale, replace.orderQtyValue, -replace.orderQtyScale);
        return true;
    }

    private void replace(
        final GatewayCore core, final FixSessionState state, final long requestId, final long accountId,
        final long orderId, final long clientOrderId, final int instrumentId, final long priceMantissa,
        final int priceExponent, final long quantity, final int exponent)
    {
        long quantityMantissa = quantity;
        int quantityExponent = exponent;
        final long filled = core.filledQuantity(state.session, accountId, orderId, clientOrderId);
        final InstrumentSpec instrument = instruments.byId(instrumentId);
        if (filled >= 0 && instrument != null)
        {
            final long total = Decimals.toUnits(quantityMantissa, quantityExponent, instrument.quantityScale());
            if (total != Decimals.PRECISION_LOSS && total != Decimals.OUT_OF_RANGE)
            {
                quantityMantissa = total - filled;
                quantityExponent = -instrument.quantityScale();
            }
        }
        state.requestSent(requestId, FixSessionState.REPLACE);
        core.replace(state.session, requestId, accountId, orderId, clientOrderId, priceMantissa, priceExponent,
            quantityMantissa, quantityExponent);
    }

    /**
     * OrderMassCancelRequest(q): MassCancelRequestType(530) 1 cancels the account's orders in the Symbol(55), 7
     * all of them; Account(1) (the venue's extension of q) names the account, else the user's first. The answer is
     * the cancelled orders' ExecutionReports and then an OrderMassCancelReport(r); what the FIX edge cannot express
     * as a core call (another type, a Side, an unknown or missing symbol) is refused at once with an r.
     */
    Encoder massCancel(
        final GatewayCore core, final FixSessionState state, final OrderMassCancelRequestDecoder request,
        final HeaderDecoder header)
    {
        final char[] clOrdId = request.clOrdID();
        final int clOrdIdLength = request.clOrdIDLength();
        final long requestId = ids.clientOrderId(clOrdId, clOrdIdLength);
        if (requestId == ClientOrderIds.INVALID)
        {
            return businessReject(header, clOrdId, clOrdIdLength, BAD_CL_ORD_ID, BusinessRejectReason.OTHER);
        }
        final char type = request.massCancelRequestType();
        if (type != CANCEL_FOR_SECURITY && type != CANCEL_ALL)
        {
            return massCancelRefused(clOrdId, clOrdIdLength, type, MassCancelRejectReason.MASS_CANCEL_NOT_SUPPORTED,
                UNSUPPORTED_MASS_CANCEL_TYPE);
        }
        if (request.hasSide())
        {
            return massCancelRefused(clOrdId, clOrdIdLength, type, null, MASS_CANCEL_SIDE);
        }
        int instrumentId = 0;
        if (type == CANCEL_FOR_SECURITY)
        {
            if (request.symbolLength() == 0)
            {
                return massCancelRefused(clOrdId, clOrdIdLength, type,
                    MassCancelRejectReason.INVALID_OR_UNKNOWN_SECURITY, MASS_CANCEL_NO_SYMBOL);
            }
            instrumentId = ids.instrumentId(request.symbol(), request.symbolLength());
            if (instrumentId == 0)
            {
                return massCancelRefused(clOrdId, clOrdIdLength, type,
                    MassCancelRejectReason.INVALID_OR_UNKNOWN_SECURITY, UNKNOWN_INSTRUMENT);
            }
        }
        final long named = request.hasAccount() ? FixIdReader.number(request.account(), request.accountLength()) : 0;
        state.requestSent(requestId,
            type == CANCEL_FOR_SECURITY ? FixSessionState.MASS_CANCEL_SECURITY : FixSessionState.MASS_CANCEL_ALL);
        core.massCancel(state.session, requestId, named == 0 ? state.session.user().account(0) : named,
            instrumentId);
        return null;
    }

    /**
     * OrderStatusRequest(H): names the order by OrderID(37) when numeric, else by ClOrdID(11); the answer is an
     * ExecutionReport with ExecType(150) I, echoing OrdStatusReqID(790) when given.
     */
    Encoder status(
        final GatewayCore core, final FixSessionState state, final OrderStatusRequestDecoder request,
        final HeaderDecoder header)
    {
        final long clientOrderId = ids.clientOrderId(request.clOrdID(), request.clOrdIDLength());
        if (clientOrderId == ClientOrderIds.INVALID)
        {
            return businessReject(header, request.clOrdID(), request.clOrdIDLength(), BAD_CL_ORD_ID,
                BusinessRejectReason.OTHER);
        }
        final boolean echo = request.hasOrdStatusReqID();
        final long requestId = echo ?
            ids.clientOrderId(request.ordStatusReqID(), request.ordStatusReqIDLength()) : clientOrderId;
        if (requestId == ClientOrderIds.INVALID)
        {
            return businessReject(header, request.ordStatusReqID(), request.ordStatusReqIDLength(),
                BAD_STATUS_REQUEST_ID, BusinessRejectReason.OTHER);
        }
        final long accountId = request.hasAccount() ?
            FixIdReader.number(request.account(), request.accountLength()) : 0;
        final long orderId = request.hasOrderID() ? FixIdReader.number(request.orderID(), request.orderIDLength()) : 0;
        state.statusRequested(requestId, FixCodes.side(request.side()),
            ids.instrumentId(request.symbol(), request.symbolLength()), echo);
        core.orderStatus(state.session, requestId, accountId, Math.max(orderId, 0), clientOrderId);
        return null;
    }

    private TraceContext trace(final NewOrderSingleDecoder order)
    {
        if (order.hasTraceParent())
        {
            trace.parse(order.traceParent(traceParent), System.nanoTime());
        }
        else
        {
            trace.clear();
        }
        return trace;
    }

    private Encoder massCancelRefused(
        final char[] clOrdId, final int length, final char type, final MassCancelRejectReason reason,
        final byte[] text)
    {
        counters.massCancelsRefused++;
        return massCancels.refused(clOrdId, length, type, reason, text);
    }

    private boolean possibleDuplicate(
        final GatewayCore core, final FixSessionState state, final HeaderDecoder header, final long accountId,
        final long clientOrderId)
    {
        if (header.hasPossDupFlag() && header.possDupFlag() &&
            core.filledQuantity(state.session, accountId, 0, clientOrderId) >= 0)
        {
            counters.possibleDuplicatesIgnored++;
            return true;
        }
        return false;
    }

    private Encoder businessReject(
        final HeaderDecoder header, final char[] refId, final int refIdLength, final byte[] text,
        final BusinessRejectReason reason)
    {
        counters.businessRejects++;
        businessReject.reset();
        businessReject.refSeqNum(header.msgSeqNum())
            .refMsgType(header.msgType(), header.msgTypeLength())
            .businessRejectRefID(refId, refIdLength)
            .businessRejectReason(reason)
            .text(text, text.length);
        return businessReject;
    }

    private static boolean contains(final char[] text, final int length, final char wanted)
    {
        for (int i = 0; i < length; i++)
        {
            if (text[i] == wanted)
            {
                return true;
            }
        }
        return false;
    }
}
