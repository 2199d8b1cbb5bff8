package io.disruptorx.engine;

import io.disruptorx.engine.EngineEvent.Accepted;
import io.disruptorx.engine.EngineEvent.BookAdd;
import io.disruptorx.engine.EngineEvent.BookDelete;
import io.disruptorx.engine.EngineEvent.BookModify;
import io.disruptorx.engine.EngineEvent.Cancelled;
import io.disruptorx.engine.EngineEvent.Fill;
import io.disruptorx.engine.EngineEvent.MarketTrade;
import io.disruptorx.engine.EngineEvent.Rejected;
import io.disruptorx.engine.EngineEvent.Trade;
import io.disruptorx.engine.RecordingListener.Events;
import org.junit.jupiter.api.Test;

import static io.disruptorx.engine.CancelReason.FOK_NOT_FILLED;
import static io.disruptorx.engine.CancelReason.IOC_REMAINDER;
import static io.disruptorx.engine.EngineFixture.INSTRUMENT;
import static io.disruptorx.engine.OrderType.LIMIT;
import static io.disruptorx.engine.OrderType.MARKET;
import static io.disruptorx.engine.Side.BUY;
import static io.disruptorx.engine.Side.SELL;
import static io.disruptorx.engine.TimeInForce.FOK;
import static io.disruptorx.engine.TimeInForce.GTC;
import static io.disruptorx.engine.TimeInForce.IOC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Market, immediate-or-cancel, fill-or-kill and post-only orders.
 */
class MatchingEngineOrderTypeTest
{
    private final EngineFixture fx = EngineFixture.create();

