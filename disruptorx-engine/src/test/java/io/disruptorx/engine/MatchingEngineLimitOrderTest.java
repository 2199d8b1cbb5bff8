package io.disruptorx.engine;

import io.disruptorx.engine.EngineEvent.Accepted;
import io.disruptorx.engine.EngineEvent.BookAdd;
import io.disruptorx.engine.EngineEvent.BookDelete;
import io.disruptorx.engine.EngineEvent.BookModify;
import io.disruptorx.engine.EngineEvent.Fill;
import io.disruptorx.engine.EngineEvent.MarketTrade;
import io.disruptorx.engine.EngineEvent.Trade;
import io.disruptorx.engine.RecordingListener.Events;
import org.junit.jupiter.api.Test;

import static io.disruptorx.engine.EngineFixture.INSTRUMENT;
import static io.disruptorx.engine.OrderType.LIMIT;
import static io.disruptorx.engine.Side.BUY;
import static io.disruptorx.engine.Side.SELL;
import static io.disruptorx.engine.TimeInForce.DAY;
import static io.disruptorx.engine.TimeInForce.GTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limit orders: resting, matching at maker prices, price-time priority.
 */
class MatchingEngineLimitOrderTest
{
    private final EngineFixture fx = EngineFixture.create();

    @Test
    void shouldRestGtcBuyOnEmptyBook()
    {
        final Events events = fx.limit(1, 10, BUY, 100, 5);

        assertThat(events.executions()).containsExactly(new Accepted(1, 10, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 5));
        assertThat(events.marketData()).containsExactly(new BookAdd(INSTRUMENT, 1, BUY, 100, 5));
    }

    @Test
    void shouldRestDaySellOnEmptyBook()
    {
        final Events events = fx.limit(2, 10, SELL, DAY, 101, 7);

        assertThat(events.executions()).containsExactly(new Accepted(1, 10, 2, INSTRUMENT, SELL, LIMIT, DAY, 101, 7));
        assertThat(events.marketData()).containsExactly(new BookAdd(INSTRUMENT, 1, SELL, 101, 7));
    }

    @Test
    void shouldAssignConsecutiveOrderIdsFromOne()
    {
        fx.limit(1, 10, BUY, 90, 1);
        fx.limit(2, 11, BUY, 91, 1);
        final Events third = fx.limit(1, 12, SELL, 120, 1);

        assertThat(third.executions()).containsExactly(new Accepted(3, 12, 1, INSTRUMENT, SELL, LIMIT, GTC, 120, 1));
    }

    @Test
    void shouldNotTradeWhenPricesDoNotCross()
    {
        fx.limit(1, 10, BUY, 99, 5);
        final Events events = fx.limit(2, 11, SELL, 100, 5);

        assertThat(events.executions()).containsExactly(new Accepted(2, 11, 2, INSTRUMENT, SELL, LIMIT, GTC, 100, 5));
        assertThat(events.marketData()).containsExactly(new BookAdd(INSTRUMENT, 2, SELL, 100, 5));
    }

    @Test
    void shouldFillFullyAtMakerPrice()
    {
        fx.limit(1, 10, SELL, 100, 5);
        final Events events = fx.limit(2, 20, BUY, 101, 5);

        assertThat(events.executions()).containsExactly(
            new Accepted(2, 20, 2, INSTRUMENT, BUY, LIMIT, GTC, 101, 5),
            new Trade(1, INSTRUMENT, 100, 5, BUY, new Fill(1, 1, 0, 0), new Fill(2, 2, 0, 0)));
        assertThat(events.marketData()).containsExactly(
            new MarketTrade(INSTRUMENT, 1, 100, 5, BUY),
            new BookDelete(INSTRUMENT, 1));
    }

    @Test
    void shouldFillAcrossLevelsAtMakerPricesAndRestTheRemainder()
    {
        fx.limit(1, 10, SELL, 100, 3);
        fx.limit(2, 11, SELL, 101, 4);
        fx.limit(3, 12, SELL, 102, 5);

        final Events events = fx.limit(4, 13, BUY, 101, 10);

        assertThat(events.executions()).containsExactly(
            new Accepted(4, 13, 4, INSTRUMENT, BUY, LIMIT, GTC, 101, 10),
            new Trade(1, INSTRUMENT, 100, 3, BUY, new Fill(1, 1, 0, 0), new Fill(4, 4, 7, 0)),
            new Trade(2, INSTRUMENT, 101, 4, BUY, new Fill(2, 2, 0, 0), new Fill(4, 4, 3, 0)));
        assertThat(events.marketData()).containsExactly(
            new MarketTrade(INSTRUMENT, 1, 100, 3, BUY),
            new BookDelete(INSTRUMENT, 1),
            new MarketTrade(INSTRUMENT, 2, 101, 4, BUY),
            new BookDelete(INSTRUMENT, 2),
            new BookAdd(INSTRUMENT, 4, BUY, 101, 3));
        // feed sequence 1 was AddInstrument's market status, 2..4 the three sells
        assertThat(events.marketDataSequences()).containsExactly(5L, 6L, 7L, 8L, 9L);
        assertThat(events.timestamps()).containsOnly(fx.timestamp());
    }

