package io.disruptorx.gateway.dialect;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.gateway.client.NativeClient;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.GatewayHarness;
import io.disruptorx.gateway.support.NativeTestClient;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import io.disruptorx.protocol.venue.VenueClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.disruptorx.gateway.support.TestVenueSetup.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reason an order-entry request can be refused for, reached from a real client over the wire, each with the
 * report it must produce. Admin-only engine reasons (instrument listing, limits, balances) cannot be reached by
 * order entry and are listed apart.
 */
@Timeout(120)
class NativeRejectReasonTest
{
    private static final long MAX = Long.MAX_VALUE;
    private static final long ONE = ClientOrderIds.encode("1");
    private static final Set<EntryRejectReason> ADMIN_ONLY = EnumSet.of(EntryRejectReason.DUPLICATE_INSTRUMENT,
        EntryRejectReason.INVALID_INSTRUMENT, EntryRejectReason.INVALID_ASSET, EntryRejectReason.INVALID_LIMITS,
        EntryRejectReason.BALANCE_OVERFLOW);

    /**
     * One way to be refused.
     *
     * @param reason   expected reason.
     * @param user     who asks.
     * @param engine   engine settings.
     * @param setUp    on the gateway thread, before the requests.
     * @param requests what the client sends.
     * @param reports  reports to wait for, the refusal among them.
     * @param expected the refusal.
     */
    record Case(
        EntryRejectReason reason,
        String user,
        EngineConfig engine,
        Consumer<EngineVenue> setUp,
        Consumer<NativeClient> requests,
        int reports,
        String expected)
    {
        @Override
        public String toString()
        {
            return reason.name();
        }
    }

