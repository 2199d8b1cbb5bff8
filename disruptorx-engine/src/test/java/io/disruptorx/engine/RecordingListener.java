package io.disruptorx.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every engine call as an {@link EngineEvent}, with its timestamp and feed sequence beside it, and checks
 * on the way that feed sequences are consecutive.
 */
public final class RecordingListener implements EngineListener
{
    private final List<EngineEvent> events = new ArrayList<>();
    private final List<Long> timestamps = new ArrayList<>();
    private final List<Long> feedSequences = new ArrayList<>();
    private final List<String> sequenceErrors = new ArrayList<>();
    private long nextFeedSequence;
    private int mark;

    /**
     * A recorder for a fresh engine: the first feed sequence must be 1.
     */
    public RecordingListener()
    {
        this(1);
    }

    /**
     * @param firstFeedSequence feed sequence the first market data event must carry (a restored engine goes on
     *                          from its snapshot's counter).
     */
    public RecordingListener(final long firstFeedSequence)
    {
        this.nextFeedSequence = firstFeedSequence;
    }

    /**
     * @return every event so far.
     */
    public List<EngineEvent> events()
    {
        return events;
    }

    /**
     * @return timestamps, one per event.
     */
    public List<Long> timestamps()
    {
        return timestamps;
    }

    /**
     * @return feed sequences, one per event (0 for execution events).
     */
    public List<Long> feedSequences()
    {
        return feedSequences;
    }

    /**
     * @return descriptions of feed sequences that were not the next one; empty when all were consecutive.
     */
    public List<String> sequenceErrors()
    {
        return sequenceErrors;
    }

    /**
     * @return the feed sequence the next market data event must carry.
     */
    public long nextFeedSequence()
    {
        return nextFeedSequence;
    }

    /**
     * @return the events since the previous drain.
     */
    public Events drain()
    {
        final int from = mark;
        mark = events.size();
        return new Events(
            List.copyOf(events.subList(from, mark)),
            List.copyOf(timestamps.subList(from, mark)),
            List.copyOf(feedSequences.subList(from, mark)));
    }

    /**
     * Forgets everything recorded so far (the feed sequence check goes on).
     */
    public void clear()
    {
        events.clear();
        timestamps.clear();
        feedSequences.clear();
        mark = 0;
    }

    private void execution(final long timestamp, final EngineEvent event)
    {
        events.add(event);
        timestamps.add(timestamp);
        feedSequences.add(0L);
    }

    private void marketData(final long feedSequence, final long timestamp, final EngineEvent event)
    {
        if (feedSequence != nextFeedSequence)
        {
            sequenceErrors.add("expected feed sequence " + nextFeedSequence + " but was " + feedSequence +
                " on " + event + " (event #" + events.size() + ")");
        }
        nextFeedSequence = feedSequence + 1;
        events.add(event);
        timestamps.add(timestamp);
        feedSequences.add(feedSequence);
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
        execution(timestamp, new EngineEvent.Accepted(
            orderId, clientOrderId, accountId, instrumentId, side, type, timeInForce, price, quantity));
    }

    @Override
    public void onOrderRejected(
        final long timestamp,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final RejectReason reason)
    {
        execution(timestamp, new EngineEvent.Rejected(clientOrderId, accountId, instrumentId, reason));
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
        execution(timestamp, new EngineEvent.Trade(
            tradeId,
            instrumentId,
            price,
            quantity,
            takerSide,
            new EngineEvent.Fill(makerOrderId, makerAccountId, makerRemaining, makerFee),
            new EngineEvent.Fill(takerOrderId, takerAccountId, takerRemaining, takerFee)));
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
        execution(timestamp, new EngineEvent.Cancelled(
            orderId, clientOrderId, requestId, accountId, instrumentId, cancelledQuantity, reason));
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
        execution(timestamp, new EngineEvent.Replaced(
            orderId, requestId, accountId, instrumentId, price, quantity, priorityKept));
    }

    @Override
    public void onCancelRejected(
        final long timestamp, final long orderId, final long requestId, final long accountId, final RejectReason reason)
    {
        execution(timestamp, new EngineEvent.CancelRejected(orderId, requestId, accountId, reason));
    }

    @Override
    public void onAdminResult(
        final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
    {
        execution(timestamp, new EngineEvent.AdminResult(type, subjectId, result));
    }

    @Override
    public void onSnapshotRequested(final long timestamp, final long snapshotId)
    {
        execution(timestamp, new EngineEvent.SnapshotRequested(snapshotId));
    }

    @Override
    public void onInstrumentStatus(final long timestamp, final int instrumentId, final InstrumentState state)
    {
        execution(timestamp, new EngineEvent.InstrumentStatus(instrumentId, state));
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
        marketData(feedSequence, timestamp, new EngineEvent.BookAdd(instrumentId, orderId, side, price, quantity));
    }

    @Override
    public void onBookOrderModified(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId, final long quantity)
    {
        marketData(feedSequence, timestamp, new EngineEvent.BookModify(instrumentId, orderId, quantity));
    }

    @Override
    public void onBookOrderDeleted(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId)
    {
        marketData(feedSequence, timestamp, new EngineEvent.BookDelete(instrumentId, orderId));
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
        marketData(feedSequence, timestamp, new EngineEvent.MarketTrade(instrumentId, tradeId, price, quantity,
            aggressorSide));
    }

    @Override
    public void onMarketStatus(
        final long feedSequence, final long timestamp, final int instrumentId, final InstrumentState state)
    {
        marketData(feedSequence, timestamp, new EngineEvent.MarketStatus(instrumentId, state));
    }

    /**
     * The events one command caused.
     *
     * @param all           every event, in the order the engine emitted them.
     * @param timestamps    timestamp of each event.
     * @param feedSequences feed sequence of each event (0 for execution events).
     */
    public record Events(List<EngineEvent> all, List<Long> timestamps, List<Long> feedSequences)
    {
        /**
         * @return the execution events, in order.
         */
        public List<EngineEvent> executions()
        {
            final List<EngineEvent> result = new ArrayList<>();
            for (final EngineEvent event : all)
            {
                if (event instanceof EngineEvent.Execution)
                {
                    result.add(event);
                }
            }
            return result;
        }

        /**
         * @return the market data events, in order.
         */
        public List<EngineEvent> marketData()
        {
            final List<EngineEvent> result = new ArrayList<>();
            for (final EngineEvent event : all)
            {
                if (event instanceof EngineEvent.MarketData)
                {
                    result.add(event);
                }
            }
            return result;
        }

        /**
         * @return the feed sequences of the market data events, in order.
         */
        public List<Long> marketDataSequences()
        {
            final List<Long> result = new ArrayList<>();
            for (int i = 0; i < all.size(); i++)
            {
                if (all.get(i) instanceof EngineEvent.MarketData)
                {
                    result.add(feedSequences.get(i));
                }
            }
            return result;
        }
    }
}
