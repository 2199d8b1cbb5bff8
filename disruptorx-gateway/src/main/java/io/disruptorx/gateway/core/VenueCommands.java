package io.disruptorx.gateway.core;

import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.CancelOrderEncoder;
import io.disruptorx.protocol.sbe.command.MassCancelEncoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.NewOrderEncoder;
import io.disruptorx.protocol.sbe.command.OrderType;
import io.disruptorx.protocol.sbe.command.QueryBalancesEncoder;
import io.disruptorx.protocol.sbe.command.QueryOpenOrdersEncoder;
import io.disruptorx.protocol.sbe.command.ReplaceOrderEncoder;
import io.disruptorx.protocol.sbe.command.SelfTradePrevention;
import io.disruptorx.protocol.sbe.command.Side;
import io.disruptorx.protocol.sbe.command.TimeInForce;
import io.disruptorx.protocol.venue.TraceContext;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes engine commands (commands schema) into one reusable buffer and offers them to the venue. The timestamp
 * is left 0: the host stamps its own time before sequencing. Each command carries the id of the user it is sent
 * for ({@link io.disruptorx.gateway.auth.User#id()}), so the journal says who sent every order. Enum codes must
 * have been validated. A new order's trace context, when the request carried one, goes beside the command to the
 * venue, never into it.
 */
final class VenueCommands
{
    private final VenueClient venue;
    private final GatewayCounters counters;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replaceOrder = new ReplaceOrderEncoder();
    private final MassCancelEncoder massCancel = new MassCancelEncoder();
    private final QueryBalancesEncoder queryBalances = new QueryBalancesEncoder();
    private final QueryOpenOrdersEncoder queryOpenOrders = new QueryOpenOrdersEncoder();

    VenueCommands(final VenueClient venue, final GatewayCounters counters)
    {
        this.venue = venue;
        this.counters = counters;
    }

    long newOrder(
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final int side,
        final int orderType,
        final int timeInForce,
        final boolean postOnly,
        final int selfTradePrevention,
        final long price,
        final long quantity,
        final long userId,
        final TraceContext trace)
    {
        newOrder.wrapAndApplyHeader(buffer, 0, header)
            .timestamp(0)
            .accountId(accountId)
            .clientOrderId(clientOrderId)
            .instrumentId(instrumentId)
            .side(Side.get((short)side))
            .orderType(OrderType.get((short)orderType))
            .timeInForce(TimeInForce.get((short)timeInForce))
            .postOnly(postOnly ? BooleanType.TRUE : BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.get((short)selfTradePrevention))
            .price(price)
            .quantity(quantity)
            .userId(userId);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
        final long result = trace == null ? venue.offer(buffer, 0, length) : venue.offer(buffer, 0, length, trace);
        if (result > 0)
        {
            counters.commandSent();
        }
        return result;
    }

    long cancelOrder(final long accountId, final long requestId, final long orderId, final long userId)
    {
        cancelOrder.wrapAndApplyHeader(buffer, 0, header)
            .timestamp(0)
            .accountId(accountId)
            .requestId(requestId)
            .orderId(orderId)
            .clientOrderId(0)
            .userId(userId);
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + cancelOrder.encodedLength());
    }

    long replaceOrder(
        final long accountId,
        final long requestId,
        final long orderId,
        final long newPrice,
        final long newQuantity,
        final long userId)
    {
        replaceOrder.wrapAndApplyHeader(buffer, 0, header)
            .timestamp(0)
            .accountId(accountId)
            .requestId(requestId)
            .orderId(orderId)
            .newPrice(newPrice)
            .newQuantity(newQuantity)
            .clientOrderId(0)
            .userId(userId);
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + replaceOrder.encodedLength());
    }

    long massCancel(final long accountId, final int instrumentId, final long requestId, final long userId)
    {
        massCancel.wrapAndApplyHeader(buffer, 0, header)
            .timestamp(0)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .requestId(requestId)
            .userId(userId)
            .restoredOnly(BooleanType.FALSE);
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + massCancel.encodedLength());
    }

    long queryBalances(final long accountId, final long requestId, final long userId)
    {
        queryBalances.wrapAndApplyHeader(buffer, 0, header)
            .timestamp(0)
            .accountId(accountId)
            .requestId(requestId)
            .userId(userId);
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + queryBalances.encodedLength());
    }

    long queryOpenOrders(final long accountId, final long requestId, final int instrumentId)
    {
        queryOpenOrders.wrapAndApplyHeader(buffer, 0, header)
            .timestamp(0)
            .accountId(accountId)
            .requestId(requestId)
            .instrumentId(instrumentId);
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + queryOpenOrders.encodedLength());
    }

    private long offer(final int length)
    {
        final long result = venue.offer(buffer, 0, length);
        if (result > 0)
        {
            counters.commandSent();
        }
        return result;
    }
}
