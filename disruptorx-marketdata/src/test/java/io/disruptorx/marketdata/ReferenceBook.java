package io.disruptorx.marketdata;

import java.util.Map;
import java.util.TreeMap;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * An engine listener that keeps its own book straight from the engine's market data calls (no SBE, no
 * feed) in plain maps, and forwards every market data call to the feed adapter.
 */
final class ReferenceBook implements EngineListener
{
    /** Order id to {instrument, side, price, quantity}. */
    final Map<Long, long[]> orders = new TreeMap<>();
    private final EngineListener feed;
    long lastSequence;

    ReferenceBook(final EngineListener feed)
    {
        this.feed = feed;
    }

    /**
     * @return instrument -> side -> price -> total quantity.
     */
    Map<Integer, Map<Integer, Map<Long, Long>>> levels()
    {
        final Map<Integer, Map<Integer, Map<Long, Long>>> levels = new TreeMap<>();
        for (final long[] order : orders.values())
        {
            levels.computeIfAbsent((int)order[0], (k) -> new TreeMap<>())
                .computeIfAbsent((int)order[1], (k) -> new TreeMap<>())
                .merge(order[2], order[3], Long::sum);
        }
        return levels;
    }

    private void sequence(final long feedSequence)
    {
        if (feedSequence != lastSequence + 1)
        {
            throw new AssertionError("engine feed sequence " + feedSequence + " after " + lastSequence);
        }
        lastSequence = feedSequence;
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
        sequence(feedSequence);
        orders.put(orderId, new long[]{instrumentId, side.code(), price, quantity});
        feed.onBookOrderAdded(feedSequence, timestamp, instrumentId, orderId, side, price, quantity);
    }

    @Override
    public void onBookOrderModified(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId, final long quantity)
    {
        sequence(feedSequence);
        orders.get(orderId)[3] = quantity;
        feed.onBookOrderModified(feedSequence, timestamp, instrumentId, orderId, quantity);
    }

    @Override
    public void onBookOrderDeleted(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId)
    {
        sequence(feedSequence);
        orders.remove(orderId);
        feed.onBookOrderDeleted(feedSequence, timestamp, instrumentId, orderId);
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
        sequence(feedSequence);
        feed.onMarketTrade(feedSequence, timestamp, instrumentId, tradeId, price, quantity, aggressorSide);
    }

    @Override
    public void onMarketStatus(
        final long feedSequence, final long timestamp, final int instrumentId, final InstrumentState state)
    {
        sequence(feedSequence);
        feed.onMarketStatus(feedSequence, timestamp, instrumentId, state);
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
    }

    @Override
    public void onOrderRejected(
        final long timestamp,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final RejectReason reason)
    {
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
    }

    @Override
    public void onCancelRejected(
        final long timestamp, final long orderId, final long requestId, final long accountId, final RejectReason reason)
    {
    }

    @Override
    public void onAdminResult(
        final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
    {
    }

    @Override
    public void onSnapshotRequested(final long timestamp, final long snapshotId)
    {
    }

    @Override
    public void onInstrumentStatus(final long timestamp, final int instrumentId, final InstrumentState state)
    {
    }
}
