package io.disruptorx.gateway.fix;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.MassCancelRequestType;
import quickfix.field.OrdStatusReqID;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReplaceRequest;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderMassCancelRequest;
import quickfix.fix44.OrderStatusRequest;

/**
 * QuickFIX/J messages for the tests, and a one-line summary of what the venue sent: message type and the tags
 * that matter, decimals without trailing zeros.
 */
final class FixMessages
{
    private static final int[] SUMMARY_TAGS = {11, 41, 37, 54, 150, 39, 44, 38, 32, 31, 151, 14, 6, 103, 102, 434, 58,
        380, 371, 373, 790, 530, 531, 532, 533};
    private static final Set<Integer> DECIMALS = Set.of(44, 38, 32, 31, 151, 14, 6);

    private FixMessages()
    {
    }

    static NewOrderSingle limit(
        final String clOrdId, final String symbol, final char side, final String price, final String quantity)
    {
        final NewOrderSingle order = new NewOrderSingle(new ClOrdID(clOrdId), new Side(side), now(),
            new OrdType(OrdType.LIMIT));
        order.set(new Symbol(symbol));
        order.set(new Price(Double.parseDouble(price)));
        order.set(new OrderQty(Double.parseDouble(quantity)));
        order.set(new TimeInForce(TimeInForce.GOOD_TILL_CANCEL));
        return order;
    }

    static OrderCancelRequest cancel(final String clOrdId, final String origClOrdId, final char side)
    {
        final OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID(origClOrdId), new ClOrdID(clOrdId),
            new Side(side), now());
        cancel.set(new Symbol("BTC-USD"));
        return cancel;
    }

    static OrderCancelReplaceRequest replace(
        final String clOrdId, final String origClOrdId, final char side, final String price, final String quantity)
    {
        final OrderCancelReplaceRequest replace = new OrderCancelReplaceRequest(new OrigClOrdID(origClOrdId),
            new ClOrdID(clOrdId), new Side(side), now(), new OrdType(OrdType.LIMIT));
        replace.set(new Symbol("BTC-USD"));
        replace.set(new Price(Double.parseDouble(price)));
        replace.set(new OrderQty(Double.parseDouble(quantity)));
        return replace;
    }

    /**
     * @param symbol  Symbol(55), or {@code null} for none.
     * @param account Account(1), the venue's extension of q, or {@code null} for none (the user's first account).
     */
    static OrderMassCancelRequest massCancel(
        final String clOrdId, final char type, final String symbol, final String account)
    {
        final OrderMassCancelRequest request = new OrderMassCancelRequest(new ClOrdID(clOrdId),
            new MassCancelRequestType(type), now());
        if (symbol != null)
        {
            request.set(new Symbol(symbol));
        }
        if (account != null)
        {
            request.setString(1, account);
        }
        return request;
    }

    /**
     * @param statusRequestId OrdStatusReqID(790), or {@code null} for none.
     */
    static OrderStatusRequest status(
        final String clOrdId, final char side, final String symbol, final String statusRequestId)
    {
        final OrderStatusRequest request = new OrderStatusRequest(new ClOrdID(clOrdId), new Side(side));
        request.set(new Symbol(symbol));
        if (statusRequestId != null)
        {
            request.set(new OrdStatusReqID(statusRequestId));
        }
        return request;
    }

    static String summary(final Message message)
    {
        try
        {
            final StringBuilder text = new StringBuilder(message.getHeader().getString(35));
            if (message.getHeader().isSetField(43) && message.getHeader().getBoolean(43))
            {
                text.append(" PossDup");
            }
            for (final int tag : SUMMARY_TAGS)
            {
                if (message.isSetField(tag))
                {
                    final String value = message.getString(tag);
                    text.append(' ').append(tag).append('=')
                        .append(DECIMALS.contains(tag) ? new BigDecimal(value).stripTrailingZeros().toPlainString() :
                            value);
                }
            }
            return text.toString();
        }
        catch (final FieldNotFound ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static TransactTime now()
    {
        return new TransactTime(LocalDateTime.now(ZoneOffset.UTC));
    }
}
