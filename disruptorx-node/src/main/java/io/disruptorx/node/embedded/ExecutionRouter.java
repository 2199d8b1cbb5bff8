package io.disruptorx.node.embedded;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Delivers execution events to the listener of the account they concern (a trade to both maker and taker)
 * and every event to an optional listener for all, and keeps the recent trades. Subscriptions are
 * copy-on-write: the output thread reads a map that is never changed under it.
 */
final class ExecutionRouter extends EngineListenerAdapter
{
    private final EngineListener all;
    private final RecentTrades recentTrades;
    private volatile Long2ObjectHashMap<EngineListener> byAccount = new Long2ObjectHashMap<>();

    ExecutionRouter(final EngineListener all, final RecentTrades recentTrades)
    {
        this.all = all;
        this.recentTrades = recentTrades;
    }

    synchronized void subscribe(final long accountId, final EngineListener listener)
    {
        final Long2ObjectHashMap<EngineListener> copy = new Long2ObjectHashMap<>(byAccount);
        if (listener == null)
        {
            copy.remove(accountId);
        }
        else
        {
            copy.put(accountId, listener);
        }
        byAccount = copy;
    }

    private EngineListener of(final long accountId)
    {
        return byAccount.get(accountId);
    }

    @Override
    public void onOrderAccepted(
        final long timestamp,
        final long orderId,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        final EngineListener listener = of(accountId);
        if (listener != null)
        {
            listener.onOrderAccepted(timestamp, orderId, clientOrderId, accountId, instrumentId, side, type,
                timeInForce, price, quantity);
        }
        if (all != null)
        {
            all.onOrderAccepted(timestamp, orderId, clientOrderId, accountId, instrumentId, side, type, timeInForce,
                price, quantity);
        }
    }

    @Override
    public void onOrderRejected(
        final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
        final RejectReason reason)
    {
        final EngineListener listener = of(accountId);
        if (listener != null)
        {
            listener.onOrderRejected(timestamp, clientOrderId, accountId, instrumentId, reason);
        }
        if (all != null)
        {
            all.onOrderRejected(timestamp, clientOrderId, accountId, instrumentId, reason);
        }
    }

    @Override
    public void onTrade(
        final long timestamp,
        final long tradeId,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side takerSide,
        final long makerOrderId,
        final long makerAccountId,
        final long makerRemaining,
        final long makerFee,
        final long takerOrderId,
        final long takerAccountId,
        final long takerRemaining,
        final long takerFee)
    {
        recentTrades.add(tradeId, timestamp, instrumentId, price, quantity, takerSide);
        final EngineListener maker = of(makerAccountId);
        if (maker != null)
        {
            maker.onTrade(timestamp, tradeId, instrumentId, price, quantity, takerSide, makerOrderId, makerAccountId,
                makerRemaining, makerFee, takerOrderId, takerAccountId, takerRemaining, takerFee);
        }
        final EngineListener taker = takerAccountId == makerAccountId ? null : of(takerAccountId);
        if (taker != null)
        {
            taker.onTrade(timestamp, tradeId, instrumentId, price, quantity, takerSide, makerOrderId, makerAccountId,
                makerRemaining, makerFee, takerOrderId, takerAccountId, takerRemaining, takerFee);
        }
        if (all != null)
        {
            all.onTrade(timestamp, tradeId, instrumentId, price, quantity, takerSide, makerOrderId, makerAccountId,
                makerRemaining, makerFee, takerOrderId, takerAccountId, takerRemaining, takerFee);
        }
    }

    @Override
    public void onOrderCancelled(
        final long timestamp,
        final long orderId,
        final long clientOrderId,
        final long requestId,
        final long accountId,
        final int instrumentId,
        final long cancelledQuantity,
        final CancelReason reason)
    {
        final EngineListener listener = of(accountId);
        if (listener != null)
        {
            listener.onOrderCancelled(timestamp, orderId, clientOrderId, requestId, accountId, instrumentId,
                cancelledQuantity, reason);
        }
        if (all != null)
        {
            all.onOrderCancelled(timestamp, orderId, clientOrderId, requestId, accountId, instrumentId,
                cancelledQuantity, reason);
        }
    }

    @Override
    public void onOrderReplaced(
        final long timestamp,
        final long orderId,
        final long requestId,
        final long accountId,
        final int instrumentId,
        final long price,
        final long quantity,
        final boolean priorityKept)
    {
        final EngineListener listener = of(accountId);
        if (listener != null)
        {
            listener.onOrderReplaced(timestamp, orderId, requestId, accountId, instrumentId, price, quantity,
                priorityKept);
        }
        if (all != null)
        {
            all.onOrderReplaced(timestamp, orderId, requestId, accountId, instrumentId, price, quantity, priorityKept);
        }
    }

    @Override
    public void onCancelRejected(
        final long timestamp, final long orderId, final long requestId, final long accountId, final RejectReason reason)
    {
        final EngineListener listener = of(accountId);
        if (listener != null)
        {
            listener.onCancelRejected(timestamp, orderId, requestId, accountId, reason);
        }
        if (all != null)
        {
            all.onCancelRejected(timestamp, orderId, requestId, accountId, reason);
        }
    }

    @Override
    public void onAdminResult(
        final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
    {
        if (all != null)
        {
            all.onAdminResult(timestamp, type, subjectId, result);
        }
    }

    @Override
    public void onSnapshotRequested(final long timestamp, final long snapshotId)
    {
        if (all != null)
        {
            all.onSnapshotRequested(timestamp, snapshotId);
        }
    }

    @Override
    public void onInstrumentStatus(final long timestamp, final int instrumentId, final InstrumentState state)
    {
        if (all != null)
        {
            all.onInstrumentStatus(timestamp, instrumentId, state);
        }
    }
}
