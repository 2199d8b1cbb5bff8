package io.disruptorx.node.feed;

import java.util.Map;
import java.util.TreeMap;

import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.Side;

/**
 * An engine listener that keeps its own book straight from the engine's market data calls (no SBE, no
 * feed) in plain maps, and forwards every market data call to the feed's encoder.
 */
final class ReferenceBook extends EngineListenerAdapter
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
}
