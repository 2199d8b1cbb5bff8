package io.disruptorx.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.disruptorx.engine.EngineEvent.Accepted;
import io.disruptorx.engine.EngineEvent.AdminResult;
import io.disruptorx.engine.EngineEvent.CancelRejected;
import io.disruptorx.engine.EngineEvent.Rejected;
import io.disruptorx.engine.EngineEvent.Replaced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.disruptorx.engine.EngineFixture.BASE;
import static io.disruptorx.engine.EngineFixture.INSTRUMENT;
import static io.disruptorx.engine.EngineFixture.QUOTE;
import static io.disruptorx.engine.OrderType.LIMIT;
import static io.disruptorx.engine.OrderType.MARKET;
import static io.disruptorx.engine.RejectReason.BALANCE_OVERFLOW;
import static io.disruptorx.engine.RejectReason.DUPLICATE_CLIENT_ORDER_ID;
import static io.disruptorx.engine.RejectReason.DUPLICATE_INSTRUMENT;
import static io.disruptorx.engine.RejectReason.INSTRUMENT_HALTED;
import static io.disruptorx.engine.RejectReason.INSUFFICIENT_BALANCE;
import static io.disruptorx.engine.RejectReason.INVALID_ASSET;
import static io.disruptorx.engine.RejectReason.INVALID_INSTRUMENT;
import static io.disruptorx.engine.RejectReason.INVALID_LIMITS;
import static io.disruptorx.engine.RejectReason.INVALID_ORDER_TYPE;
import static io.disruptorx.engine.RejectReason.INVALID_PRICE;
import static io.disruptorx.engine.RejectReason.INVALID_QUANTITY;
import static io.disruptorx.engine.RejectReason.KILL_SWITCH_ACTIVE;
import static io.disruptorx.engine.RejectReason.MAX_NOTIONAL_EXCEEDED;
import static io.disruptorx.engine.RejectReason.MAX_QUANTITY_EXCEEDED;
import static io.disruptorx.engine.RejectReason.NONE;
import static io.disruptorx.engine.RejectReason.NOTIONAL_OVERFLOW;
import static io.disruptorx.engine.RejectReason.NOT_ORDER_OWNER;
import static io.disruptorx.engine.RejectReason.NO_LIQUIDITY;
import static io.disruptorx.engine.RejectReason.ORDER_CAPACITY_EXCEEDED;
import static io.disruptorx.engine.RejectReason.POST_ONLY_WOULD_TRADE;
import static io.disruptorx.engine.RejectReason.PRICE_BELOW_FEE;
import static io.disruptorx.engine.RejectReason.PRICE_OUTSIDE_BAND;
import static io.disruptorx.engine.RejectReason.TRANSFER_ID_REUSED;
import static io.disruptorx.engine.RejectReason.UNKNOWN_ACCOUNT;
import static io.disruptorx.engine.RejectReason.UNKNOWN_INSTRUMENT;
import static io.disruptorx.engine.RejectReason.UNKNOWN_ORDER;
import static io.disruptorx.engine.Side.BUY;
import static io.disruptorx.engine.Side.SELL;
import static io.disruptorx.engine.TimeInForce.GTC;
import static io.disruptorx.engine.TimeInForce.IOC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link RejectReason} a command can produce, one scenario each, a guard that no reason is left without one,
 * and the order in which pre-trade risk checks apply.
 */
class MatchingEngineRejectTest
{
    private static final SelfTradePrevention NO_STP = SelfTradePrevention.NONE;
    private static final Map<RejectReason, Supplier<Outcome>> SCENARIOS = scenarios();

