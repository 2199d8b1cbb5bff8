package io.disruptorx.node.demo;

import java.util.concurrent.atomic.AtomicLongArray;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * Counts what the demo's node reports (on the node's output thread) and remembers the most recent orders that
 * may rest, so the simulated traders (another thread) can cancel and replace them; some have filled meanwhile,
 * and their cancels are refused, as on a real venue.
 */
final class DemoStats extends EngineListenerAdapter
{
    static final int RECENT = 4096;

    final AtomicLongArray recentOrderIds = new AtomicLongArray(RECENT);
    final AtomicLongArray recentOrderAccounts = new AtomicLongArray(RECENT);
    volatile long recentCount;
    final AtomicLongArray rejectsByReason = new AtomicLongArray(RejectReason.values().length);
    volatile long accepted;
    volatile long rejected;
    volatile long trades;
    volatile long tradedQuantity;
    volatile long cancelled;
    volatile long replaced;
    volatile long cancelRejected;
    volatile long adminRejected;

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
        accepted = accepted + 1;
        if (timeInForce == TimeInForce.GTC || timeInForce == TimeInForce.DAY)
        {
            final int slot = (int)(recentCount % RECENT);
            recentOrderIds.lazySet(slot, orderId);
            recentOrderAccounts.lazySet(slot, accountId);
            recentCount = recentCount + 1;
        }
    }

    @Override
    public void onOrderRejected(
        final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
        final RejectReason reason)
    {
        rejected = rejected + 1;
        rejectsByReason.incrementAndGet(reason.code());
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
        trades = trades + 1;
        tradedQuantity = tradedQuantity + quantity;
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
        cancelled = cancelled + 1;
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
        replaced = replaced + 1;
    }

    @Override
    public void onCancelRejected(
        final long timestamp, final long orderId, final long requestId, final long accountId, final RejectReason reason)
    {
        cancelRejected = cancelRejected + 1;
    }

    @Override
    public void onAdminResult(
        final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
    {
        if (result != RejectReason.NONE)
        {
            adminRejected = adminRejected + 1;
        }
    }
}