    @Test
    void shouldFillMarketBuyUpToProtectionPriceAndCancelTheRest()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 105, 5);
        fx.limit(3, 12, SELL, 111, 5);

        // reference 100, protection 10%: a market buy may pay up to 110
        final Events events = fx.market(4, 13, BUY, IOC, 15);

        assertThat(events.executions()).containsExactly(
            new Accepted(4, 13, 4, INSTRUMENT, BUY, MARKET, IOC, 110, 15),
            new Trade(1, INSTRUMENT, 100, 5, BUY, new Fill(1, 1, 0, 0), new Fill(4, 4, 10, 0)),
            new Trade(2, INSTRUMENT, 105, 5, BUY, new Fill(2, 2, 0, 0), new Fill(4, 4, 5, 0)),
            new Cancelled(4, 13, 13, 4, INSTRUMENT, 5, IOC_REMAINDER));
        assertThat(events.marketData()).containsExactly(
            new MarketTrade(INSTRUMENT, 1, 100, 5, BUY),
            new BookDelete(INSTRUMENT, 1),
            new MarketTrade(INSTRUMENT, 2, 105, 5, BUY),
            new BookDelete(INSTRUMENT, 2));
    }

    @Test
    void shouldFillMarketSellDownToProtectionPrice()
    {
        fx.limit(1, 10, BUY, 95, 5);
        fx.limit(2, 11, BUY, 89, 5);

        final Events events = fx.market(3, 12, SELL, IOC, 3);

        assertThat(events.executions()).containsExactly(
            new Accepted(3, 12, 3, INSTRUMENT, SELL, MARKET, IOC, 90, 3),
            new Trade(1, INSTRUMENT, 95, 3, SELL, new Fill(1, 1, 2, 0), new Fill(3, 3, 0, 0)));
        assertThat(events.marketData()).containsExactly(
            new MarketTrade(INSTRUMENT, 1, 95, 3, SELL),
            new BookModify(INSTRUMENT, 1, 2));
    }

    @Test
    void shouldCancelWholeMarketOrderWhenAllLiquidityIsBeyondProtection()
    {
        fx.limit(1, 10, BUY, 89, 5);

        final Events events = fx.market(3, 12, SELL, IOC, 3);

        assertThat(events.executions()).containsExactly(
            new Accepted(2, 12, 3, INSTRUMENT, SELL, MARKET, IOC, 90, 3),
            new Cancelled(2, 12, 12, 3, INSTRUMENT, 3, IOC_REMAINDER));
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldRoundProtectionPriceToTickTowardsReference()
    {
        final EngineFixture ticked = EngineFixture.builder()
            .sizes(5, 1, 0).referencePrice(1_000).marketProtectionBps(333).build();
        ticked.limit(1, 10, SELL, 1_030, 1);
        ticked.limit(1, 11, SELL, 1_035, 1);
        ticked.limit(2, 12, BUY, 970, 1);
        ticked.limit(2, 13, BUY, 965, 1);

        // 1000 + 33.3 rounds down to 1030, 1000 - 33.3 rounds up to 970
        final Events buy = ticked.market(3, 14, BUY, IOC, 2);
        final Events sell = ticked.market(4, 15, SELL, IOC, 2);

        assertThat(buy.executions()).containsExactly(
            new Accepted(5, 14, 3, INSTRUMENT, BUY, MARKET, IOC, 1_030, 2),
            new Trade(1, INSTRUMENT, 1_030, 1, BUY, new Fill(1, 1, 0, 0), new Fill(5, 3, 1, 0)),
            new Cancelled(5, 14, 14, 3, INSTRUMENT, 1, IOC_REMAINDER));
        // the reference is now 1030: 1030 - 34.299 = 995.7 rounds up to 1000, above every bid
        assertThat(sell.executions()).containsExactly(
            new Accepted(6, 15, 4, INSTRUMENT, SELL, MARKET, IOC, 1_000, 2),
            new Cancelled(6, 15, 15, 4, INSTRUMENT, 2, IOC_REMAINDER));
    }

    @Test
    void shouldMoveProtectionPriceWithLastTradePrice()
    {
        fx.limit(1, 10, SELL, 105, 1);
        fx.limit(2, 11, BUY, 105, 1);
        fx.limit(1, 12, SELL, 115, 1);

        // reference is now 105: protection 105 + 10.5 = 115.5, rounded to 115
        final Events events = fx.market(3, 13, BUY, IOC, 1);

        assertThat(events.executions()).containsExactly(
            new Accepted(4, 13, 3, INSTRUMENT, BUY, MARKET, IOC, 115, 1),
            new Trade(2, INSTRUMENT, 115, 1, BUY, new Fill(3, 1, 0, 0), new Fill(4, 3, 0, 0)));
    }

    @Test
    void shouldRejectMarketOrderWhenOppositeSideIsEmpty()
    {
        fx.limit(1, 10, BUY, 99, 5);

        final Events events = fx.market(2, 11, BUY, IOC, 1);

        assertThat(events.executions()).containsExactly(new Rejected(11, 2, INSTRUMENT, RejectReason.NO_LIQUIDITY));
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldFillMarketFokInFull()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 101, 5);

        final Events events = fx.market(3, 12, BUY, FOK, 7);

        assertThat(events.executions()).containsExactly(
            new Accepted(3, 12, 3, INSTRUMENT, BUY, MARKET, FOK, 110, 7),
            new Trade(1, INSTRUMENT, 100, 5, BUY, new Fill(1, 1, 0, 0), new Fill(3, 3, 2, 0)),
            new Trade(2, INSTRUMENT, 101, 2, BUY, new Fill(2, 2, 3, 0), new Fill(3, 3, 0, 0)));
    }

    @Test
    void shouldKillMarketFokThatCannotFillWithinProtection()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 111, 5);

        final Events events = fx.market(3, 12, BUY, FOK, 7);

        assertThat(events.executions()).containsExactly(
            new Accepted(3, 12, 3, INSTRUMENT, BUY, MARKET, FOK, 110, 7),
            new Cancelled(3, 12, 12, 3, INSTRUMENT, 7, FOK_NOT_FILLED));
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldCancelIocRemainder()
    {
        fx.limit(1, 10, SELL, 100, 5);

        final Events events = fx.limit(2, 11, BUY, IOC, 100, 8);

        assertThat(events.executions()).containsExactly(
            new Accepted(2, 11, 2, INSTRUMENT, BUY, LIMIT, IOC, 100, 8),
            new Trade(1, INSTRUMENT, 100, 5, BUY, new Fill(1, 1, 0, 0), new Fill(2, 2, 3, 0)),
            new Cancelled(2, 11, 11, 2, INSTRUMENT, 3, IOC_REMAINDER));
        assertThat(events.marketData()).containsExactly(
            new MarketTrade(INSTRUMENT, 1, 100, 5, BUY),
            new BookDelete(INSTRUMENT, 1));
    }

    @Test
    void shouldCancelWholeIocThatDoesNotCross()
    {
        fx.limit(1, 10, SELL, 101, 5);

        final Events events = fx.limit(2, 11, BUY, IOC, 100, 8);

        assertThat(events.executions()).containsExactly(
            new Accepted(2, 11, 2, INSTRUMENT, BUY, LIMIT, IOC, 100, 8),
            new Cancelled(2, 11, 11, 2, INSTRUMENT, 8, IOC_REMAINDER));
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldNotCancelFullyFilledIoc()
    {
        fx.limit(1, 10, SELL, 100, 5);

        final Events events = fx.limit(2, 11, BUY, IOC, 100, 5);

        assertThat(events.executions()).containsExactly(
            new Accepted(2, 11, 2, INSTRUMENT, BUY, LIMIT, IOC, 100, 5),
            new Trade(1, INSTRUMENT, 100, 5, BUY, new Fill(1, 1, 0, 0), new Fill(2, 2, 0, 0)));
    }

    @Test
    void shouldFillFokAcrossLevels()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 101, 5);

        final Events events = fx.limit(3, 12, BUY, FOK, 101, 10);

        assertThat(events.executions()).containsExactly(
            new Accepted(3, 12, 3, INSTRUMENT, BUY, LIMIT, FOK, 101, 10),
            new Trade(1, INSTRUMENT, 100, 5, BUY, new Fill(1, 1, 0, 0), new Fill(3, 3, 5, 0)),
            new Trade(2, INSTRUMENT, 101, 5, BUY, new Fill(2, 2, 0, 0), new Fill(3, 3, 0, 0)));
        assertThat(events.marketData()).containsExactly(
            new MarketTrade(INSTRUMENT, 1, 100, 5, BUY),
            new BookDelete(INSTRUMENT, 1),
            new MarketTrade(INSTRUMENT, 2, 101, 5, BUY),
            new BookDelete(INSTRUMENT, 2));
    }

    @Test
    void shouldKillFokWithoutTradingWhenQuantityIsShort()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 101, 5);

        final Events events = fx.limit(3, 12, BUY, FOK, 101, 11);

        assertThat(events.executions()).containsExactly(
            new Accepted(3, 12, 3, INSTRUMENT, BUY, LIMIT, FOK, 101, 11),
            new Cancelled(3, 12, 12, 3, INSTRUMENT, 11, FOK_NOT_FILLED));
        assertThat(events.marketData()).isEmpty();

        // the book is untouched: both sells are still there in full
        final Events sweep = fx.limit(4, 13, BUY, 101, 10);
        assertThat(sweep.executions()).containsExactly(
            new Accepted(4, 13, 4, INSTRUMENT, BUY, LIMIT, GTC, 101, 10),
            new Trade(1, INSTRUMENT, 100, 5, BUY, new Fill(1, 1, 0, 0), new Fill(4, 4, 5, 0)),
            new Trade(2, INSTRUMENT, 101, 5, BUY, new Fill(2, 2, 0, 0), new Fill(4, 4, 0, 0)));
    }

    @Test
    void shouldKillFokWhenEnoughQuantityIsOnlyBeyondLimit()
    {
        fx.limit(1, 10, SELL, 100, 5);
        fx.limit(2, 11, SELL, 102, 5);

        final Events events = fx.limit(3, 12, BUY, FOK, 101, 6);

        assertThat(events.executions()).containsExactly(
            new Accepted(3, 12, 3, INSTRUMENT, BUY, LIMIT, FOK, 101, 6),
            new Cancelled(3, 12, 12, 3, INSTRUMENT, 6, FOK_NOT_FILLED));
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldKillFokOnEmptyBook()
    {
        final Events events = fx.limit(3, 12, SELL, FOK, 100, 6);

        assertThat(events.executions()).containsExactly(
            new Accepted(1, 12, 3, INSTRUMENT, SELL, LIMIT, FOK, 100, 6),
            new Cancelled(1, 12, 12, 3, INSTRUMENT, 6, FOK_NOT_FILLED));
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldRejectPostOnlyThatWouldTrade()
    {
        fx.limit(1, 10, SELL, 100, 5);

        final Events events = fx.postOnly(2, 11, BUY, 100, 1);

        assertThat(events.executions()).containsExactly(
            new Rejected(11, 2, INSTRUMENT, RejectReason.POST_ONLY_WOULD_TRADE));
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldRestPostOnlyThatDoesNotCross()
    {
        fx.limit(1, 10, SELL, 100, 5);

        final Events events = fx.postOnly(2, 11, BUY, 99, 1);

        assertThat(events.executions()).containsExactly(new Accepted(2, 11, 2, INSTRUMENT, BUY, LIMIT, GTC, 99, 1));
        assertThat(events.marketData()).containsExactly(new BookAdd(INSTRUMENT, 2, BUY, 99, 1));
    }

    @Test
    void shouldRepricePostOnlyBuyOneTickBelowBestAsk()
    {
        final EngineFixture reprice = EngineFixture.builder()
            .config(EngineConfig.defaults().withPostOnlyMode(PostOnlyMode.REPRICE)).sizes(2, 1, 0).build();
        reprice.limit(1, 10, SELL, 100, 5);
        reprice.limit(1, 11, SELL, 102, 5);

        final Events events = reprice.postOnly(2, 12, BUY, 104, 3);

        assertThat(events.executions()).containsExactly(new Accepted(3, 12, 2, INSTRUMENT, BUY, LIMIT, GTC, 98, 3));
        assertThat(events.marketData()).containsExactly(new BookAdd(INSTRUMENT, 3, BUY, 98, 3));
    }

    @Test
    void shouldRepricePostOnlySellOneTickAboveBestBid()
    {
        final EngineFixture reprice = EngineFixture.builder()
            .config(EngineConfig.defaults().withPostOnlyMode(PostOnlyMode.REPRICE)).build();
        reprice.limit(1, 10, BUY, 100, 5);

        final Events events = reprice.postOnly(2, 11, SELL, 97, 3);

        assertThat(events.executions()).containsExactly(new Accepted(2, 11, 2, INSTRUMENT, SELL, LIMIT, GTC, 101, 3));
        assertThat(events.marketData()).containsExactly(new BookAdd(INSTRUMENT, 2, SELL, 101, 3));
    }

    @Test
    void shouldKeepPriceOfRepricingPostOnlyThatDoesNotCross()
    {
        final EngineFixture reprice = EngineFixture.builder()
            .config(EngineConfig.defaults().withPostOnlyMode(PostOnlyMode.REPRICE)).build();
        reprice.limit(1, 10, BUY, 100, 5);

        final Events events = reprice.postOnly(2, 11, SELL, 103, 3);

        assertThat(events.executions()).containsExactly(new Accepted(2, 11, 2, INSTRUMENT, SELL, LIMIT, GTC, 103, 3));
        assertThat(events.marketData()).containsExactly(new BookAdd(INSTRUMENT, 2, SELL, 103, 3));
    }

    @Test
    void shouldRejectPostOnlyWithImmediateTimeInForce()
    {
        final Events ioc = fx.newOrder(1, 10, INSTRUMENT, BUY, LIMIT, IOC, true, SelfTradePrevention.NONE, 100, 1);
        final Events fok = fx.newOrder(1, 11, INSTRUMENT, BUY, LIMIT, FOK, true, SelfTradePrevention.NONE, 100, 1);
        final Events market = fx.newOrder(1, 12, INSTRUMENT, BUY, MARKET, IOC, true, SelfTradePrevention.NONE, 0, 1);

        assertThat(ioc.executions()).containsExactly(new Rejected(10, 1, INSTRUMENT, RejectReason.INVALID_ORDER_TYPE));
        assertThat(fok.executions()).containsExactly(new Rejected(11, 1, INSTRUMENT, RejectReason.INVALID_ORDER_TYPE));
        assertThat(market.executions())
            .containsExactly(new Rejected(12, 1, INSTRUMENT, RejectReason.INVALID_ORDER_TYPE));
    }

    @Test
    void shouldRejectMarketOrderThatWouldRest()
    {
        fx.limit(1, 10, SELL, 100, 5);

        final Events gtc = fx.market(2, 11, BUY, GTC, 1);
        final Events day = fx.market(2, 12, BUY, TimeInForce.DAY, 1);

        assertThat(gtc.executions()).containsExactly(new Rejected(11, 2, INSTRUMENT, RejectReason.INVALID_ORDER_TYPE));
        assertThat(day.executions()).containsExactly(new Rejected(12, 2, INSTRUMENT, RejectReason.INVALID_ORDER_TYPE));
    }
}