    static Stream<Arguments> reasons()
    {
        return SCENARIOS.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasons")
    void shouldRefuseWithReason(final RejectReason reason, final Supplier<Outcome> scenario)
    {
        final Outcome outcome = scenario.get();

        assertThat(outcome.actual()).containsExactlyElementsOf(outcome.expected());
    }

    @Test
    void shouldHaveScenarioForEveryRejectReason()
    {
        final EnumSet<RejectReason> expected = EnumSet.allOf(RejectReason.class);
        expected.remove(NONE);
        // never the engine's answer: a restarted shard host's, for a command whose outcome it could not read back
        expected.remove(RejectReason.UNKNOWN_STATUS);

        assertThat(SCENARIOS.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (final Map.Entry<RejectReason, Supplier<Outcome>> entry : SCENARIOS.entrySet())
        {
            final List<RejectReason> named = new ArrayList<>();
            for (final EngineEvent event : entry.getValue().get().expected())
            {
                named.add(reasonOf(event));
            }
            assertThat(named).as("scenario for %s", entry.getKey()).contains(entry.getKey());
        }
    }

    @Test
    void shouldCheckAccountBeforeInstrument()
    {
        final EngineFixture fx = EngineFixture.create();

        assertThat(fx.newOrder(99, 10, 9, BUY, LIMIT, GTC, false, NO_STP, 100, 1).executions())
            .containsExactly(new Rejected(10, 99, 9, UNKNOWN_ACCOUNT));
    }

    @Test
    void shouldCheckDuplicateClientOrderIdAfterAccountAndBeforeInstrument()
    {
        final EngineFixture fx = EngineFixture.create();
        fx.limit(1, 10, BUY, 100, 1);

        assertThat(fx.newOrder(1, 10, 9, BUY, LIMIT, GTC, false, NO_STP, 100, 1).executions())
            .containsExactly(new Rejected(10, 1, 9, DUPLICATE_CLIENT_ORDER_ID));
        assertThat(fx.newOrder(99, 10, 9, BUY, LIMIT, GTC, false, NO_STP, 100, 1).executions())
            .containsExactly(new Rejected(10, 99, 9, UNKNOWN_ACCOUNT));
    }

    @Test
    void shouldCheckOrderTypeBeforeHalt()
    {
        final EngineFixture fx = EngineFixture.create();
        fx.halt(INSTRUMENT);

        assertThat(fx.market(1, 10, BUY, GTC, 1).executions())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, INVALID_ORDER_TYPE));
    }