    static Stream<Case> cases()
    {
        final EngineConfig defaults = EngineConfig.defaults();
        final Consumer<EngineVenue> none = venue -> { };
        return Stream.of(
            new Case(EntryRejectReason.UNKNOWN_INSTRUMENT, "alice", defaults, none,
                c -> buy(c, 1, 3, 10000, -2, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=3 UNKNOWN_INSTRUMENT"),
            new Case(EntryRejectReason.UNKNOWN_ACCOUNT, "dave", defaults, none,
                c -> buy(c, 1, 1, 10000, -2, 1, 0), 1, "REJECTED clOrd=1 acct=6 instr=1 UNKNOWN_ACCOUNT"),
            new Case(EntryRejectReason.UNKNOWN_ORDER, "alice", defaults, none,
                c -> c.cancel(7, 0, 999, 0), 1, "CANCEL_REJECTED order=999 clOrd=0 req=7 acct=1 UNKNOWN_ORDER"),
            new Case(EntryRejectReason.NOT_ORDER_OWNER, "alice", defaults, NativeRejectReasonTest::bobBidsAt99,
                c -> c.cancel(7, 0, 1, 0), 1, "CANCEL_REJECTED order=1 clOrd=0 req=7 acct=1 NOT_ORDER_OWNER"),
            new Case(EntryRejectReason.INSTRUMENT_HALTED, "alice", defaults,
                venue -> venue.engine().haltInstrument(venue.nextTimestamp(), 1),
                c -> buy(c, 1, 1, 10000, -2, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 INSTRUMENT_HALTED"),
            new Case(EntryRejectReason.INVALID_PRICE, "alice", defaults, none,
                c -> buy(c, 1, 2, 200001, -2, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=2 INVALID_PRICE"),
            new Case(EntryRejectReason.INVALID_QUANTITY, "alice", defaults, none,
                c -> buy(c, 1, 1, 10000, -2, 0, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 INVALID_QUANTITY"),
            new Case(EntryRejectReason.INVALID_ORDER_TYPE, "alice", defaults, none,
                c -> c.newOrder(ONE, 0, 1, Side.BUY, OrderType.MARKET, TimeInForce.GTC, false,
                    SelfTradePrevention.CANCEL_NEWEST, 0, 0, 1, 0), 1,
                "REJECTED clOrd=1 acct=1 instr=1 INVALID_ORDER_TYPE"),
            new Case(EntryRejectReason.PRICE_OUTSIDE_BAND, "alice", defaults, none,
                c -> buy(c, 1, 1, 12000, -2, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 PRICE_OUTSIDE_BAND"),
            new Case(EntryRejectReason.INSUFFICIENT_BALANCE, "alice", defaults, none,
                c -> buy(c, 1, 1, 10000, -2, 1_000_000_000L, 0), 1,
                "REJECTED clOrd=1 acct=1 instr=1 INSUFFICIENT_BALANCE"),
            new Case(EntryRejectReason.MAX_QUANTITY_EXCEEDED, "alice", defaults,
                venue -> venue.engine().setRiskLimits(venue.nextTimestamp(), 1, 10, MAX, false),
                c -> buy(c, 1, 1, 10000, -2, 11, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 MAX_QUANTITY_EXCEEDED"),
            new Case(EntryRejectReason.MAX_NOTIONAL_EXCEEDED, "alice", defaults,
                venue -> venue.engine().setRiskLimits(venue.nextTimestamp(), 1, MAX, 1_000, false),
                c -> buy(c, 1, 1, 10000, -2, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 MAX_NOTIONAL_EXCEEDED"),
            new Case(EntryRejectReason.KILL_SWITCH_ACTIVE, "alice", defaults,
                venue -> venue.engine().setRiskLimits(venue.nextTimestamp(), 1, MAX, MAX, true),
                c -> buy(c, 1, 1, 10000, -2, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 KILL_SWITCH_ACTIVE"),
            new Case(EntryRejectReason.POST_ONLY_WOULD_TRADE, "alice", defaults, NativeRejectReasonTest::bobOffersAt100,
                c -> c.newOrder(ONE, 0, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, true,
                    SelfTradePrevention.CANCEL_NEWEST, 10000, -2, 1, 0), 1,
                "REJECTED clOrd=1 acct=1 instr=1 POST_ONLY_WOULD_TRADE"),
            new Case(EntryRejectReason.NO_LIQUIDITY, "alice", defaults, none,
                c -> c.newOrder(ONE, 0, 1, Side.BUY, OrderType.MARKET, TimeInForce.IOC, false,
                    SelfTradePrevention.CANCEL_NEWEST, 0, 0, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 NO_LIQUIDITY"),
            new Case(EntryRejectReason.ORDER_CAPACITY_EXCEEDED, "alice",
                new EngineConfig(16, 16, 1, 1, 0, PostOnlyMode.REJECT), NativeRejectReasonTest::bobBidsAt99,
                c -> buy(c, 1, 1, 9800, -2, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 ORDER_CAPACITY_EXCEEDED"),
            new Case(EntryRejectReason.NOTIONAL_OVERFLOW, "alice", defaults, none,
                c -> buy(c, 1, 2, 200000, -2, 100_000_000_000L, 0), 1,
                "REJECTED clOrd=1 acct=1 instr=2 NOTIONAL_OVERFLOW"),
            new Case(EntryRejectReason.PRICE_BELOW_FEE, "alice", defaults, none,
                c -> c.newOrder(ONE, 0, 2, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                    SelfTradePrevention.CANCEL_NEWEST, 5, -2, 1, 0), 1,
                "REJECTED clOrd=1 acct=1 instr=2 PRICE_BELOW_FEE"),
            new Case(EntryRejectReason.DUPLICATE_CLIENT_ORDER_ID, "alice", defaults, none,
                c ->
                {
                    buy(c, 1, 1, 9900, -2, 1, 0);
                    buy(c, 1, 1, 9800, -2, 1, 0);
                }, 2, "REJECTED clOrd=1 acct=1 instr=1 DUPLICATE_CLIENT_ORDER_ID"),
            new Case(EntryRejectReason.THROTTLED, "slow", defaults, none,
                c -> repeat(c, 3), 3, "REJECTED clOrd=3 acct=4 instr=1 THROTTLED"),
            new Case(EntryRejectReason.OPEN_ORDER_LIMIT, "carol", defaults, none,
                c -> repeat(c, 3), 3, "REJECTED clOrd=3 acct=5 instr=1 OPEN_ORDER_LIMIT"),
            new Case(EntryRejectReason.NOT_ENTITLED, "alice", defaults, none,
                c -> c.newOrder(ONE, 3, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                    SelfTradePrevention.CANCEL_NEWEST, 10000, -2, 1, 0), 1,
                "REJECTED clOrd=1 acct=3 instr=1 NOT_ENTITLED"),
            new Case(EntryRejectReason.READ_ONLY_SESSION, "copy", defaults, none,
                c -> buy(c, 1, 1, 10000, -2, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 READ_ONLY_SESSION"),
            new Case(EntryRejectReason.ROLE_NOT_PERMITTED, "risk", defaults, none,
                c -> buy(c, 1, 1, 10000, -2, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 ROLE_NOT_PERMITTED"),
            new Case(EntryRejectReason.PRECISION_LOSS, "alice", defaults, none,
                c -> buy(c, 1, 1, 100001, -3, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 PRECISION_LOSS"),
            new Case(EntryRejectReason.VALUE_OUT_OF_RANGE, "alice", defaults, none,
                c -> buy(c, 1, 1, 10000, -2, 1, 19), 1, "REJECTED clOrd=1 acct=1 instr=1 VALUE_OUT_OF_RANGE"),
            new Case(EntryRejectReason.INVALID_FIELD, "alice", defaults, none,
                c -> c.newOrder(ONE, 0, 1, Side.BUY, OrderType.LIMIT, TimeInForce.NULL_VAL, false,
                    SelfTradePrevention.CANCEL_NEWEST, 10000, -2, 1, 0), 1,
                "REJECTED clOrd=1 acct=1 instr=1 INVALID_FIELD"),
            new Case(EntryRejectReason.INVALID_CLIENT_ORDER_ID, "alice", defaults, none,
                c -> buy(c, 0, 1, 10000, -2, 1, 0), 1, "REJECTED clOrd=0 acct=1 instr=1 INVALID_CLIENT_ORDER_ID"),
            new Case(EntryRejectReason.VENUE_BUSY, "alice", defaults,
                venue -> venue.refuse(VenueClient.BACK_PRESSURED),
                c -> buy(c, 1, 1, 10000, -2, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 VENUE_BUSY"),
            new Case(EntryRejectReason.VENUE_UNAVAILABLE, "alice", defaults,
                venue -> venue.refuse(VenueClient.NOT_CONNECTED),
                c -> buy(c, 1, 1, 10000, -2, 1, 0), 1, "REJECTED clOrd=1 acct=1 instr=1 VENUE_UNAVAILABLE"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void shouldRefuseWithTheReasonAndCountIt(final Case refusal)
    {
        try (GatewayHarness harness = new GatewayHarness(refusal.engine(), 1024, 1_000_000_000L);
            NativeTestClient client = NativeTestClient.login(harness.nativeAddress(), refusal.user(), PASSWORD, 0))
        {
            harness.onGatewayThread(refusal.setUp());
            refusal.requests().accept(client.client());
            final List<String> reports = client.awaitReports(refusal.reports());
            assertThat(reports).hasSize(refusal.reports()).containsOnlyOnce(refusal.expected());
            assertThat(harness.gateway().core().counters().rejects(refusal.reason().value())).isEqualTo(1);
        }
    }

    @Test
    void shouldCoverEveryReasonOrderEntryCanReach()
    {
        final Set<EntryRejectReason> covered = cases().map(Case::reason).collect(Collectors.toSet());
        final Set<EntryRejectReason> reachable = EnumSet.allOf(EntryRejectReason.class);
        reachable.removeAll(ADMIN_ONLY);
        reachable.remove(EntryRejectReason.UNKNOWN_STATUS);
        reachable.remove(EntryRejectReason.NONE);
        reachable.remove(EntryRejectReason.NULL_VAL);
        assertThat(covered).containsExactlyInAnyOrderElementsOf(reachable);
    }

    private static void buy(
        final NativeClient client, final long clientOrderId, final int instrument, final long price,
        final int priceExponent, final long quantity, final int quantityExponent)
    {
        client.newOrder(clientOrderId == 0 ? 0 : ClientOrderIds.encode(Long.toString(clientOrderId)), 0, instrument,
            Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, price, priceExponent, quantity, quantityExponent);
    }

    private static void repeat(final NativeClient client, final int times)
    {
        for (int i = 1; i <= times; i++)
        {
            buy(client, i, 1, 9900, -2, 1, 0);
        }
    }

    private static void bobBidsAt99(final EngineVenue venue)
    {
        order(venue.engine(), venue.nextTimestamp(), io.disruptorx.engine.Side.BUY, 9900);
    }

    private static void bobOffersAt100(final EngineVenue venue)
    {
        order(venue.engine(), venue.nextTimestamp(), io.disruptorx.engine.Side.SELL, 10000);
    }

    private static void order(
        final MatchingEngine engine, final long timestamp, final io.disruptorx.engine.Side side, final long price)
    {
        engine.newOrder(timestamp, 3, 1, 1, side, io.disruptorx.engine.OrderType.LIMIT,
            io.disruptorx.engine.TimeInForce.GTC, false, io.disruptorx.engine.SelfTradePrevention.CANCEL_NEWEST,
            price, 1);
    }
}
