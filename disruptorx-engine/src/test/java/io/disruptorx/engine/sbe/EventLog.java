package io.disruptorx.engine.sbe;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * Records every engine event as one line of text holding the method name and every argument, so two event
 * streams compare field by field with a plain list equality.
 */
final class EventLog implements EngineListener
{
    private final List<String> events = new ArrayList<>();

    List<String> events()
    {
        return events;
    }

    void clear()
    {
        events.clear();
    }

    private void record(final String name, final Object... arguments)
    {
        final StringBuilder line = new StringBuilder(name).append('(');
        for (int i = 0; i < arguments.length; i++)
        {
            line.append(i == 0 ? "" : ", ").append(arguments[i]);
        }
        events.add(line.append(')').toString());
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
        record("onOrderAccepted", timestamp, orderId, clientOrderId, accountId, instrumentId, side, type,
            timeInForce, price, quantity);
    }

    @Override
    public void onOrderRejected(
        final long timestamp,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final RejectReason reason)
    {
        record("onOrderRejected", timestamp, clientOrderId, accountId, instrumentId, reason);
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
        record("onTrade", timestamp, tradeId, instrumentId, price, quantity, takerSide, makerOrderId,
            makerAccountId, makerRemaining, makerFee, takerOrderId, takerAccountId, takerRemaining, takerFee);
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
        record("onOrderCancelled", timestamp, orderId, clientOrderId, requestId, accountId, instrumentId,
            cancelledQuantity, reason);
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
        record("onOrderReplaced", timestamp, orderId, requestId, accountId, instrumentId, price, quantity,
            priorityKept);
    }

    @Override
    public void onCancelRejected(
        final long timestamp, final long orderId, final long requestId, final long accountId, final RejectReason reason)
    {
        record("onCancelRejected", timestamp, orderId, requestId, accountId, reason);
    }

    @Override
    public void onAdminResult(
        final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
    {
        record("onAdminResult", timestamp, type, subjectId, result);
    }

    @Override
    public void onSnapshotRequested(final long timestamp, final long snapshotId)
    {
        record("onSnapshotRequested", timestamp, snapshotId);
    }

    @Override
    public void onInstrumentStatus(final long timestamp, final int instrumentId, final InstrumentState state)
    {
        record("onInstrumentStatus", timestamp, instrumentId, state);
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
        record("onBookOrderAdded", feedSequence, timestamp, instrumentId, orderId, side, price, quantity);
    }

    @Override
    public void onBookOrderModified(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId, final long quantity)
    {
        record("onBookOrderModified", feedSequence, timestamp, instrumentId, orderId, quantity);
    }

    @Override
    public void onBookOrderDeleted(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId)
    {
        record("onBookOrderDeleted", feedSequence, timestamp, instrumentId, orderId);
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
        record("onMarketTrade", feedSequence, timestamp, instrumentId, tradeId, price, quantity, aggressorSide);
    }

    @Override
    public void onMarketStatus(
        final long feedSequence, final long timestamp, final int instrumentId, final InstrumentState state)
    {
        record("onMarketStatus", feedSequence, timestamp, instrumentId, state);
    }
}
