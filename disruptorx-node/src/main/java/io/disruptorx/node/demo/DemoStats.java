package io.disruptorx.node.demo;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * Counts what the demo's engine says and remembers the orders that rested most recently, so the simulated
 * traders can cancel and replace them.
 */
final class DemoStats implements EngineListener
{
    static final int RECENT = 4096;

    final long[] recentOrderIds = new long[RECENT];
    final long[] recentOrderAccounts = new long[RECENT];
    long recentCount;
    private long lastAcceptedOrderId;
    private long lastAcceptedAccountId;
    long accepted;
    long rejected;
    long trades;
    long tradedQuantity;
    long cancelled;
    long replaced;
    long cancelRejected;
    long adminRejected;

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
        accepted++;
        lastAcceptedOrderId = orderId;
        lastAcceptedAccountId = accountId;
    }

    @Override
    public void onOrderRejected(
        final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
        final RejectReason reason)
    {
        rejected++;
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
        trades++;
        tradedQuantity += quantity;
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
        cancelled++;
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
        replaced++;
    }

    @Override
    public void onCancelRejected(
        final long timestamp, final long orderId, final long requestId, final long accountId, final RejectReason reason)
    {
        cancelRejected++;
    }

    @Override
    public void onAdminResult(
        final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
    {
        if (result != RejectReason.NONE)
        {
            adminRejected++;
        }
    }

    @Override
    public void onSnapshotRequested(final long timestamp, final long snapshotId)
    {
    }

    @Override
    public void onInstrumentStatus(final long timestamp, final int instrumentId, final InstrumentState state)
    {
    }

    @Override
    public void onBookOrderAdded(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long orderId,
        final Side side,
        final long price,
        final long quantity)
    {
        if (orderId == lastAcceptedOrderId)
        {
            final int slot = (int)(recentCount++ % RECENT);
            recentOrderIds[slot] = orderId;
            recentOrderAccounts[slot] = lastAcceptedAccountId;
        }
    }

    @Override
    public void onBookOrderModified(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId, final long quantity)
    {
    }

    @Override
    public void onBookOrderDeleted(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId)
    {
    }

    @Override
    public void onMarketTrade(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long tradeId,
        final long price,
        final long quantity,
        final Side aggressorSide)
    {
    }

    @Override
    public void onMarketStatus(
        final long feedSequence, final long timestamp, final int instrumentId, final InstrumentState state)
    {
    }
}
