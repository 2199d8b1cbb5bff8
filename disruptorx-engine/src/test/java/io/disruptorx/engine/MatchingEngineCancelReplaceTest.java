package io.disruptorx.engine;

import io.disruptorx.engine.EngineEvent.Accepted;
import io.disruptorx.engine.EngineEvent.BookAdd;
import io.disruptorx.engine.EngineEvent.BookDelete;
import io.disruptorx.engine.EngineEvent.BookModify;
import io.disruptorx.engine.EngineEvent.CancelRejected;
import io.disruptorx.engine.EngineEvent.Cancelled;
import io.disruptorx.engine.EngineEvent.Fill;
import io.disruptorx.engine.EngineEvent.MarketTrade;
import io.disruptorx.engine.EngineEvent.Replaced;
import io.disruptorx.engine.EngineEvent.Trade;
import io.disruptorx.engine.RecordingListener.Events;
import org.junit.jupiter.api.Test;

import static io.disruptorx.engine.CancelReason.REQUESTED;
import static io.disruptorx.engine.EngineFixture.INSTRUMENT;
import static io.disruptorx.engine.OrderType.LIMIT;
import static io.disruptorx.engine.RejectReason.NOT_ORDER_OWNER;
import static io.disruptorx.engine.RejectReason.POST_ONLY_WOULD_TRADE;
import static io.disruptorx.engine.RejectReason.UNKNOWN_ORDER;
import static io.disruptorx.engine.Side.BUY;
import static io.disruptorx.engine.Side.SELL;
import static io.disruptorx.engine.TimeInForce.DAY;
import static io.disruptorx.engine.TimeInForce.GTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancel and replace.
 */
class MatchingEngineCancelReplaceTest
{
    private final EngineFixture fx = EngineFixture.create();

    @Test
    void shouldCancelRestingOrder()
    {
        fx.limit(1, 10, BUY, 100, 5);

        final Events events = fx.cancel(1, 11, 1);

        assertThat(events.executions()).containsExactly(new Cancelled(1, 10, 11, 1, INSTRUMENT, 5, REQUESTED));
        assertThat(events.marketData()).containsExactly(new BookDelete(INSTRUMENT, 1));
    }

    @Test
    void shouldCancelOnlyOpenQuantityOfPartiallyFilledOrder()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.limit(2, 20, SELL, 100, 2);

        final Events events = fx.cancel(1, 11, 1);