    @Test
    void shouldCheckHaltBeforeKillSwitchAndQuantity()
    {
        final EngineFixture fx = EngineFixture.create();
        fx.riskLimits(1, Long.MAX_VALUE, Long.MAX_VALUE, true);
        fx.halt(INSTRUMENT);

        assertThat(fx.limit(1, 10, BUY, 100, 0).executions())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, INSTRUMENT_HALTED));
    }

    @Test
    void shouldCheckKillSwitchBeforeQuantity()
    {
        final EngineFixture fx = EngineFixture.create();
        fx.riskLimits(1, Long.MAX_VALUE, Long.MAX_VALUE, true);

        assertThat(fx.limit(1, 10, BUY, 100, 0).executions())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, KILL_SWITCH_ACTIVE));
    }

    @Test
    void shouldCheckQuantityBeforePrice()
    {
        final EngineFixture fx = EngineFixture.create();

        assertThat(fx.limit(1, 10, BUY, 0, 0).executions())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, INVALID_QUANTITY));
    }

    @Test
    void shouldCheckBandBeforeLimitsAndBalance()
    {
        final EngineFixture fx = EngineFixture.builder().priceBandBps(500).funding(0, 10).build();
        fx.riskLimits(1, 1, 1, false);

        assertThat(fx.limit(1, 10, BUY, 106, 5).executions())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, PRICE_OUTSIDE_BAND));
    }

    @Test
    void shouldCheckMaxQuantityBeforeMaxNotionalAndBalance()
    {
        final EngineFixture fx = EngineFixture.builder().funding(0, 10).build();
        fx.riskLimits(1, 1, 1, false);

        assertThat(fx.limit(1, 10, BUY, 100, 5).executions())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, MAX_QUANTITY_EXCEEDED));
    }

    @Test
    void shouldCheckMaxNotionalBeforeBalance()
    {
        final EngineFixture fx = EngineFixture.builder().funding(0, 10).build();
        fx.riskLimits(1, 100, 1, false);

        assertThat(fx.limit(1, 10, BUY, 100, 5).executions())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, MAX_NOTIONAL_EXCEEDED));
    }

    @Test
    void shouldCheckPostOnlyBeforeBalance()
    {
        final EngineFixture fx = EngineFixture.builder().funding(10, 10).build();
        fx.limit(2, 10, SELL, 100, 5);

        assertThat(fx.postOnly(1, 11, BUY, 100, 5).executions())
            .containsExactly(new Rejected(11, 1, INSTRUMENT, POST_ONLY_WOULD_TRADE));
    }

    @Test
    void shouldCheckLiquidityBeforeBalance()
    {
        final EngineFixture fx = EngineFixture.builder().funding(0, 0).build();
        fx.adjust(1, BASE, 1);

        assertThat(fx.market(1, 10, SELL, IOC, 5).executions())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, NO_LIQUIDITY));
    }

    @Test
    void shouldAcceptPriceExactlyOnBandEdge()
    {
        final EngineFixture fx = EngineFixture.builder().priceBandBps(500).build();

        assertThat(fx.limit(1, 10, BUY, 95, 1).executions())
            .containsExactly(new Accepted(1, 10, 1, INSTRUMENT, BUY, LIMIT, GTC, 95, 1));
        assertThat(fx.limit(1, 11, SELL, 105, 1).executions())
            .containsExactly(new Accepted(2, 11, 1, INSTRUMENT, SELL, LIMIT, GTC, 105, 1));
        assertThat(fx.limit(1, 12, BUY, 94, 1).executions())
            .containsExactly(new Rejected(12, 1, INSTRUMENT, PRICE_OUTSIDE_BAND));
    }

    @Test
    void shouldAcceptImmediateOrderWhileBookIsAtCapacity()
    {
        // maxOrders bounds resting orders; an IOC never rests, and this one frees a slot
        final EngineFixture fx = EngineFixture.builder()
            .config(new EngineConfig(16, 16, 2, 1, 0, PostOnlyMode.REJECT)).build();
        fx.limit(1, 10, SELL, 100, 1);
        fx.limit(1, 11, SELL, 101, 1);

        assertThat(fx.limit(2, 12, BUY, IOC, 100, 1).executions()).containsExactly(
            new Accepted(3, 12, 2, INSTRUMENT, BUY, LIMIT, IOC, 100, 1),
            new EngineEvent.Trade(1, INSTRUMENT, 100, 1, BUY, new EngineEvent.Fill(1, 1, 0, 0),
                new EngineEvent.Fill(3, 2, 0, 0)));
    }

    @Test
    void shouldRejectReplaceOutsideBand()
    {
        final EngineFixture fx = EngineFixture.builder().priceBandBps(500).build();
        fx.limit(1, 10, BUY, 100, 1);

        assertThat(fx.replace(1, 11, 1, 94, 1).executions())
            .containsExactly(new CancelRejected(1, 11, 1, PRICE_OUTSIDE_BAND));
    }

    @Test
    void shouldReduceOrderInPlaceAfterReferenceMovedItOutsideBand()
    {
        // the spec says a replace "checks the same that apply"; a reduction in place adds no risk, so the band
        // (and the other limits) are taken to apply only when the price changes or the quantity grows
        final EngineFixture fx = EngineFixture.builder().priceBandBps(500).build();
        fx.limit(1, 10, BUY, 96, 5);
        fx.limit(2, 20, SELL, 104, 1);
        fx.limit(3, 30, BUY, 104, 1);

        assertThat(fx.replace(1, 11, 1, 96, 4).executions())
            .containsExactly(new Replaced(1, 11, 1, INSTRUMENT, 96, 4, true));
        assertThat(fx.replace(1, 12, 1, 97, 4).executions())
            .containsExactly(new CancelRejected(1, 12, 1, PRICE_OUTSIDE_BAND));
    }

    @Test
    void shouldRejectReplaceAboveMaxQuantity()
    {
        final EngineFixture fx = EngineFixture.create();
        fx.limit(1, 10, BUY, 100, 5);
        fx.riskLimits(1, 5, Long.MAX_VALUE, false);

        assertThat(fx.replace(1, 11, 1, 100, 6).executions())
            .containsExactly(new CancelRejected(1, 11, 1, MAX_QUANTITY_EXCEEDED));
    }

    @Test
    void shouldRejectOrderTypeCombinations()
    {
        final EngineFixture fx = EngineFixture.create();

        assertThat(fx.market(1, 10, BUY, TimeInForce.DAY, 1).executions())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, INVALID_ORDER_TYPE));
        assertThat(fx.newOrder(1, 11, INSTRUMENT, BUY, MARKET, TimeInForce.FOK, true, NO_STP, 0, 1).executions())
            .containsExactly(new Rejected(11, 1, INSTRUMENT, INVALID_ORDER_TYPE));
    }

    @Test
    void shouldRejectPriceOffTickAndQuantityOffLot()
    {
        final EngineFixture fx = EngineFixture.builder().sizes(5, 10, 0).build();

        assertThat(fx.limit(1, 10, BUY, 103, 10).executions())
            .containsExactly(new Rejected(10, 1, INSTRUMENT, INVALID_PRICE));
        assertThat(fx.limit(1, 11, BUY, 100, 15).executions())
            .containsExactly(new Rejected(11, 1, INSTRUMENT, INVALID_QUANTITY));
        assertThat(fx.limit(1, 12, BUY, -100, 10).executions())
            .containsExactly(new Rejected(12, 1, INSTRUMENT, INVALID_PRICE));
        assertThat(fx.limit(1, 13, BUY, 100, -10).executions())
            .containsExactly(new Rejected(13, 1, INSTRUMENT, INVALID_QUANTITY));
    }

    @Test
    void shouldRefuseInconsistentInstruments()
    {
        final EngineFixture fx = EngineFixture.create();

        // makerFee above takerFee
        assertThat(fx.addInstrument(2, 3, QUOTE, 1, 1, 0, 0, 3, 2, 100, 0, 1_000).all())
            .containsExactly(new AdminResult(AdminType.ADD_INSTRUMENT, 2, INVALID_INSTRUMENT));
        // negative fee
        assertThat(fx.addInstrument(3, 3, QUOTE, 1, 1, 0, 0, -1, 0, 100, 0, 1_000).all())
            .containsExactly(new AdminResult(AdminType.ADD_INSTRUMENT, 3, INVALID_INSTRUMENT));
        // quantity scale above 18
        assertThat(fx.addInstrument(4, 3, QUOTE, 1, 1, 0, 19, 0, 0, 100, 0, 1_000).all())
            .containsExactly(new AdminResult(AdminType.ADD_INSTRUMENT, 4, INVALID_INSTRUMENT));
        // tick size zero
        assertThat(fx.addInstrument(5, 3, QUOTE, 0, 1, 0, 0, 0, 0, 100, 0, 1_000).all())
            .containsExactly(new AdminResult(AdminType.ADD_INSTRUMENT, 5, INVALID_INSTRUMENT));
        // base and quote the same asset
        assertThat(fx.addInstrument(6, QUOTE, QUOTE, 1, 1, 0, 0, 0, 0, 100, 0, 1_000).all())
            .containsExactly(new AdminResult(AdminType.ADD_INSTRUMENT, 6, INVALID_INSTRUMENT));
        // an asset id out of range has its own reason
        assertThat(fx.addInstrument(7, 10_000, QUOTE, 1, 1, 0, 0, 0, 0, 100, 0, 1_000).all())
            .containsExactly(new AdminResult(AdminType.ADD_INSTRUMENT, 7, INVALID_ASSET));
    }

    @Test
    void shouldRefuseAdjustBalanceOfInvalidAccount()
    {
        final EngineFixture fx = EngineFixture.create();

        assertThat(fx.adjust(-5, QUOTE, 100).all())
            .containsExactly(new AdminResult(AdminType.ADJUST_BALANCE, -5, UNKNOWN_ACCOUNT));
    }

    private static Map<RejectReason, Supplier<Outcome>> scenarios()
    {
        final Map<RejectReason, Supplier<Outcome>> map = new EnumMap<>(RejectReason.class);
        map.put(UNKNOWN_INSTRUMENT, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            return new Outcome(fx.newOrder(1, 10, 9, BUY, LIMIT, GTC, false, NO_STP, 100, 1).executions(),
                List.of(new Rejected(10, 1, 9, UNKNOWN_INSTRUMENT)));
        });
        map.put(UNKNOWN_ACCOUNT, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            return new Outcome(fx.limit(77, 10, BUY, 100, 1).executions(),
                List.of(new Rejected(10, 77, INSTRUMENT, UNKNOWN_ACCOUNT)));
        });
        map.put(UNKNOWN_ORDER, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            return new Outcome(fx.cancel(1, 10, 42).all(), List.of(new CancelRejected(42, 10, 1, UNKNOWN_ORDER)));
        });
        map.put(NOT_ORDER_OWNER, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            fx.limit(1, 10, BUY, 100, 1);
            return new Outcome(fx.cancel(2, 11, 1).all(), List.of(new CancelRejected(1, 11, 2, NOT_ORDER_OWNER)));
        });
        map.put(INSTRUMENT_HALTED, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            fx.halt(INSTRUMENT);
            return new Outcome(fx.limit(1, 10, BUY, 100, 1).all(),
                List.of(new Rejected(10, 1, INSTRUMENT, INSTRUMENT_HALTED)));
        });
        map.put(INVALID_PRICE, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            return new Outcome(fx.limit(1, 10, BUY, 0, 1).all(),
                List.of(new Rejected(10, 1, INSTRUMENT, INVALID_PRICE)));
        });
        map.put(INVALID_QUANTITY, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            return new Outcome(fx.limit(1, 10, BUY, 100, 0).all(),
                List.of(new Rejected(10, 1, INSTRUMENT, INVALID_QUANTITY)));
        });
        map.put(INVALID_ORDER_TYPE, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            return new Outcome(fx.market(1, 10, BUY, GTC, 1).all(),
                List.of(new Rejected(10, 1, INSTRUMENT, INVALID_ORDER_TYPE)));
        });
        map.put(PRICE_OUTSIDE_BAND, () ->
        {
            final EngineFixture fx = EngineFixture.builder().priceBandBps(500).build();
            return new Outcome(fx.limit(1, 10, SELL, 106, 1).all(),
                List.of(new Rejected(10, 1, INSTRUMENT, PRICE_OUTSIDE_BAND)));
        });
        map.put(INSUFFICIENT_BALANCE, () ->
        {
            final EngineFixture fx = EngineFixture.builder().funding(0, 99).build();
            return new Outcome(fx.limit(1, 10, BUY, 100, 1).all(),
                List.of(new Rejected(10, 1, INSTRUMENT, INSUFFICIENT_BALANCE)));
        });
        map.put(MAX_QUANTITY_EXCEEDED, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            fx.riskLimits(1, 10, Long.MAX_VALUE, false);
            final List<EngineEvent> actual = new ArrayList<>(fx.limit(1, 10, BUY, 100, 11).all());
            actual.addAll(fx.limit(1, 11, BUY, 100, 10).executions());
            return new Outcome(actual, List.of(
                new Rejected(10, 1, INSTRUMENT, MAX_QUANTITY_EXCEEDED),
                new Accepted(1, 11, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 10)));
        });
        map.put(MAX_NOTIONAL_EXCEEDED, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            fx.riskLimits(1, Long.MAX_VALUE, 1_000, false);
            final List<EngineEvent> actual = new ArrayList<>(fx.limit(1, 10, BUY, 100, 11).all());
            actual.addAll(fx.limit(1, 11, BUY, 100, 10).executions());
            return new Outcome(actual, List.of(
                new Rejected(10, 1, INSTRUMENT, MAX_NOTIONAL_EXCEEDED),
                new Accepted(1, 11, 1, INSTRUMENT, BUY, LIMIT, GTC, 100, 10)));
        });
        map.put(KILL_SWITCH_ACTIVE, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            fx.riskLimits(1, Long.MAX_VALUE, Long.MAX_VALUE, true);
            return new Outcome(fx.limit(1, 10, BUY, 100, 1).all(),
                List.of(new Rejected(10, 1, INSTRUMENT, KILL_SWITCH_ACTIVE)));
        });
        map.put(POST_ONLY_WOULD_TRADE, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            fx.limit(2, 10, BUY, 100, 1);
            return new Outcome(fx.postOnly(1, 11, SELL, 99, 1).all(),
                List.of(new Rejected(11, 1, INSTRUMENT, POST_ONLY_WOULD_TRADE)));
        });
        map.put(NO_LIQUIDITY, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            return new Outcome(fx.market(1, 10, SELL, IOC, 1).all(),
                List.of(new Rejected(10, 1, INSTRUMENT, NO_LIQUIDITY)));
        });
        map.put(ORDER_CAPACITY_EXCEEDED, () ->
        {
            final EngineFixture fx = EngineFixture.builder()
                .config(new EngineConfig(16, 16, 2, 1, 0, PostOnlyMode.REJECT)).build();
            fx.limit(1, 10, BUY, 90, 1);
            fx.limit(1, 11, BUY, 91, 1);
            final List<EngineEvent> actual = new ArrayList<>(fx.limit(1, 12, BUY, 92, 1).all());
            fx.cancel(1, 13, 1);
            actual.addAll(fx.limit(1, 14, BUY, 93, 1).executions());
            return new Outcome(actual, List.of(
                new Rejected(12, 1, INSTRUMENT, ORDER_CAPACITY_EXCEEDED),
                new Accepted(3, 14, 1, INSTRUMENT, BUY, LIMIT, GTC, 93, 1)));
        });
        map.put(DUPLICATE_INSTRUMENT, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            return new Outcome(fx.addInstrument(INSTRUMENT, 3, QUOTE, 1, 1, 0, 0, 0, 0, 100, 0, 1_000).all(),
                List.of(new AdminResult(AdminType.ADD_INSTRUMENT, INSTRUMENT, DUPLICATE_INSTRUMENT)));
        });
        map.put(INVALID_INSTRUMENT, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            // tick 3 * lot 3 = 9 is not a multiple of 10^1: notional would not be exact
            return new Outcome(fx.addInstrument(2, 3, QUOTE, 3, 3, 0, 1, 0, 0, 99, 0, 1_000).all(),
                List.of(new AdminResult(AdminType.ADD_INSTRUMENT, 2, INVALID_INSTRUMENT)));
        });
        map.put(INVALID_ASSET, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            return new Outcome(fx.adjust(1, 256, 100).all(),
                List.of(new AdminResult(AdminType.ADJUST_BALANCE, 1, INVALID_ASSET)));
        });
        map.put(NOTIONAL_OVERFLOW, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            return new Outcome(fx.limit(1, 10, BUY, 1L << 40, 1L << 30).all(),
                List.of(new Rejected(10, 1, INSTRUMENT, NOTIONAL_OVERFLOW)));
        });
        map.put(PRICE_BELOW_FEE, () ->
        {
            final EngineFixture fx = EngineFixture.builder().fees(1, 5).build();
            final List<EngineEvent> actual = new ArrayList<>(fx.limit(1, 10, SELL, 4, 1).all());
            actual.addAll(fx.limit(1, 11, SELL, 5, 1).executions());
            return new Outcome(actual, List.of(
                new Rejected(10, 1, INSTRUMENT, PRICE_BELOW_FEE),
                new Accepted(1, 11, 1, INSTRUMENT, SELL, LIMIT, GTC, 5, 1)));
        });
        map.put(INVALID_LIMITS, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            return new Outcome(fx.riskLimits(1, -1, Long.MAX_VALUE, false).all(),
                List.of(new AdminResult(AdminType.SET_RISK_LIMITS, 1, INVALID_LIMITS)));
        });
        map.put(DUPLICATE_CLIENT_ORDER_ID, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            fx.limit(1, 10, BUY, 100, 1);
            final List<EngineEvent> actual = new ArrayList<>(fx.limit(1, 10, SELL, 101, 1).all());
            actual.addAll(fx.limit(2, 10, SELL, 101, 1).executions());
            return new Outcome(actual, List.of(
                new Rejected(10, 1, INSTRUMENT, DUPLICATE_CLIENT_ORDER_ID),
                new Accepted(2, 10, 2, INSTRUMENT, SELL, LIMIT, GTC, 101, 1)));
        });
        map.put(BALANCE_OVERFLOW, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            return new Outcome(fx.adjust(1, BASE, Long.MAX_VALUE).all(),
                List.of(new AdminResult(AdminType.ADJUST_BALANCE, 1, BALANCE_OVERFLOW)));
        });
        map.put(TRANSFER_ID_REUSED, () ->
        {
            final EngineFixture fx = EngineFixture.create();
            fx.transferIn(5, 1, QUOTE, 10);
            return new Outcome(fx.transferIn(5, 2, QUOTE, 10).all(),
                List.of(new AdminResult(AdminType.TRANSFER_IN, 5, TRANSFER_ID_REUSED)));
        });
        return map;
    }

    private static RejectReason reasonOf(final EngineEvent event)
    {
        if (event instanceof Rejected rejected)
        {
            return rejected.reason();
        }
        if (event instanceof CancelRejected rejected)
        {
            return rejected.reason();
        }
        if (event instanceof AdminResult result)
        {
            return result.result();
        }
        return NONE;
    }

    /**
     * What a scenario's commands produced and what the spec says they must.
     *
     * @param actual   recorded events.
     * @param expected expected events.
     */
    record Outcome(List<EngineEvent> actual, List<EngineEvent> expected)
    {
    }
}
