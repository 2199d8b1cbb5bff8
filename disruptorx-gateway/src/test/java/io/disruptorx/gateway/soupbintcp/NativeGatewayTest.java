package io.disruptorx.gateway.soupbintcp;

import java.util.List;

import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.gateway.support.GatewayHarness;
import io.disruptorx.gateway.support.NativeTestClient;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.disruptorx.gateway.support.TestVenueSetup.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class NativeGatewayTest
{
    private final GatewayHarness harness = GatewayHarness.standard();

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    @Test
    void shouldRunAnOrderThroughItsLifeWithExactReportsToOwnersAndDropCopy()
    {
        try (NativeTestClient alice = login("alice", 0);
            NativeTestClient bob = login("bob", 0);
            NativeTestClient copy = login("copy", 0))
        {
            limit(alice, "A1", 1, Side.BUY, 10000, -2, 5);
            alice.awaitReports(1);
            limit(bob, "B1", 3, Side.SELL, 9950, -2, 3);
            bob.awaitReports(2);
            alice.awaitReports(2);
            alice.client().replace(10, 0, 0, id("A1"), 100, 0, 1, 0);
            alice.awaitReports(3);
            alice.client().cancel(11, 0, 0, id("A1"));

            assertThat(alice.awaitReports(4)).containsExactly(
                "ACCEPTED order=1 clOrd=A1 acct=1 instr=1 BUY LIMIT GTC px=100.00 qty=5",
                "FILL order=1 clOrd=A1 acct=1 trade=1 BUY ADDED px=100.00 qty=3 leaves=2 cum=3 fee=0.03",
                "REPLACED order=1 clOrd=A1 req=10 acct=1 px=100.00 leaves=1 kept",
                "CANCELLED order=1 clOrd=A1 req=11 acct=1 qty=1 REQUESTED");
            assertThat(alice.sequences()).containsExactly(1L, 2L, 3L, 4L);
            assertThat(bob.awaitReports(2)).containsExactly(
                "ACCEPTED order=2 clOrd=B1 acct=3 instr=1 SELL LIMIT GTC px=99.50 qty=3",
                "FILL order=2 clOrd=B1 acct=3 trade=1 SELL REMOVED px=100.00 qty=3 leaves=0 cum=3 fee=0.06");
            assertThat(copy.awaitReports(6)).containsExactly(
                "ACCEPTED order=1 clOrd=A1 acct=1 instr=1 BUY LIMIT GTC px=100.00 qty=5",
                "ACCEPTED order=2 clOrd=B1 acct=3 instr=1 SELL LIMIT GTC px=99.50 qty=3",
                "FILL order=1 clOrd=A1 acct=1 trade=1 BUY ADDED px=100.00 qty=3 leaves=2 cum=3 fee=0.03",
                "FILL order=2 clOrd=B1 acct=3 trade=1 SELL REMOVED px=100.00 qty=3 leaves=0 cum=3 fee=0.06",
                "REPLACED order=1 clOrd=A1 req=10 acct=1 px=100.00 leaves=1 kept",
                "CANCELLED order=1 clOrd=A1 req=11 acct=1 qty=1 REQUESTED");
            assertThat(bob.settle(100)).hasSize(2);
            assertThat(harness.gateway().core().counters().connectedSessions(SessionKind.TRADING)).isEqualTo(2);
            assertThat(harness.gateway().core().counters().connectedSessions(SessionKind.DROP_COPY)).isEqualTo(1);
        }
    }

    @Test
    void shouldRecoverExactlyTheMissedReportsAfterAReconnect()
    {
        final long resumeAt;
        try (NativeTestClient bob = login("bob", 0))
        {
            limit(bob, "B1", 3, Side.SELL, 10100, -2, 10);
            limit(bob, "B2", 3, Side.SELL, 10200, -2, 10);
            bob.awaitReports(2);
            resumeAt = bob.client().transport().nextSequence();
        }
        try (NativeTestClient alice = login("alice", 0))
        {
            limit(alice, "A1", 1, Side.BUY, 10200, -2, 15);
            alice.awaitReports(3);
        }
        try (NativeTestClient bob = login("bob", resumeAt))
        {
            assertThat(bob.loginSequence()).isEqualTo(3);
            assertThat(bob.awaitReports(2)).containsExactly(
                "FILL order=1 clOrd=B1 acct=3 trade=1 SELL ADDED px=101.00 qty=10 leaves=0 cum=10 fee=0.10",
                "FILL order=2 clOrd=B2 acct=3 trade=2 SELL ADDED px=102.00 qty=5 leaves=5 cum=5 fee=0.05");
            assertThat(bob.sequences()).containsExactly(3L, 4L);
            assertThat(bob.settle(200)).hasSize(2);
        }
        try (NativeTestClient bob = login("bob", 2))
        {
            assertThat(bob.awaitReports(3)).containsExactly(
                "ACCEPTED order=2 clOrd=B2 acct=3 instr=1 SELL LIMIT GTC px=102.00 qty=10",
                "FILL order=1 clOrd=B1 acct=3 trade=1 SELL ADDED px=101.00 qty=10 leaves=0 cum=10 fee=0.10",
                "FILL order=2 clOrd=B2 acct=3 trade=2 SELL ADDED px=102.00 qty=5 leaves=5 cum=5 fee=0.05");
            assertThat(bob.sequences()).containsExactly(2L, 3L, 4L);
        }
        try (NativeTestClient bob = login("bob", 0))
        {
            assertThat(bob.loginSequence()).isEqualTo(5);
            assertThat(bob.settle(100)).isEmpty();
        }
        assertThat(harness.gateway().core().counters().reportsReplayed()).as("2 after resuming at 3, 3 at 2")
            .isEqualTo(5);
    }

    @Test
    void shouldRefuseLoginsThatAreWrongInUseOrForAnotherSession()
    {
        try (NativeTestClient wrong = NativeTestClient.login(harness.nativeAddress(), "alice", "nope", 0);
            NativeTestClient alice = login("alice", 0);
            NativeTestClient second = NativeTestClient.login(harness.nativeAddress(), "alice", PASSWORD, 0);
            NativeTestClient oldSession = NativeTestClient.login(harness.nativeAddress(), "bob", PASSWORD,
                "OLDSESSION", 1);
            NativeTestClient current = NativeTestClient.login(harness.nativeAddress(), "bob", PASSWORD,
                harness.gateway().sessionName(), 1))
        {
            assertThat(wrong.loginRejected()).isEqualTo(SoupBinTcp.REJECT_NOT_AUTHORIZED);
            assertThat(alice.loginSequence()).isEqualTo(1);
            assertThat(alice.session()).isEqualTo(harness.gateway().sessionName());
            assertThat(second.loginRejected()).isEqualTo(SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE);
            assertThat(oldSession.loginRejected()).isEqualTo(SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE);
            assertThat(current.loginSequence()).isEqualTo(1);
            wrong.await(wrong::ended, "the refused connection to close");
        }
        assertThat(harness.gateway().core().counters().protocolErrors(ProtocolError.LOGIN_REFUSED)).isEqualTo(1);
        assertThat(harness.gateway().core().counters().protocolErrors(ProtocolError.SESSION_IN_USE)).isEqualTo(1);
        assertThat(harness.gateway().core().counters().protocolErrors(ProtocolError.SEQUENCE_UNAVAILABLE))
            .isEqualTo(1);
    }

    @Test
    void shouldCancelOpenOrdersOnLogoutWithCancelOnDisconnect()
    {
        try (NativeTestClient copy = login("copy", 0))
        {
            try (NativeTestClient alice = login("alice", 0))
            {
                limit(alice, "A1", 1, Side.BUY, 9900, -2, 1);
                limit(alice, "A2", 1, Side.BUY, 9800, -2, 1);
                alice.awaitReports(2);
                alice.client().transport().logout();
                alice.await(alice::ended, "the gateway to close after logout");
            }
            assertThat(copy.awaitReports(4)).containsExactly(
                "ACCEPTED order=1 clOrd=A1 acct=1 instr=1 BUY LIMIT GTC px=99.00 qty=1",
                "ACCEPTED order=2 clOrd=A2 acct=1 instr=1 BUY LIMIT GTC px=98.00 qty=1",
                "CANCELLED order=2 clOrd=A2 req=0 acct=1 qty=1 REQUESTED",
                "CANCELLED order=1 clOrd=A1 req=0 acct=1 qty=1 REQUESTED");
        }
        assertThat(harness.gateway().core().counters().disconnectCancels()).isEqualTo(2);
    }

    @Test
    void shouldKeepOrdersOfASessionWithoutCancelOnDisconnect()
    {
        try (NativeTestClient bob = login("bob", 0))
        {
            limit(bob, "B1", 3, Side.BUY, 9900, -2, 1);
            bob.awaitReports(1);
        }
        try (NativeTestClient bob = login("bob", 0))
        {
            bob.client().status(5, 0, 0, id("B1"));
            assertThat(bob.awaitReports(1)).containsExactly(
                "STATUS req=5 order=1 clOrd=B1 acct=3 LIVE instr=1 BUY px=99.00 leaves=1 cum=0");
        }
    }

    @Test
    void shouldFireTheDeadManSwitchOnTheGatewayClockUnlessRefreshed()
    {
        try (NativeTestClient bob = login("bob", 0))
        {
            limit(bob, "B1", 3, Side.BUY, 9900, -2, 1);
            bob.awaitReports(1);
            bob.client().cancelAfter(40, 5_000);
            bob.awaitReports(2);
            harness.clock().advance(4_000_000_000L);
            bob.client().cancelAfter(41, 5_000);
            bob.awaitReports(3);
            harness.clock().advance(4_000_000_000L);
            assertThat(bob.settle(200)).hasSize(3);
            harness.clock().advance(1_100_000_000L);

            assertThat(bob.awaitReports(6)).containsExactly(
                "ACCEPTED order=1 clOrd=B1 acct=3 instr=1 BUY LIMIT GTC px=99.00 qty=1",
                "CANCEL_AFTER req=40 timeout=5000",
                "CANCEL_AFTER req=41 timeout=5000",
                "CANCEL_AFTER req=41 timeout=5000 TRIGGERED",
                "CANCELLED order=1 clOrd=B1 req=41 acct=3 qty=1 MASS_CANCEL",
                "MASS_CANCEL_DONE req=41 acct=3 NONE");
        }
    }

    @Test
    void shouldThrottleOverTheWireAndCountIt()
    {
        try (NativeTestClient slow = login("slow", 0))
        {
            for (int i = 1; i <= 4; i++)
            {
                limit(slow, "S" + i, 4, Side.BUY, 9900, -2, 1);
            }
            final List<String> reports = slow.awaitReports(4);
            assertThat(reports).filteredOn(report -> report.startsWith("ACCEPTED")).hasSize(2);
            assertThat(reports).filteredOn(report -> report.endsWith("THROTTLED")).containsExactly(
                "REJECTED clOrd=S3 acct=4 instr=1 THROTTLED",
                "REJECTED clOrd=S4 acct=4 instr=1 THROTTLED");
        }
        assertThat(harness.gateway().core().counters().rejects(EntryRejectReason.THROTTLED.value())).isEqualTo(2);
    }

    @Test
    void shouldRefuseOrderEntryFromADropCopySession()
    {
        try (NativeTestClient copy = login("copy", 0))
        {
            limit(copy, "C1", 1, Side.BUY, 9900, -2, 1);
            copy.client().cancel(2, 1, 7, 0);
            assertThat(copy.awaitReports(2)).containsExactly(
                "REJECTED clOrd=C1 acct=1 instr=1 READ_ONLY_SESSION",
                "CANCEL_REJECTED order=7 clOrd=0 req=2 acct=1 READ_ONLY_SESSION");
        }
    }

    /**
     * A burst many times the connection's receive buffer, written before the gateway reads it, is read in several
     * full reads (the busy server skips its selector between them): every order is answered once, in order, and a
     * client that connects in the middle of the burst is accepted and served.
     */
    @Test
    void shouldAnswerEveryOrderOfABurstLargerThanTheReceiveBufferAndServeAClientThatJoinsMeanwhile()
    {
        final int orders = 400;
        try (NativeTestClient alice = login("alice", 0))
        {
            for (int i = 1; i <= orders / 2; i++)
            {
                limit(alice, "R" + i, 1, Side.BUY, 9000, -2, 1);
            }
            try (NativeTestClient bob = login("bob", 0))
            {
                for (int i = orders / 2 + 1; i <= orders; i++)
                {
                    limit(alice, "R" + i, 1, Side.BUY, 9000, -2, 1);
                }
                limit(bob, "J1", 3, Side.SELL, 10100, -2, 1);
                assertThat(bob.awaitReports(1)).singleElement().asString().startsWith("ACCEPTED order=")
                    .endsWith(" clOrd=J1 acct=3 instr=1 SELL LIMIT GTC px=101.00 qty=1");
            }
            final List<String> reports = alice.awaitReports(orders);
            assertThat(reports).hasSize(orders);
            for (int i = 0; i < orders; i++)
            {
                assertThat(reports.get(i)).startsWith("ACCEPTED order=").contains(" clOrd=R" + (i + 1) + " ");
                assertThat(alice.sequences().get(i)).isEqualTo(i + 1L);
            }
        }
    }

    private NativeTestClient login(final String user, final long sequence)
    {
        final NativeTestClient client = NativeTestClient.login(harness.nativeAddress(), user, PASSWORD, sequence);
        assertThat(client.loginRejected()).as("login of " + user).isZero();
        return client;
    }

    private static void limit(
        final NativeTestClient client, final String clientOrderId, final long account, final Side side,
        final long price, final int exponent, final long quantity)
    {
        client.client().newOrder(id(clientOrderId), account, 1, side, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, price, exponent, quantity, 0);
    }

    private static long id(final String text)
    {
        return ClientOrderIds.encode(text);
    }
}
