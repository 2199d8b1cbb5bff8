package io.disruptorx.gateway.client;

import java.net.InetSocketAddress;

import io.disruptorx.protocol.sbe.orderentry.BooleanType;
import io.disruptorx.protocol.sbe.orderentry.CancelAfterEncoder;
import io.disruptorx.protocol.sbe.orderentry.CancelOrderEncoder;
import io.disruptorx.protocol.sbe.orderentry.MassCancelEncoder;
import io.disruptorx.protocol.sbe.orderentry.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.orderentry.NewOrderEncoder;
import io.disruptorx.protocol.sbe.orderentry.OrderStatusRequestEncoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.ReplaceOrderEncoder;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A client of the native dialect: encodes requests as order-entry SBE messages over a {@link SoupBinTcpClient};
 * reports arrive through {@link #poll} as raw messages ({@link NativeReports} reads them). Requests are queued
 * and written on {@link #poll} or {@link #flush}. Nothing allocates per request.
 */
public final class NativeClient implements AutoCloseable
{
    private final SoupBinTcpClient transport;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replaceOrder = new ReplaceOrderEncoder();
    private final MassCancelEncoder massCancel = new MassCancelEncoder();
    private final CancelAfterEncoder cancelAfter = new CancelAfterEncoder();
    private final OrderStatusRequestEncoder status = new OrderStatusRequestEncoder();

    private NativeClient(final SoupBinTcpClient transport)
    {
        this.transport = transport;
    }

    /**
     * @param address gateway's native port.
     * @return a connected client, not yet logged in.
     */
    public static NativeClient connect(final InetSocketAddress address)
    {
        return new NativeClient(SoupBinTcpClient.connect(address));
    }

    /**
     * @param transport a connected transport (e.g. {@link SoupBinTcpClient#over} a TLS channel).
     * @return a client on it, not yet logged in.
     */
    public static NativeClient over(final SoupBinTcpClient transport)
    {
        return new NativeClient(transport);
    }

    /**
     * @return the transport (login, logout, sequence numbers).
     */
    public SoupBinTcpClient transport()
    {
        return transport;
    }

    /**
     * Queues a NewOrder.
     */
    public void newOrder(
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention,
        final long priceMantissa,
        final int priceExponent,
        final long quantityMantissa,
        final int quantityExponent)
    {
        newOrder(clientOrderId, accountId, instrumentId, side, orderType, timeInForce, postOnly, selfTradePrevention,
            priceMantissa, priceExponent, quantityMantissa, quantityExponent, 0, 0, 0, 0);
    }

    /**
     * Queues a NewOrder carrying a W3C trace context (trace id as two longs, the client's span id and the trace
     * flags; all 0 for none), which the gateway hands to the venue for its spans.
     */
    public void newOrder(
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention,
        final long priceMantissa,
        final int priceExponent,
        final long quantityMantissa,
        final int quantityExponent,
        final long traceIdHigh,
        final long traceIdLow,
        final long parentSpanId,
        final int traceFlags)
    {
        newOrder.wrapAndApplyHeader(buffer, 0, header)
            .clientOrderId(clientOrderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .side(side)
            .orderType(orderType)
            .timeInForce(timeInForce)
            .postOnly(postOnly ? BooleanType.TRUE : BooleanType.FALSE)
            .selfTradePrevention(selfTradePrevention);
        newOrder.price().mantissa(priceMantissa).exponent((byte)priceExponent);
        newOrder.quantity().mantissa(quantityMantissa).exponent((byte)quantityExponent);
        newOrder.traceIdHigh(traceIdHigh).traceIdLow(traceIdLow).parentSpanId(parentSpanId)
            .traceFlags((short)traceFlags);
        transport.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength());
    }

    /**
     * Queues a CancelOrder naming the order by venue id, or by client order id when {@code orderId} is 0.
     */
    public void cancel(final long requestId, final long accountId, final long orderId, final long clientOrderId)
    {
        cancelOrder.wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId).accountId(accountId).orderId(orderId).clientOrderId(clientOrderId);
        transport.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancelOrder.encodedLength());
    }

    /**
     * Queues a ReplaceOrder: new price and new open quantity.
     */
    public void replace(
        final long requestId,
        final long accountId,
        final long orderId,
        final long clientOrderId,
        final long priceMantissa,
        final int priceExponent,
        final long quantityMantissa,
        final int quantityExponent)
    {
        replaceOrder.wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId).accountId(accountId).orderId(orderId).clientOrderId(clientOrderId);
        replaceOrder.newPrice().mantissa(priceMantissa).exponent((byte)priceExponent);
        replaceOrder.newQuantity().mantissa(quantityMantissa).exponent((byte)quantityExponent);
        transport.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + replaceOrder.encodedLength());
    }

    /**
     * Queues a MassCancel (account 0: all of the user's; instrument 0: all).
     */
    public void massCancel(final long requestId, final long accountId, final int instrumentId)
    {
        massCancel.wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId).accountId(accountId).instrumentId(instrumentId);
        transport.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + massCancel.encodedLength());
    }

    /**
     * Queues a CancelAfter: arms or refreshes the dead-man switch, 0 disarms it.
     */
    public void cancelAfter(final long requestId, final long timeoutMillis)
    {
        cancelAfter.wrapAndApplyHeader(buffer, 0, header).requestId(requestId).timeoutMillis(timeoutMillis);
        transport.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancelAfter.encodedLength());
    }

    /**
     * Queues an OrderStatusRequest.
     */
    public void status(final long requestId, final long accountId, final long orderId, final long clientOrderId)
    {
        status.wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId).accountId(accountId).orderId(orderId).clientOrderId(clientOrderId);
        transport.send(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + status.encodedLength());
    }

    /**
     * Writes queued requests and delivers arrived reports.
     *
     * @param listener receives each report (a native order-entry message).
     * @return packets received.
     */
    public int poll(final SoupBinTcpClientListener listener)
    {
        return transport.poll(listener);
    }

    /**
     * Writes every queued request.
     */
    public void flush()
    {
        transport.flushFully();
    }

    @Override
    public void close()
    {
        transport.close();
    }
}