    @Test
    void shouldFillEarlierOrderFirstWithinPriceLevel()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 100, 5);

        final Events events = fx.limit(3, 12, BUY, 100, 7);

        assertThat(events.executions()).containsExactly(
            new Accepted(3, 12, 3, INSTRUMENT, BUY, LIMIT, GTC, 100, 7),
            new Trade(1, INSTRUMENT, 100, 5, BUY, new Fill(1, 1, 0, 0), new Fill(3, 3, 2, 0)),
            new Trade(2, INSTRUMENT, 100, 2, BUY, new Fill(2, 2, 3, 0), new Fill(3, 3, 0, 0)));
        assertThat(events.marketData()).containsExactly(
            new MarketTrade(INSTRUMENT, 1, 100, 5, BUY),
            new BookDelete(INSTRUMENT, 1),
            new MarketTrade(INSTRUMENT, 2, 100, 2, BUY),
            new BookModify(INSTRUMENT, 2, 3));
    }

    @Test
    void shouldFillBetterPriceBeforeEarlierOrder()
    {
        fx.limit(1, 10, SELL, 101, 5);
        fx.limit(2, 11, SELL, 100, 5);

        final Events events = fx.limit(3, 12, BUY, 101, 5);

        assertThat(events.executions()).containsExactly(
            new Accepted(3, 12, 3, INSTRUMENT, BUY, LIMIT, GTC, 101, 5),
            new Trade(1, INSTRUMENT, 100, 5, BUY, new Fill(2, 2, 0, 0), new Fill(3, 3, 0, 0)));
        assertThat(events.marketData()).containsExactly(
            new MarketTrade(INSTRUMENT, 1, 100, 5, BUY),
            new BookDelete(INSTRUMENT, 2));
    }

    @Test
    void shouldMatchIncomingSellAgainstHighestBidsFirst()
    {
        fx.limit(1, 10, BUY, 99, 5);
        fx.limit(2, 11, BUY, 100, 5);

        final Events events = fx.limit(3, 12, SELL, 99, 8);

        assertThat(events.executions()).containsExactly(
            new Accepted(3, 12, 3, INSTRUMENT, SELL, LIMIT, GTC, 99, 8),
            new Trade(1, INSTRUMENT, 100, 5, SELL, new Fill(2, 2, 0, 0), new Fill(3, 3, 3, 0)),
            new Trade(2, INSTRUMENT, 99, 3, SELL, new Fill(1, 1, 2, 0), new Fill(3, 3, 0, 0)));
        assertThat(events.marketData()).containsExactly(
            new MarketTrade(INSTRUMENT, 1, 100, 5, SELL),
            new BookDelete(INSTRUMENT, 2),
            new MarketTrade(INSTRUMENT, 2, 99, 3, SELL),
            new BookModify(INSTRUMENT, 1, 2));
    }

    @Test
    void shouldKeepPartiallyFilledMakerAtHeadOfQueue()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 100, 5);
        fx.limit(3, 12, BUY, 100, 2);

        final Events events = fx.limit(4, 13, BUY, 100, 4);

        assertThat(events.executions()).containsExactly(
            new Accepted(4, 13, 4, INSTRUMENT, BUY, LIMIT, GTC, 100, 4),
            new Trade(2, INSTRUMENT, 100, 3, BUY, new Fill(1, 1, 0, 0), new Fill(4, 4, 1, 0)),
            new Trade(3, INSTRUMENT, 100, 1, BUY, new Fill(2, 2, 4, 0), new Fill(4, 4, 0, 0)));
    }

    @Test
    void shouldStampEveryEventWithItsCommandTimestamp()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 101, 5);
        final Events events = fx.limit(3, 12, BUY, 102, 12);

        assertThat(events.all()).hasSize(8);
        assertThat(events.timestamps()).containsOnly(fx.timestamp());
    }
}
