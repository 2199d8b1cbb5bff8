package io.disruptorx.engine;

import io.disruptorx.engine.EngineEvent.Accepted;
import io.disruptorx.engine.EngineEvent.BookAdd;
import io.disruptorx.engine.EngineEvent.BookDelete;
import io.disruptorx.engine.EngineEvent.BookModify;
import io.disruptorx.engine.EngineEvent.CancelRejected;
import io.disruptorx.engine.EngineEvent.Cancelled;
import io.disruptorx.engine.EngineEvent.Fill;
import io.disruptorx.engine.EngineEvent.MarketTrade;
import io.disruptorx.engine.EngineEvent.Rejected;
import io.disruptorx.engine.EngineEvent.Replaced;
import io.disruptorx.engine.EngineEvent.Trade;
import io.disruptorx.engine.RecordingListener.Events;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static io.disruptorx.engine.CancelReason.EXPIRED;
import static io.disruptorx.engine.CancelReason.KILL_SWITCH;
import static io.disruptorx.engine.CancelReason.MASS_CANCEL;
import static io.disruptorx.engine.CancelReason.REQUESTED;
import static io.disruptorx.engine.CancelReason.SELF_TRADE;
import static io.disruptorx.engine.EngineFixture.INSTRUMENT;
import static io.disruptorx.engine.OrderType.LIMIT;
import static io.disruptorx.engine.RejectReason.DUPLICATE_CLIENT_ORDER_ID;
import static io.disruptorx.engine.RejectReason.INVALID_PRICE;
import static io.disruptorx.engine.RejectReason.UNKNOWN_ACCOUNT;
import static io.disruptorx.engine.RejectReason.UNKNOWN_ORDER;
import static io.disruptorx.engine.Side.BUY;
import static io.disruptorx.engine.Side.SELL;
import static io.disruptorx.engine.TimeInForce.DAY;
import static io.disruptorx.engine.TimeInForce.GTC;
import static io.disruptorx.engine.TimeInForce.IOC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client order ids: unique among an account's resting orders (0 means none), and a second way to name an order
 * in a cancel or a replace.
 */
class MatchingEngineClientOrderIdTest
{
    private final EngineFixture fx = EngineFixture.create();

    @Test
    void shouldRejectNewOrderWhoseClientOrderIdARestingOrderOfTheAccountHas()
    {
        fx.limit(1, 10, BUY, 100, 5);

        final Events events = fx.limit(1, 10, BUY, 99, 2);

        assertThat(events.executions()).containsExactly(new Rejected(10, 1, INSTRUMENT, DUPLICATE_CLIENT_ORDER_ID));
        assertThat(events.marketData()).isEmpty();
        assertThat(fx.engine().restingOrderCount()).isEqualTo(1);
        assertThat(fx.engine().held(1, EngineFixture.QUOTE)).isEqualTo(500);
    }

    @Test
    void shouldRejectImmediateOrderReusingALiveClientOrderId()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.limit(2, 20, BUY, 101, 5);

