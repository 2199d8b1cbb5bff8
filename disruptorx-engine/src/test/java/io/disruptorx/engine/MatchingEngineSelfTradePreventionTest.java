package io.disruptorx.engine;

import io.disruptorx.engine.EngineEvent.Accepted;
import io.disruptorx.engine.EngineEvent.BookDelete;
import io.disruptorx.engine.EngineEvent.BookModify;
import io.disruptorx.engine.EngineEvent.Cancelled;
import io.disruptorx.engine.EngineEvent.Fill;
import io.disruptorx.engine.EngineEvent.MarketTrade;
import io.disruptorx.engine.EngineEvent.Trade;
import io.disruptorx.engine.RecordingListener.Events;
import org.junit.jupiter.api.Test;

import static io.disruptorx.engine.CancelReason.FOK_NOT_FILLED;
import static io.disruptorx.engine.CancelReason.SELF_TRADE;
import static io.disruptorx.engine.EngineFixture.INSTRUMENT;
import static io.disruptorx.engine.OrderType.LIMIT;
import static io.disruptorx.engine.SelfTradePrevention.CANCEL_BOTH;
import static io.disruptorx.engine.SelfTradePrevention.CANCEL_NEWEST;
import static io.disruptorx.engine.SelfTradePrevention.CANCEL_OLDEST;
import static io.disruptorx.engine.SelfTradePrevention.NONE;
import static io.disruptorx.engine.Side.BUY;
import static io.disruptorx.engine.Side.SELL;
import static io.disruptorx.engine.TimeInForce.FOK;
import static io.disruptorx.engine.TimeInForce.GTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-trade prevention, by the incoming order's setting.
 */
class MatchingEngineSelfTradePreventionTest
{
    private final EngineFixture fx = EngineFixture.create();

    @Test
    void shouldCancelIncomingOrderWithCancelNewest()
    {
        fx.limit(1, 10, SELL, 100, 5);

        final Events events = fx.limit(1, 20, BUY, CANCEL_NEWEST, 100, 3);

        assertThat(events.executions()).containsExactly(
            new Accepted(2, 20, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 3),
            new Cancelled(2, 20, 20, 1, INSTRUMENT, 3, SELF_TRADE));
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldTradeWithOthersBeforeCancelNewestStops()
    {
        fx.limit(2, 10, SELL, 99, 2);
        fx.limit(1, 11, SELL, 100, 5);
        fx.limit(3, 12, SELL, 100, 5);

        final Events events = fx.limit(1, 20, BUY, CANCEL_NEWEST, 100, 6);

        assertThat(events.executions()).containsExactly(
            new Accepted(4, 20, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 6),
            new Trade(1, INSTRUMENT, 99, 2, BUY, new Fill(1, 2, 0, 0), new Fill(4, 1, 4, 0)),
            new Cancelled(4, 20, 20, 1, INSTRUMENT, 4, SELF_TRADE));
        assertThat(events.marketData()).containsExactly(
            new MarketTrade(INSTRUMENT, 1, 99, 2, BUY),
            new BookDelete(INSTRUMENT, 1));
    }

    @Test
    void shouldCancelRestingOrderAndKeepMatchingWithCancelOldest()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 100, 5);

        final Events events = fx.limit(1, 30, BUY, CANCEL_OLDEST, 100, 3);

        assertThat(events.executions()).containsExactly(
            new Accepted(3, 30, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 3),
            new Cancelled(1, 10, 30, 1, INSTRUMENT, 5, SELF_TRADE),
            new Trade(1, INSTRUMENT, 100, 3, BUY, new Fill(2, 2, 2, 0), new Fill(3, 1, 0, 0)));
        assertThat(events.marketData()).containsExactly(
            new BookDelete(INSTRUMENT, 1),
            new MarketTrade(INSTRUMENT, 1, 100, 3, BUY),
            new BookModify(INSTRUMENT, 2, 2));
    }

    @Test
    void shouldCancelBothOrdersWithCancelBoth()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 100, 5);

        final Events events = fx.limit(1, 30, BUY, CANCEL_BOTH, 100, 3);

        assertThat(events.executions()).containsExactly(
            new Accepted(3, 30, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 3),
            new Cancelled(1, 10, 30, 1, INSTRUMENT, 5, SELF_TRADE),
            new Cancelled(3, 30, 30, 1, INSTRUMENT, 3, SELF_TRADE));
        assertThat(events.marketData()).containsExactly(new BookDelete(INSTRUMENT, 1));
    }

    @Test
    void shouldLetSameAccountTradeWithNone()
    {
        fx.limit(1, 10, SELL, 100, 5);

        final Events events = fx.limit(1, 20, BUY, NONE, 100, 5);

        assertThat(events.executions()).containsExactly(
            new Accepted(2, 20, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 5),
            new Trade(1, INSTRUMENT, 100, 5, BUY, new Fill(1, 1, 0, 0), new Fill(2, 1, 0, 0)));
    }

    @Test
    void shouldIgnoreSelfTradePreventionBetweenDifferentAccounts()
    {
        fx.limit(2, 10, SELL, 100, 5);

        final Events events = fx.limit(1, 20, BUY, CANCEL_BOTH, 100, 5);

        assertThat(events.executions()).containsExactly(
            new Accepted(2, 20, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 5),
            new Trade(1, INSTRUMENT, 100, 5, BUY, new Fill(1, 2, 0, 0), new Fill(2, 1, 0, 0)));
    }

    @Test
    void shouldCountSelfTradePreventionInFillOrKill()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 100, 5);

        // with CANCEL_NEWEST the own order at the front blocks everything behind it
        final Events events = fx.newOrder(1, 30, INSTRUMENT, BUY, LIMIT, FOK, false, CANCEL_NEWEST, 100, 5);

        assertThat(events.executions()).containsExactly(
            new Accepted(3, 30, 1, INSTRUMENT, BUY, LIMIT, FOK, 100, 5),
            new Cancelled(3, 30, 30, 1, INSTRUMENT, 5, FOK_NOT_FILLED));
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldSkipOwnOrdersWhenCountingFillOrKillWithCancelOldest()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 100, 5);

        final Events events = fx.newOrder(1, 30, INSTRUMENT, BUY, LIMIT, FOK, false, CANCEL_OLDEST, 100, 6);

        // only 5 of others' quantity is there: nothing trades and the own resting order stays
        assertThat(events.executions()).containsExactly(
            new Accepted(3, 30, 1, INSTRUMENT, BUY, LIMIT, FOK, 100, 6),
            new Cancelled(3, 30, 30, 1, INSTRUMENT, 6, FOK_NOT_FILLED));
        assertThat(events.marketData()).isEmpty();
    }
}
