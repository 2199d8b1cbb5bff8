package io.disruptorx.systemtest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.DispatchRejectHandler;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.journal.JournalReader;

/**
 * What the journal says happened, replayed from its first record into a fresh engine: each accepted order, each
 * reject, each trade, each cancel, and the orders still resting at its end.
 */
final class GatewayJournalTruth
{
    record Accepted(long clientOrderId, long account, long price, long quantity)
    {
    }

    record Trade(long price, long quantity, long makerOrderId, long makerRemaining, long makerFee, long takerOrderId,
        long takerRemaining, long takerFee)
    {
    }

    record Cancelled(long quantity, int reason)
    {
    }

    final Map<Long, Accepted> accepted = new HashMap<>();
    final Map<String, Integer> rejected = new HashMap<>();
    final Map<Long, Trade> trades = new HashMap<>();
    final Map<Long, Cancelled> cancelled = new HashMap<>();
    final Set<Long> resting = new LinkedHashSet<>();
    final long malformed;

    private GatewayJournalTruth(final Path journal)
    {
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), new Recorder());
        final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine, DispatchRejectHandler.IGNORE);
        JournalReader.read(journal, (sequence, buffer, offset, length) -> dispatcher.dispatch(buffer, offset, length));
        malformed = dispatcher.totalRejectCount();
    }

    static GatewayJournalTruth replay(final Path journal)
    {
        return new GatewayJournalTruth(journal);
    }

    private final class Recorder extends EngineListenerAdapter
    {
        @Override
        public void onOrderAccepted(
            final long timestamp, final long orderId, final long clientOrderId, final long accountId,
            final int instrumentId, final Side side, final OrderType type, final TimeInForce timeInForce,
            final long price, final long quantity)
        {
            accepted.put(orderId, new Accepted(clientOrderId, accountId, price, quantity));
            resting.add(orderId);
        }

        @Override
        public void onOrderRejected(
            final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
            final RejectReason reason)
        {
            rejected.put(accountId + "/" + clientOrderId, reason.code());
        }

        @Override
        public void onTrade(
            final long timestamp, final long tradeId, final int instrumentId, final long price, final long quantity,
            final Side takerSide, final long makerOrderId, final long makerAccountId, final long makerRemaining,
            final long makerFee, final long takerOrderId, final long takerAccountId, final long takerRemaining,
            final long takerFee)
        {
            trades.put(tradeId, new Trade(price, quantity, makerOrderId, makerRemaining, makerFee, takerOrderId,
                takerRemaining, takerFee));
            if (makerRemaining == 0)
            {
                resting.remove(makerOrderId);
            }
            if (takerRemaining == 0)
            {
                resting.remove(takerOrderId);
            }
        }

        @Override
        public void onOrderCancelled(
            final long timestamp, final long orderId, final long clientOrderId, final long requestId,
            final long accountId, final int instrumentId, final long cancelledQuantity, final CancelReason reason)
        {
            cancelled.put(orderId, new Cancelled(cancelledQuantity, reason.code()));
            resting.remove(orderId);
        }
    }
}