        assertThat(events.executions()).containsExactly(new Cancelled(1, 10, 11, 1, INSTRUMENT, 3, REQUESTED));
        assertThat(events.marketData()).containsExactly(new BookDelete(INSTRUMENT, 1));
    }

    @Test
    void shouldRejectCancelOfFilledOrder()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.limit(2, 20, SELL, 100, 5);

        final Events events = fx.cancel(1, 11, 1);

        assertThat(events.executions()).containsExactly(new CancelRejected(1, 11, 1, UNKNOWN_ORDER));
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldRejectCancelOfUnknownOrder()
    {
        final Events events = fx.cancel(1, 11, 999);

        assertThat(events.executions()).containsExactly(new CancelRejected(999, 11, 1, UNKNOWN_ORDER));
    }

    @Test
    void shouldRejectSecondCancel()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.cancel(1, 11, 1);

        final Events events = fx.cancel(1, 12, 1);

        assertThat(events.executions()).containsExactly(new CancelRejected(1, 12, 1, UNKNOWN_ORDER));
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldRejectCancelByNonOwnerAndKeepTheOrder()
    {
        fx.limit(1, 10, BUY, 100, 5);

        final Events events = fx.cancel(2, 11, 1);

        assertThat(events.executions()).containsExactly(new CancelRejected(1, 11, 2, NOT_ORDER_OWNER));
        assertThat(events.marketData()).isEmpty();
        assertThat(fx.cancel(1, 12, 1).executions())
            .containsExactly(new Cancelled(1, 10, 12, 1, INSTRUMENT, 5, REQUESTED));
    }

    @Test
    void shouldKeepPriorityWhenQuantityGoesDownAtSamePrice()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.limit(2, 20, BUY, 100, 5);

        final Events replace = fx.replace(1, 11, 1, 100, 3);

        assertThat(replace.executions()).containsExactly(new Replaced(1, 11, 1, INSTRUMENT, 100, 3, true));
        assertThat(replace.marketData()).containsExactly(new BookModify(INSTRUMENT, 1, 3));

        final Events sell = fx.limit(3, 30, SELL, 100, 4);
        assertThat(sell.executions()).containsExactly(
            new Accepted(3, 30, 3, INSTRUMENT, SELL, LIMIT, GTC, 100, 4),
            new Trade(1, INSTRUMENT, 100, 3, SELL, new Fill(1, 1, 0, 0), new Fill(3, 3, 1, 0)),
            new Trade(2, INSTRUMENT, 100, 1, SELL, new Fill(2, 2, 4, 0), new Fill(3, 3, 0, 0)));
    }

    @Test
    void shouldLosePriorityWhenQuantityGoesUp()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.limit(2, 20, BUY, 100, 5);

        final Events replace = fx.replace(1, 11, 1, 100, 6);

        assertThat(replace.executions()).containsExactly(new Replaced(1, 11, 1, INSTRUMENT, 100, 6, false));
        assertThat(replace.marketData()).containsExactly(
            new BookDelete(INSTRUMENT, 1),
            new BookAdd(INSTRUMENT, 1, BUY, 100, 6));

        final Events sell = fx.limit(3, 30, SELL, 100, 7);
        assertThat(sell.executions()).containsExactly(
            new Accepted(3, 30, 3, INSTRUMENT, SELL, LIMIT, GTC, 100, 7),
            new Trade(1, INSTRUMENT, 100, 5, SELL, new Fill(2, 2, 0, 0), new Fill(3, 3, 2, 0)),
            new Trade(2, INSTRUMENT, 100, 2, SELL, new Fill(1, 1, 4, 0), new Fill(3, 3, 0, 0)));
    }

    @Test
    void shouldLosePriorityWhenPriceChanges()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.limit(2, 20, BUY, 99, 5);

        final Events replace = fx.replace(1, 11, 1, 99, 5);

        assertThat(replace.executions()).containsExactly(new Replaced(1, 11, 1, INSTRUMENT, 99, 5, false));
        assertThat(replace.marketData()).containsExactly(
            new BookDelete(INSTRUMENT, 1),
            new BookAdd(INSTRUMENT, 1, BUY, 99, 5));

        final Events sell = fx.limit(3, 30, SELL, 99, 6);
        assertThat(sell.executions()).containsExactly(
            new Accepted(3, 30, 3, INSTRUMENT, SELL, LIMIT, GTC, 99, 6),
            new Trade(1, INSTRUMENT, 99, 5, SELL, new Fill(2, 2, 0, 0), new Fill(3, 3, 1, 0)),
            new Trade(2, INSTRUMENT, 99, 1, SELL, new Fill(1, 1, 4, 0), new Fill(3, 3, 0, 0)));
    }

    @Test
    void shouldAcceptReplaceThatChangesNothing()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.limit(2, 20, BUY, 100, 5);

        final Events replace = fx.replace(1, 11, 1, 100, 5);

        assertThat(replace.executions()).containsExactly(new Replaced(1, 11, 1, INSTRUMENT, 100, 5, true));
        assertThat(replace.marketData()).isEmpty();
        final Events sell = fx.limit(3, 30, SELL, 100, 1);
        assertThat(sell.executions()).contains(
            new Trade(1, INSTRUMENT, 100, 1, SELL, new Fill(1, 1, 4, 0), new Fill(3, 3, 0, 0)));
    }

    @Test
    void shouldSetNewOpenQuantityOfPartiallyFilledOrder()
    {
        fx.limit(1, 10, BUY, 100, 10);
        fx.limit(2, 20, SELL, 100, 4);

        final Events replace = fx.replace(1, 11, 1, 100, 3);

        assertThat(replace.executions()).containsExactly(new Replaced(1, 11, 1, INSTRUMENT, 100, 3, true));
        assertThat(replace.marketData()).containsExactly(new BookModify(INSTRUMENT, 1, 3));
        assertThat(fx.cancel(1, 12, 1).executions())
            .containsExactly(new Cancelled(1, 10, 12, 1, INSTRUMENT, 3, REQUESTED));
    }

    @Test
    void shouldTradeWhenReplacedPriceCrosses()
    {
        fx.limit(2, 20, SELL, 101, 3);
        fx.limit(1, 10, BUY, 100, 5);

        final Events replace = fx.replace(1, 11, 2, 101, 5);

        assertThat(replace.executions()).containsExactly(
            new Replaced(2, 11, 1, INSTRUMENT, 101, 5, false),
            new Trade(1, INSTRUMENT, 101, 3, BUY, new Fill(1, 2, 0, 0), new Fill(2, 1, 2, 0)));
        assertThat(replace.marketData()).containsExactly(
            new BookDelete(INSTRUMENT, 2),
            new MarketTrade(INSTRUMENT, 1, 101, 3, BUY),
            new BookDelete(INSTRUMENT, 1),
            new BookAdd(INSTRUMENT, 2, BUY, 101, 2));
    }

    @Test
    void shouldNotRestReplacedOrderThatFillsCompletely()
    {
        fx.limit(2, 20, SELL, 101, 5);
        fx.limit(1, 10, BUY, 100, 5);

        final Events replace = fx.replace(1, 11, 2, 102, 4);

        assertThat(replace.executions()).containsExactly(
            new Replaced(2, 11, 1, INSTRUMENT, 102, 4, false),
            new Trade(1, INSTRUMENT, 101, 4, BUY, new Fill(1, 2, 1, 0), new Fill(2, 1, 0, 0)));
        assertThat(replace.marketData()).containsExactly(
            new BookDelete(INSTRUMENT, 2),
            new MarketTrade(INSTRUMENT, 1, 101, 4, BUY),
            new BookModify(INSTRUMENT, 1, 1));
        assertThat(fx.cancel(1, 12, 2).executions()).containsExactly(new CancelRejected(2, 12, 1, UNKNOWN_ORDER));
    }

    @Test
    void shouldKeepDayTimeInForceAcrossReplace()
    {
        fx.limit(1, 10, BUY, DAY, 100, 5);
        fx.replace(1, 11, 1, 99, 5);

        final Events endOfDay = fx.endOfDay(INSTRUMENT);

        assertThat(endOfDay.executions()).hasSize(2);
        assertThat(endOfDay.executions().get(0)).isInstanceOfSatisfying(Cancelled.class, cancelled ->
        {
            assertThat(cancelled.orderId()).isEqualTo(1);
            assertThat(cancelled.cancelledQuantity()).isEqualTo(5);
            assertThat(cancelled.reason()).isEqualTo(CancelReason.EXPIRED);
        });
    }

    @Test
    void shouldRefuseReplaceOfPostOnlyToCrossingPrice()
    {
        fx.limit(2, 20, SELL, 100, 5);
        fx.postOnly(1, 10, BUY, 98, 5);

        final Events replace = fx.replace(1, 11, 2, 100, 5);

        assertThat(replace.executions()).containsExactly(new CancelRejected(2, 11, 1, POST_ONLY_WOULD_TRADE));
        assertThat(replace.marketData()).isEmpty();
        assertThat(fx.replace(1, 12, 2, 99, 5).executions())
            .containsExactly(new Replaced(2, 12, 1, INSTRUMENT, 99, 5, false));
    }

    @Test
    void shouldRefuseReplaceOfPostOnlyToCrossingPriceEvenWhenRepricing()
    {
        final EngineFixture reprice = EngineFixture.builder()
            .config(EngineConfig.defaults().withPostOnlyMode(PostOnlyMode.REPRICE)).build();
        reprice.limit(2, 20, SELL, 100, 5);
        reprice.postOnly(1, 10, BUY, 98, 5);

        final Events replace = reprice.replace(1, 11, 2, 101, 5);

        assertThat(replace.executions()).containsExactly(new CancelRejected(2, 11, 1, POST_ONLY_WOULD_TRADE));
        assertThat(replace.marketData()).isEmpty();
    }

    @Test
    void shouldRejectReplaceOfUnknownOrder()
    {
        final Events events = fx.replace(1, 11, 77, 100, 5);

        assertThat(events.executions()).containsExactly(new CancelRejected(77, 11, 1, UNKNOWN_ORDER));
    }

    @Test
    void shouldRejectReplaceByNonOwner()
    {
        fx.limit(1, 10, BUY, 100, 5);

        final Events events = fx.replace(2, 11, 1, 101, 5);

        assertThat(events.executions()).containsExactly(new CancelRejected(1, 11, 2, NOT_ORDER_OWNER));
        assertThat(events.marketData()).isEmpty();
    }

    @Test
    void shouldRejectReplaceWithInvalidQuantityOrPrice()
    {
        fx.limit(1, 10, BUY, 100, 5);

        assertThat(fx.replace(1, 11, 1, 100, 0).executions())
            .containsExactly(new CancelRejected(1, 11, 1, RejectReason.INVALID_QUANTITY));
        assertThat(fx.replace(1, 12, 1, 0, 5).executions())
            .containsExactly(new CancelRejected(1, 12, 1, RejectReason.INVALID_PRICE));
    }

    @Test
    void shouldRejectReplaceAboveAvailableBalance()
    {
        final EngineFixture poor = EngineFixture.builder().funding(100, 1_000).build();
        poor.limit(1, 10, BUY, 100, 10);

        final Events events = poor.replace(1, 11, 1, 100, 11);

        assertThat(events.executions()).containsExactly(
            new CancelRejected(1, 11, 1, RejectReason.INSUFFICIENT_BALANCE));
        assertThat(poor.replace(1, 12, 1, 50, 20).executions())
            .containsExactly(new Replaced(1, 12, 1, INSTRUMENT, 50, 20, false));
    }
}