        assertThat(fx.limit(1, 10, SELL, IOC, 101, 1).all())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, DUPLICATE_CLIENT_ORDER_ID));
    }

    @Test
    void shouldAcceptTheSameClientOrderIdForAnotherAccount()
    {
        fx.limit(1, 10, BUY, 100, 5);

        assertThat(fx.limit(2, 10, BUY, 100, 5).executions())
            .containsExactly(new Accepted(2, 10, 2, INSTRUMENT, BUY, LIMIT, GTC, 100, 5));
    }

    @Test
    void shouldNeverCheckClientOrderIdZero()
    {
        fx.limit(1, 0, BUY, 100, 5);

        assertThat(fx.limit(1, 0, BUY, 100, 5).executions())
            .containsExactly(new Accepted(2, 0, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 5));
        assertThat(fx.cancelByClientId(1, 11, 0).executions())
            .containsExactly(new CancelRejected(0, 11, 1, UNKNOWN_ORDER));
    }

    @Test
    void shouldAcceptAClientOrderIdAgainOnceItsOrderNoLongerRests()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.cancel(1, 11, 1);
        assertThat(fx.limit(1, 10, BUY, 100, 5).executions())
            .containsExactly(new Accepted(2, 10, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 5));

        fx.limit(2, 20, SELL, 100, 5);
        assertThat(fx.limit(1, 10, BUY, 100, 1).executions())
            .as("filled as a maker").containsExactly(new Accepted(4, 10, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 1));

        fx.limit(1, 12, BUY, IOC, 100, 1);
        assertThat(fx.limit(1, 12, BUY, IOC, 100, 1).executions()).as("an IOC never rests").containsExactly(
            new Accepted(6, 12, 1, INSTRUMENT, BUY, LIMIT, IOC, 100, 1),
            new Cancelled(6, 12, 12, 1, INSTRUMENT, 1, CancelReason.IOC_REMAINDER));
    }

    @Test
    void shouldCheckTheAccountFirstAndTheDuplicateBeforeEverythingElse()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.halt(INSTRUMENT);

        assertThat(fx.newOrder(1, 10, 9, BUY, LIMIT, GTC, false, SelfTradePrevention.NONE, 0, 0).executions())
            .as("a re-sent order is a duplicate whatever else changed since, even its instrument")
            .containsExactly(new Rejected(10, 1, 9, DUPLICATE_CLIENT_ORDER_ID));
        assertThat(fx.limit(77, 10, BUY, 100, 5).executions())
            .containsExactly(new Rejected(10, 77, INSTRUMENT, UNKNOWN_ACCOUNT));
    }

    @Test
    void shouldCancelAnOrderNamedByItsClientOrderId()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.limit(1, 11, BUY, 99, 5);

        final Events events = fx.cancelByClientId(1, 12, 11);

        assertThat(events.executions()).containsExactly(new Cancelled(2, 11, 12, 1, INSTRUMENT, 5, REQUESTED));
        assertThat(events.marketData()).containsExactly(new BookDelete(INSTRUMENT, 2));
        assertThat(fx.cancelByClientId(1, 13, 11).executions())
            .containsExactly(new CancelRejected(0, 13, 1, UNKNOWN_ORDER));
    }

    @Test
    void shouldNotFindAnotherAccountsOrderByClientOrderId()
    {
        fx.limit(1, 10, BUY, 100, 5);

        assertThat(fx.cancelByClientId(2, 11, 10).executions())
            .containsExactly(new CancelRejected(0, 11, 2, UNKNOWN_ORDER));
        assertThat(fx.replaceByClientId(2, 12, 10, 100, 1).executions())
            .containsExactly(new CancelRejected(0, 12, 2, UNKNOWN_ORDER));
        assertThat(fx.engine().openQuantity(1)).isEqualTo(5);
    }

    @Test
    void shouldNameTheOrderByOrderIdWhenOneIsGiven()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.limit(1, 11, BUY, 99, 5);
        fx.engine().cancelOrder(fx.timestamp() + 1, 1, 12, 1, 11);

        assertThat(fx.listener().drain().executions())
            .containsExactly(new Cancelled(1, 10, 12, 1, INSTRUMENT, 5, REQUESTED));
    }

    @Test
    void shouldReplaceAnOrderNamedByItsClientOrderIdWhichItKeeps()
    {
        fx.limit(1, 10, BUY, 100, 5);

        final Events moved = fx.replaceByClientId(1, 11, 10, 98, 6);

        assertThat(moved.executions()).containsExactly(new Replaced(1, 11, 1, INSTRUMENT, 98, 6, false));
        assertThat(moved.marketData())
            .containsExactly(new BookDelete(INSTRUMENT, 1), new BookAdd(INSTRUMENT, 1, BUY, 98, 6));
        assertThat(fx.replaceByClientId(1, 12, 10, 98, 4).executions())
            .containsExactly(new Replaced(1, 12, 1, INSTRUMENT, 98, 4, true));
        assertThat(fx.limit(1, 10, SELL, 200, 1).executions())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, DUPLICATE_CLIENT_ORDER_ID));
        assertThat(fx.cancelByClientId(1, 13, 10).executions())
            .containsExactly(new Cancelled(1, 10, 13, 1, INSTRUMENT, 4, REQUESTED));
    }

    @Test
    void shouldNameTheFoundOrderWhenAReplaceByClientOrderIdIsRefused()
    {
        fx.limit(1, 10, BUY, 100, 5);

        assertThat(fx.replaceByClientId(1, 11, 10, 0, 5).executions())
            .containsExactly(new CancelRejected(1, 11, 1, INVALID_PRICE));
    }

    @Test
    void shouldFreeTheClientOrderIdOfAReplacedOrderThatFillsInFull()
    {
        fx.limit(2, 20, SELL, 101, 5);
        fx.limit(1, 10, BUY, 100, 5);

        final Events events = fx.replaceByClientId(1, 11, 10, 101, 5);

        assertThat(events.executions()).containsExactly(
            new Replaced(2, 11, 1, INSTRUMENT, 101, 5, false),
            new Trade(1, INSTRUMENT, 101, 5, BUY, new Fill(1, 2, 0, 0), new Fill(2, 1, 0, 0)));
        assertThat(events.marketData()).containsExactly(
            new BookDelete(INSTRUMENT, 2), new MarketTrade(INSTRUMENT, 1, 101, 5, BUY), new BookDelete(INSTRUMENT, 1));
        assertThat(fx.limit(1, 10, BUY, 100, 1).executions())
            .containsExactly(new Accepted(3, 10, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 1));
        assertThat(fx.limit(2, 20, SELL, 105, 1).executions()).as("the maker filled in full")
            .containsExactly(new Accepted(4, 20, 2, INSTRUMENT, SELL, LIMIT, GTC, 105, 1));
    }

    @Test
    void shouldFreeClientOrderIdsOfOrdersTheEngineCancels()
    {
        fx.limit(1, 10, BUY, 100, 1);
        fx.limit(1, 11, BUY, 99, 1);
        fx.limit(1, 12, BUY, DAY, 98, 1);
        fx.limit(2, 20, BUY, 97, 1);

        fx.newOrder(1, 13, INSTRUMENT, SELL, LIMIT, GTC, false, SelfTradePrevention.CANCEL_OLDEST, 100, 1);
        fx.massCancel(1, INSTRUMENT, 14);
        fx.endOfDay(0);
        fx.riskLimits(2, Long.MAX_VALUE, Long.MAX_VALUE, true);
        fx.riskLimits(2, Long.MAX_VALUE, Long.MAX_VALUE, false);

        assertThat(fx.listener().events()).filteredOn(Cancelled.class::isInstance).extracting("reason")
            .containsExactly(SELF_TRADE, MASS_CANCEL, MASS_CANCEL, MASS_CANCEL, KILL_SWITCH);
        for (final long clientOrderId : new long[] {10, 11, 12, 13})
        {
            assertThat(fx.limit(1, clientOrderId, BUY, 90, 1).executions()).as("client order id %d", clientOrderId)
                .singleElement().isInstanceOf(Accepted.class);
        }
        assertThat(fx.limit(2, 20, BUY, 90, 1).executions()).singleElement().isInstanceOf(Accepted.class);
        fx.limit(3, 30, BUY, DAY, 90, 1);
        fx.endOfDay(0);
        assertThat(fx.listener().events()).filteredOn(Cancelled.class::isInstance).extracting("reason")
            .contains(EXPIRED);
        assertThat(fx.limit(3, 30, BUY, 90, 1).executions()).singleElement().isInstanceOf(Accepted.class);
    }

    @Test
    void shouldRebuildClientOrderIdsOnRestoreWithoutChangingTheSnapshot()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.limit(1, 11, SELL, 102, 5);
        fx.limit(2, 10, SELL, 103, 5);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = fx.engine().snapshot(buffer, 0);
        final RecordingListener listener = new RecordingListener(fx.listener().nextFeedSequence());
        final MatchingEngine restored = new MatchingEngine(EngineConfig.defaults(), listener);
        restored.restore(buffer, 0, length);
        final ExpandableArrayBuffer again = new ExpandableArrayBuffer(256);
        assertThat(restored.snapshot(again, 0)).isEqualTo(length);
        for (int i = 0; i < length; i++)
        {
            assertThat(again.getByte(i)).as("byte %d", i).isEqualTo(buffer.getByte(i));
        }

        restored.newOrder(100, 1, 11, INSTRUMENT, BUY, LIMIT, GTC, false, SelfTradePrevention.NONE, 99, 1);
        restored.cancelOrder(101, 2, 12, 0, 10);
        restored.replaceOrder(102, 1, 13, 0, 101, 5, 10);

        assertThat(listener.drain().executions()).containsExactly(
            new Rejected(11, 1, INSTRUMENT, DUPLICATE_CLIENT_ORDER_ID),
            new Cancelled(3, 10, 12, 2, INSTRUMENT, 5, REQUESTED),
            new Replaced(1, 13, 1, INSTRUMENT, 101, 5, false));
    }

    @Test
    void shouldKeepTheOrderModifiedInPlaceUnderItsClientOrderId()
    {
        fx.limit(1, 10, BUY, 100, 5);
        fx.limit(2, 20, SELL, 100, 2);

        final Events events = fx.cancelByClientId(1, 11, 10);

        assertThat(events.executions()).containsExactly(new Cancelled(1, 10, 11, 1, INSTRUMENT, 3, REQUESTED));
        assertThat(events.marketData()).containsExactly(new BookDelete(INSTRUMENT, 1));
        assertThat(fx.listener().events()).contains(new BookModify(INSTRUMENT, 1, 3));
    }
}
