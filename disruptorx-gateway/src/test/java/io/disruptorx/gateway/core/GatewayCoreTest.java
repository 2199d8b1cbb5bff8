package io.disruptorx.gateway.core;

import java.math.BigDecimal;

import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.ReportText;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayCoreTest
{
    private static final int BUY = 0;
    private static final int SELL = 1;
    private static final int LIMIT = 0;
    private static final int MARKET = 1;
    private static final int GTC = 0;
    private static final int IOC = 2;
    private static final int CANCEL_NEWEST = 0;
    private static final int PROTOCOL = 1;

    private final EngineVenue venue = EngineVenue.withDefaults();
    private final CachedNanoClock clock = new CachedNanoClock();
    private GatewayCore core;
    private Session alice;
    private Session bob;
    private Session copy;

    @BeforeEach
    void setUp()
    {
        TestVenueSetup.list(venue.engine());
        core = new GatewayCore(TestVenueSetup.settings(1024), TestVenueSetup.instruments(),
            TestVenueSetup.authenticator(), venue, clock, () -> 77);
        alice = login("alice");
        bob = login("bob");
        copy = login("copy");
        core.doWork();
    }

    @Test
    void shouldReportAcceptanceTradesAndCancelToOwnersAndDropCopy()
    {
        buy(alice, 11, 1, "100.00", "5");
        core.newOrder(bob, 21, 0, 1, SELL, LIMIT, GTC, 0, CANCEL_NEWEST, 9950, -2, 3, 0, null);
        core.doWork();
        core.cancel(alice, 12, 0, 0, 11);
        core.doWork();

        assertThat(ReportText.of(alice.store(), 1)).containsExactly(
            "ACCEPTED order=1 clOrd=11 acct=1 instr=1 BUY LIMIT GTC px=10000 qty=5",
            "FILL order=1 clOrd=11 acct=1 trade=1 BUY ADDED px=10000 qty=3 leaves=2 cum=3 fee=3",
            "CANCELLED order=1 clOrd=11 req=12 acct=1 qty=2 REQUESTED");
        assertThat(ReportText.of(bob.store(), 1)).containsExactly(
            "ACCEPTED order=2 clOrd=21 acct=3 instr=1 SELL LIMIT GTC px=9950 qty=3",
            "FILL order=2 clOrd=21 acct=3 trade=1 SELL REMOVED px=10000 qty=3 leaves=0 cum=3 fee=6");
        assertThat(ReportText.of(copy.store(), 1)).containsExactly(
            "ACCEPTED order=1 clOrd=11 acct=1 instr=1 BUY LIMIT GTC px=10000 qty=5",
            "ACCEPTED order=2 clOrd=21 acct=3 instr=1 SELL LIMIT GTC px=9950 qty=3",
            "FILL order=1 clOrd=11 acct=1 trade=1 BUY ADDED px=10000 qty=3 leaves=2 cum=3 fee=3",
            "FILL order=2 clOrd=21 acct=3 trade=1 SELL REMOVED px=10000 qty=3 leaves=0 cum=3 fee=6",
            "CANCELLED order=1 clOrd=11 req=12 acct=1 qty=2 REQUESTED");
        assertThat(core.liveOrders()).isZero();
    }

    @Test
    void shouldConvertDecimalsWithTheInstrumentsScalesAndRefusePrecisionLoss()
    {
        core.newOrder(alice, 1, 0, 2, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 200005, -2, 2000, -3, null);
        core.newOrder(alice, 2, 0, 2, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 2000051, -3, 1, 0, null);
        core.newOrder(alice, 3, 0, 2, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 2000, 0, 10001, -4, null);
        core.newOrder(alice, 4, 0, 2, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 2000, 0, Long.MAX_VALUE / 10, 0, null);
        core.doWork();

        assertThat(ReportText.of(alice.store(), 1)).containsExactly(
            "REJECTED clOrd=2 acct=1 instr=2 PRECISION_LOSS",
            "REJECTED clOrd=3 acct=1 instr=2 PRECISION_LOSS",
            "REJECTED clOrd=4 acct=1 instr=2 VALUE_OUT_OF_RANGE",
            "ACCEPTED order=1 clOrd=1 acct=1 instr=2 BUY LIMIT GTC px=200005 qty=2000");
        assertThat(core.counters().rejects(EntryRejectReason.PRECISION_LOSS.value())).isEqualTo(2);
    }

    @Test
    void shouldRejectAtTheGatewayWithAReasonEachAndCountIt()
    {
        core.newOrder(alice, 1, 3, 1, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 100, 0, 1, 0, null);
        core.newOrder(alice, 0, 0, 1, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 100, 0, 1, 0, null);
        core.newOrder(alice, 2, 0, 9, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 100, 0, 1, 0, null);
        core.newOrder(alice, 3, 0, 1, 7, LIMIT, GTC, 0, CANCEL_NEWEST, 100, 0, 1, 0, null);
        core.newOrder(alice, 4, 0, 1, BUY, LIMIT, 9, 0, CANCEL_NEWEST, 100, 0, 1, 0, null);
        core.newOrder(copy, 5, 0, 1, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 100, 0, 1, 0, null);
        core.cancel(alice, 6, 0, 0, 0);
        core.cancel(alice, 7, 0, 0, 999);
        core.replace(alice, 8, 0, 0, 999, 100, 0, 1, 0);
        core.cancelAfter(alice, 9, -1);
        venue.refuse(VenueClient.BACK_PRESSURED);
        core.newOrder(alice, 10, 0, 1, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 100, 0, 1, 0, null);
        venue.refuse(VenueClient.NOT_CONNECTED);
        core.cancel(alice, 11, 0, 5, 0);
        venue.refuse(0);
        core.doWork();

        assertThat(ReportText.of(alice.store(), 1)).containsExactly(
            "REJECTED clOrd=1 acct=3 instr=1 NOT_ENTITLED",
            "REJECTED clOrd=0 acct=1 instr=1 INVALID_CLIENT_ORDER_ID",
            "REJECTED clOrd=2 acct=1 instr=9 UNKNOWN_INSTRUMENT",
            "REJECTED clOrd=3 acct=1 instr=1 INVALID_FIELD",
            "REJECTED clOrd=4 acct=1 instr=1 INVALID_FIELD",
            "CANCEL_REJECTED order=0 clOrd=0 req=6 acct=1 INVALID_FIELD",
            "CANCEL_REJECTED order=0 clOrd=999 req=7 acct=1 UNKNOWN_ORDER",
            "CANCEL_REJECTED order=0 clOrd=999 req=8 acct=1 UNKNOWN_ORDER",
            "CANCEL_REJECTED order=0 clOrd=0 req=9 acct=1 INVALID_FIELD",
            "REJECTED clOrd=10 acct=1 instr=1 VENUE_BUSY",
            "CANCEL_REJECTED order=5 clOrd=0 req=11 acct=1 VENUE_UNAVAILABLE");
        assertThat(ReportText.of(copy.store(), 1)).containsExactly(
            "REJECTED clOrd=5 acct=1 instr=1 READ_ONLY_SESSION");
        assertThat(venue.commandsTaken()).isZero();
        assertThat(core.counters().rejects(EntryRejectReason.INVALID_FIELD.value())).isEqualTo(4);
        assertThat(core.counters().rejects(EntryRejectReason.VENUE_BUSY.value())).isEqualTo(1);
    }

    @Test
    void shouldThrottleEachSessionWithItsTokenBucket()
    {
        final Session slow = login("slow");
        for (int i = 1; i <= 4; i++)
        {
            core.newOrder(slow, i, 0, 1, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 9900 + i, -2, 1, 0, null);
        }
        clock.advance(1_000_000_000L);
        core.newOrder(slow, 5, 0, 1, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 9905, -2, 1, 0, null);
        core.doWork();

        assertThat(ReportText.of(slow.store(), 1)).containsExactly(
            "REJECTED clOrd=3 acct=4 instr=1 THROTTLED",
            "REJECTED clOrd=4 acct=4 instr=1 THROTTLED",
            "ACCEPTED order=1 clOrd=1 acct=4 instr=1 BUY LIMIT GTC px=9901 qty=1",
            "ACCEPTED order=2 clOrd=2 acct=4 instr=1 BUY LIMIT GTC px=9902 qty=1",
            "ACCEPTED order=3 clOrd=5 acct=4 instr=1 BUY LIMIT GTC px=9905 qty=1");
        assertThat(core.counters().rejects(EntryRejectReason.THROTTLED.value())).isEqualTo(2);
    }

    @Test
    void shouldCountOrdersInFlightAgainstTheOpenOrderLimit()
    {
        final Session carol = login("carol");
        for (int i = 1; i <= 3; i++)
        {
            core.newOrder(carol, i, 0, 1, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 9900, -2, 1, 0, null);
        }
        core.doWork();
        core.cancel(carol, 10, 0, 0, 1);
        core.doWork();
        core.newOrder(carol, 4, 0, 1, BUY, LIMIT, GTC, 0, CANCEL_NEWEST, 9900, -2, 1, 0, null);
        core.doWork();

        assertThat(ReportText.of(carol.store(), 1)).containsExactly(
            "REJECTED clOrd=3 acct=5 instr=1 OPEN_ORDER_LIMIT",
            "ACCEPTED order=1 clOrd=1 acct=5 instr=1 BUY LIMIT GTC px=9900 qty=1",
            "ACCEPTED order=2 clOrd=2 acct=5 instr=1 BUY LIMIT GTC px=9900 qty=1",
            "CANCELLED order=1 clOrd=1 req=10 acct=5 qty=1 REQUESTED",
            "ACCEPTED order=3 clOrd=4 acct=5 instr=1 BUY LIMIT GTC px=9900 qty=1");
    }

    @Test
    void shouldCancelTheOrdersOfASessionThatDisconnectsWithCancelOnDisconnect()
    {
        buy(alice, 1, 1, "99.00", "1");
        buy(alice, 2, 2, "98.00", "1");
        buy(bob, 3, 3, "97.00", "1");
        core.doWork();
        buy(alice, 4, 1, "96.00", "1");
        core.detach(alice);
        core.detach(bob);
        core.doWork();
        core.doWork();

        assertThat(ReportText.of(alice.store(), 1)).containsExactly(
            "ACCEPTED order=1 clOrd=1 acct=1 instr=1 BUY LIMIT GTC px=9900 qty=1",
            "ACCEPTED order=2 clOrd=2 acct=2 instr=1 BUY LIMIT GTC px=9800 qty=1",
            "ACCEPTED order=4 clOrd=4 acct=1 instr=1 BUY LIMIT GTC px=9600 qty=1",
            "CANCELLED order=2 clOrd=2 req=0 acct=2 qty=1 REQUESTED",
            "CANCELLED order=1 clOrd=1 req=0 acct=1 qty=1 REQUESTED",
            "CANCELLED order=4 clOrd=4 req=0 acct=1 qty=1 REQUESTED");
        assertThat(ReportText.of(bob.store(), 1)).containsExactly(
            "ACCEPTED order=3 clOrd=3 acct=3 instr=1 BUY LIMIT GTC px=9700 qty=1");
        assertThat(core.counters().disconnectCancels()).isEqualTo(3);
    }

    @Test
    void shouldMassCancelTheUsersAccountsWhenTheDeadManSwitchIsNotRefreshed()
    {
        buy(alice, 1, 1, "99.00", "1");
        buy(alice, 2, 2, "98.00", "1");
        core.cancelAfter(alice, 50, 1_000);
        core.doWork();
        clock.advance(900_000_000L);
        core.cancelAfter(alice, 51, 1_000);
        clock.advance(900_000_000L);
        core.doWork();
        assertThat(ReportText.of(alice.store(), 1)).containsExactly(
            "CANCEL_AFTER req=50 timeout=1000",
            "ACCEPTED order=1 clOrd=1 acct=1 instr=1 BUY LIMIT GTC px=9900 qty=1",
            "ACCEPTED order=2 clOrd=2 acct=2 instr=1 BUY LIMIT GTC px=9800 qty=1",
            "CANCEL_AFTER req=51 timeout=1000");

        clock.advance(100_000_000L);
        core.doWork();
        core.doWork();
        assertThat(ReportText.of(alice.store(), 5)).containsExactly(
            "CANCEL_AFTER req=51 timeout=1000 TRIGGERED",
            "CANCELLED order=1 clOrd=1 req=51 acct=1 qty=1 MASS_CANCEL",
            "MASS_CANCEL_DONE req=51 acct=1 NONE",
            "CANCELLED order=2 clOrd=2 req=51 acct=2 qty=1 MASS_CANCEL",
            "MASS_CANCEL_DONE req=51 acct=2 NONE");
        assertThat(alice.cancelAfterArmed()).isFalse();
        assertThat(core.counters().cancelAfterFired()).isEqualTo(1);
    }

    @Test
    void shouldRetryProtectiveCancelsTheVenuePushesBack()
    {
        buy(alice, 1, 1, "99.00", "1");
        core.doWork();
        venue.refuse(VenueClient.BACK_PRESSURED);
        core.detach(alice);
        core.doWork();
        assertThat(core.pendingProtectiveCancels()).isEqualTo(1);
        venue.refuse(0);
        core.doWork();
        core.doWork();

        assertThat(core.pendingProtectiveCancels()).isZero();
        assertThat(ReportText.of(alice.store(), 2)).containsExactly(
            "CANCELLED order=1 clOrd=1 req=0 acct=1 qty=1 REQUESTED");
        assertThat(core.counters().commandsRetried()).isPositive();
    }

    @Test
    void shouldReplaceByClientOrderIdAndAnswerStatus()
    {
        buy(alice, 7, 1, "99.00", "5");
        core.doWork();
        core.replace(alice, 70, 0, 0, 7, 9900, -2, 4, 0);
        core.doWork();
        core.replace(alice, 71, 0, 0, 7, 9800, -2, 4, 0);
        core.orderStatus(alice, 72, 0, 0, 7);
        core.orderStatus(alice, 73, 0, 99, 0);
        core.doWork();

        assertThat(ReportText.of(alice.store(), 1)).containsExactly(
            "ACCEPTED order=1 clOrd=7 acct=1 instr=1 BUY LIMIT GTC px=9900 qty=5",
            "REPLACED order=1 clOrd=7 req=70 acct=1 px=9900 leaves=4 kept",
            "STATUS req=72 order=1 clOrd=7 acct=1 LIVE px=9900 leaves=4 cum=0",
            "STATUS req=73 order=99 clOrd=0 acct=1 UNKNOWN",
            "REPLACED order=1 clOrd=7 req=71 acct=1 px=9800 leaves=4 lost");
    }

    @Test
    void shouldRefuseASecondConnectionAndKeepTheSequenceAcrossReconnects()
    {
        assertThat(core.login("alice", TestVenueSetup.PASSWORD, PROTOCOL, ReportFilter.ALL)).isNull();
        assertThat(core.lastLoginFailure()).isEqualTo(GatewayCore.LoginFailure.SESSION_IN_USE);
        assertThat(core.login("alice", "wrong", PROTOCOL, ReportFilter.ALL)).isNull();
        assertThat(core.lastLoginFailure()).isEqualTo(GatewayCore.LoginFailure.NOT_AUTHORIZED);

        buy(alice, 1, 1, "99.00", "1");
        core.doWork();
        core.detach(alice);
        core.doWork();
        core.doWork();
        final Session again = core.login("alice", TestVenueSetup.PASSWORD, PROTOCOL, ReportFilter.ALL);
        assertThat(again).isSameAs(alice);
        assertThat(again.store().last()).isEqualTo(2);
        final Session otherProtocol = core.login("alice", TestVenueSetup.PASSWORD, PROTOCOL + 1, ReportFilter.ALL);
        assertThat(otherProtocol).isNotSameAs(alice);
        assertThat(otherProtocol.store().last()).isZero();
    }

    @Test
    void shouldAcceptAMarketOrderWithoutPriceAtItsProtectionPrice()
    {
        buy(alice, 1, 1, "100.00", "2");
        core.doWork();
        core.newOrder(bob, 2, 0, 1, SELL, MARKET, IOC, 0, CANCEL_NEWEST, 0, 0, 3, 0, null);
        core.doWork();

        assertThat(ReportText.of(bob.store(), 1)).containsExactly(
            "ACCEPTED order=2 clOrd=2 acct=3 instr=1 SELL MARKET IOC px=9000 qty=3",
            "FILL order=2 clOrd=2 acct=3 trade=1 SELL REMOVED px=10000 qty=2 leaves=1 cum=2 fee=4",
            "CANCELLED order=2 clOrd=2 req=2 acct=3 qty=1 IOC_REMAINDER");
        assertThat(core.liveOrders()).isZero();
    }

    private void buy(final Session session, final long clientOrderId, final long account, final String price,
        final String quantity)
    {
        final BigDecimal px = new BigDecimal(price);
        final BigDecimal qty = new BigDecimal(quantity);
        core.newOrder(session, clientOrderId, account, 1, BUY, LIMIT, GTC, 0, CANCEL_NEWEST,
            px.unscaledValue().longValueExact(), -px.scale(), qty.unscaledValue().longValueExact(), -qty.scale(), null);
    }

    private Session login(final String user)
    {
        final Session session = core.login(user, TestVenueSetup.PASSWORD, PROTOCOL, ReportFilter.ALL);
        core.attach(session);
        return session;
    }
}
