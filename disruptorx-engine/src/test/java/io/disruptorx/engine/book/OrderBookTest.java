package io.disruptorx.engine.book;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderBookTest
{
    private final Events events = new Events();
    private final OrderBook book = new OrderBook(events, 16);

    @Test
    void shouldTradeAtTheRestingPriceInPriceThenTimePriority()
    {
        book.enter(1, Side.SELL, 101, 5);
        book.enter(2, Side.SELL, 100, 5);
        book.enter(3, Side.SELL, 100, 5);
        events.list.clear();

        assertThat(book.enter(4, Side.BUY, 101, 12)).isTrue();

        assertThat(events.list).containsExactly(
            "trade 2 4 BUY 100x5 maker=0 taker=7", "deleted 2",
            "trade 3 4 BUY 100x5 maker=0 taker=2", "deleted 3",
            "trade 1 4 BUY 101x2 maker=3 taker=0", "modified 1 3");
        assertThat(book.asks().best().price()).isEqualTo(101);
        assertThat(book.bids().levelCount()).isZero();
    }

    @Test
    void shouldRestTheRemainderAndDropAnImmediateOrdersRest()
    {
        book.enter(1, Side.SELL, 100, 5);
        events.list.clear();

        assertThat(book.immediateOrCancel(9, Side.BUY, 100, 8)).isEqualTo(5);
        assertThat(book.enter(2, Side.BUY, 99, 4)).isTrue();

        assertThat(events.list).containsExactly(
            "trade 1 9 BUY 100x5 maker=0 taker=3", "deleted 1", "added 2 BUY 99x4");
        assertThat(book.asks().levelCount()).isZero();
    }

    @Test
    void shouldKeepPriorityOnReduceAndLoseItOnMove()
    {
        book.enter(1, Side.BUY, 100, 5);
        book.enter(2, Side.BUY, 100, 5);
        book.enter(3, Side.BUY, 100, 1);
        assertThat(book.reduce(1, 3)).isTrue();
        assertThat(book.move(2, 100, 5)).isTrue();
        events.list.clear();

        book.immediateOrCancel(9, Side.SELL, 100, 9);

        assertThat(events.list).containsExactly(
            "trade 1 9 SELL 100x3 maker=0 taker=6", "deleted 1",
            "trade 3 9 SELL 100x1 maker=0 taker=5", "deleted 3",
            "trade 2 9 SELL 100x5 maker=0 taker=0", "deleted 2");
    }

    @Test
    void shouldTradeWhenAMoveCrossesAndRestTheRest()
    {
        book.enter(1, Side.SELL, 102, 2);
        book.enter(2, Side.BUY, 100, 5);
        events.list.clear();

        assertThat(book.move(2, 102, 5)).isTrue();

        assertThat(events.list).containsExactly(
            "deleted 2", "trade 1 2 BUY 102x2 maker=0 taker=3", "deleted 1", "added 2 BUY 102x3");
        assertThat(book.order(2).openQuantity()).isEqualTo(3);
    }

    @Test
    void shouldRefuseUnknownOrDuplicateIdsAndBadArgumentsWithoutChangingTheBook()
    {
        book.enter(1, Side.BUY, 100, 5);
        events.list.clear();

        assertThat(book.enter(1, Side.SELL, 101, 5)).isFalse();
        assertThat(book.enter(2, Side.SELL, 101, 0)).isFalse();
        assertThat(book.cancel(7)).isZero();
        assertThat(book.reduce(1, 6)).isFalse();
        assertThat(book.reduce(1, 0)).isFalse();
        assertThat(book.move(7, 100, 1)).isFalse();

        assertThat(events.list).isEmpty();
        assertThat(book.cancel(1)).isEqualTo(5);
        assertThat(events.list).containsExactly("deleted 1");
        assertThat(book.order(1)).isNull();
    }

    @Test
    void shouldAskTheHookBeforeEachFillAndObeyIt()
    {
        final OrderPool pool = new OrderPool(4, 16, BookOrder::new);
        final MatchHook skipMakerTwo = (maker, taker) ->
            maker.orderId() == 2 ? MatchHook.CANCEL_MAKER : maker.orderId() == 4 ? MatchHook.STOP : MatchHook.FILL;
        final OrderBook hooked = new OrderBook(events, skipMakerTwo, pool, new OrderIndex(16));
        hooked.enter(1, Side.SELL, 100, 1);
        hooked.enter(2, Side.SELL, 100, 1);
        hooked.enter(3, Side.SELL, 100, 1);
        hooked.enter(4, Side.SELL, 100, 1);
        hooked.enter(5, Side.SELL, 100, 1);
        events.list.clear();

        assertThat(hooked.enter(6, Side.BUY, 100, 5)).isTrue();

        assertThat(events.list).containsExactly(
            "trade 1 6 BUY 100x1 maker=0 taker=4", "deleted 1",
            "deleted 2",
            "trade 3 6 BUY 100x1 maker=0 taker=3", "deleted 3");
        assertThat(hooked.order(6)).as("a stopped order does not rest").isNull();
        assertThat(hooked.asks().best().orderCount()).isEqualTo(2);
        assertThat(pool.inUse()).isEqualTo(2);
    }

    @Test
    void shouldAnswerTheBestPriceAndWhetherALimitCrossesItOnEitherSide()
    {
        assertThat(book.bids().bestCrosses(1)).as("an empty side crosses nothing").isFalse();
        assertThat(book.asks().bestCrosses(Long.MAX_VALUE)).isFalse();
        book.enter(1, Side.BUY, 99, 1);
        book.enter(2, Side.BUY, 100, 1);
        book.enter(3, Side.SELL, 102, 1);
        book.enter(4, Side.SELL, 101, 1);

        assertThat(book.bids().bestPrice()).isEqualTo(100);
        assertThat(book.asks().bestPrice()).isEqualTo(101);
        assertThat(book.bids().bestCrosses(100)).as("a sell at the best bid").isTrue();
        assertThat(book.bids().bestCrosses(101)).isFalse();
        assertThat(book.asks().bestCrosses(101)).as("a buy at the best ask").isTrue();
        assertThat(book.asks().bestCrosses(100)).isFalse();

        book.cancel(2);
        book.cancel(4);
        assertThat(book.bids().bestPrice()).isEqualTo(99);
        assertThat(book.asks().bestPrice()).isEqualTo(102);
        assertThat(book.bids().bestCrosses(100)).isFalse();
        assertThat(book.asks().bestCrosses(102)).isTrue();
    }

    private static final class Events implements BookListener
    {
        final List<String> list = new ArrayList<>();

        @Override
        public void onOrderAdded(final long orderId, final Side side, final long price, final long quantity)
        {
            list.add("added " + orderId + " " + side + " " + price + "x" + quantity);
        }

        @Override
        public void onOrderModified(final long orderId, final long openQuantity)
        {
            list.add("modified " + orderId + " " + openQuantity);
        }

        @Override
        public void onOrderDeleted(final long orderId)
        {
            list.add("deleted " + orderId);
        }

        @Override
        public void onTrade(
            final long makerOrderId,
            final long takerOrderId,
            final Side takerSide,
            final long price,
            final long quantity,
            final long makerOpenQuantity,
            final long takerOpenQuantity)
        {
            list.add("trade " + makerOrderId + " " + takerOrderId + " " + takerSide + " " + price + "x" + quantity +
                " maker=" + makerOpenQuantity + " taker=" + takerOpenQuantity);
        }
    }
}
