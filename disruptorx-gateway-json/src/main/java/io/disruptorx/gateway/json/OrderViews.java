package io.disruptorx.gateway.json;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.protocol.sbe.orderentry.CancelReason;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * A session's orders as its reports tell them: the live ones, the last {@link #CLOSED_KEPT} that ended, and the
 * last {@link #TRADES_KEPT} fills. Only reports the session has received since it opened are known (the first
 * signed request of the user after the gateway started). Gateway thread only.
 */
final class OrderViews
{
    static final int CLOSED_KEPT = 1_024;
    static final int TRADES_KEPT = 1_000;

    private static final int IOC_REMAINDER = CancelReason.IOC_REMAINDER.value();
    private static final int FOK_NOT_FILLED = CancelReason.FOK_NOT_FILLED.value();
    private static final int EXPIRED = CancelReason.EXPIRED.value();

    private final InstrumentDirectory instruments;
    private final Long2ObjectHashMap<OrderView> live = new Long2ObjectHashMap<>();
    private final ArrayDeque<OrderView> closed = new ArrayDeque<>();
    private final ArrayDeque<TradeView> trades = new ArrayDeque<>();

    OrderViews(final InstrumentDirectory instruments)
    {
        this.instruments = instruments;
    }

    /**
     * @param r a report of the session.
     * @return the order it is about, updated; {@code null} when it names none this view knows.
     */
    OrderView apply(final Report r)
    {
        final long millis = r.timestamp() / 1_000_000L;
        switch (r.kind())
        {
            case ReportKind.ACCEPTED:
            {
                final OrderView order = OrderView.of(r, instruments.byId(r.instrumentId()), 0, r.quantity(), "NEW");
                live.put(order.orderId, order);
                return order;
            }
            case ReportKind.FILL:
            {
                final OrderView order = live.get(r.orderId());
                addTrade(r, order, millis);
                if (order == null)
                {
                    return null;
                }
                order.cum = r.cumQuantity();
                order.leaves = r.leavesQuantity();
                order.quoteQuantity += r.lastPrice() * r.lastQuantity();
                order.updateMillis = millis;
                order.status = order.leaves == 0 ? "FILLED" : "PARTIALLY_FILLED";
                if (order.leaves == 0)
                {
                    close(order);
                }
                return order;
            }
            case ReportKind.CANCELLED:
            {
                final OrderView order = live.get(r.orderId());
                if (order == null)
                {
                    return null;
                }
                order.leaves = 0;
                order.updateMillis = millis;
                order.status = expired(r.reason()) ? "EXPIRED" : "CANCELED";
                close(order);
                return order;
            }
            case ReportKind.REPLACED:
            {
                final OrderView order = live.get(r.orderId());
                if (order == null)
                {
                    return null;
                }
                order.price = r.price();
                order.leaves = r.leavesQuantity();
                order.originalQuantity = order.cum + order.leaves;
                order.updateMillis = millis;
                return order;
            }
            default:
                return null;
        }
    }

    OrderView find(final long accountId, final long orderId, final long clientOrderId)
    {
        if (orderId != 0)
        {
            final OrderView order = live.get(orderId);
            if (order != null)
            {
                return order.accountId == accountId ? order : null;
            }
        }
        else
        {
            for (final OrderView order : live.values())
            {
                if (order.clientOrderId == clientOrderId && order.accountId == accountId)
                {
                    return order;
                }
            }
        }
        final Iterator<OrderView> newestFirst = closed.descendingIterator();
        while (newestFirst.hasNext())
        {
            final OrderView order = newestFirst.next();
            if (order.accountId == accountId &&
                (orderId != 0 ? order.orderId == orderId : order.clientOrderId == clientOrderId))
            {
                return order;
            }
        }
        return null;
    }

    /**
     * @return the account's last fills in the instrument, oldest first, at most {@code limit}.
     */
    List<TradeView> trades(final long accountId, final int instrumentId, final int limit)
    {
        final List<TradeView> result = new ArrayList<>();
        final Iterator<TradeView> newestFirst = trades.descendingIterator();
        while (newestFirst.hasNext() && result.size() < limit)
        {
            final TradeView trade = newestFirst.next();
            if (trade.accountId() == accountId && trade.instrument().id() == instrumentId)
            {
                result.add(0, trade);
            }
        }
        return result;
    }

    /**
     * @return the fill added last.
     */
    TradeView lastTrade()
    {
        return trades.peekLast();
    }

    private void addTrade(final Report r, final OrderView order, final long millis)
    {
        if (order == null && instruments.byId(r.instrumentId()) == null)
        {
            return;
        }
        trades.addLast(new TradeView(r.tradeId(), r.orderId(), r.accountId(), instruments.byId(r.instrumentId()),
            r.side() == 0, r.liquidity() == 0, r.lastPrice(), r.lastQuantity(), r.fee(), millis));
        if (trades.size() > TRADES_KEPT)
        {
            trades.removeFirst();
        }
    }

    private void close(final OrderView order)
    {
        live.remove(order.orderId);
        closed.addLast(order);
        if (closed.size() > CLOSED_KEPT)
        {
            closed.removeFirst();
        }
    }

    static boolean expired(final int reason)
    {
        return reason == IOC_REMAINDER || reason == FOK_NOT_FILLED || reason == EXPIRED;
    }
}
