package io.disruptorx.gateway.fix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.MassStatusReqID;
import quickfix.field.MassStatusReqType;
import quickfix.field.Side;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderMassStatusRequest;

import static io.disruptorx.gateway.fix.FixMessages.cancel;
import static io.disruptorx.gateway.fix.FixMessages.limit;
import static io.disruptorx.gateway.fix.FixMessages.replace;
import static io.disruptorx.gateway.fix.FixMessages.summary;
import static io.disruptorx.gateway.support.TestVenueSetup.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The FIX 4.4 acceptor with QuickFIX/J 3.0.0 as the independent client, over loopback TCP, in front of the real
 * engine: logon, an order's life, rejects with their reasons, throttling and the open-order limit, and the
 * recovery of execution reports a client missed while its connection was down.
 */
@Timeout(120)
class FixGatewayTest
{
    private static final long WAIT_MS = 10_000;

    @TempDir
    Path directory;

    private FixTestVenue venue;

    @BeforeEach
    void setUp()
    {
        venue = new FixTestVenue(directory);
    }

    @AfterEach
    void tearDown()
    {
        venue.close();
    }

    @Test
    void shouldRunAnOrderThroughNewFillReplaceAndCancel() throws Exception
    {
        try (QfjClient alice = logon("alice"); QfjClient bob = logon("bob"))
        {
            alice.send(limit("A1", "BTC-USD", Side.BUY, "100.00", "5"));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=A1 37=1 54=1 150=0 39=0 44=100 38=5 151=5 14=0 6=0");

            bob.send(limit("B1", "BTC-USD", Side.SELL, "99.50", "3"));
            assertThat(bob.next(2, WAIT_MS)).extracting(FixMessages::summary).containsExactly(
                "8 11=B1 37=2 54=2 150=0 39=0 44=99.5 38=3 151=3 14=0 6=0",
                "8 11=B1 37=2 54=2 150=F 39=2 32=3 31=100 151=0 14=3 6=100");
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=A1 37=1 54=1 150=F 39=1 32=3 31=100 151=2 14=3 6=100");

            alice.send(replace("A2", "A1", Side.BUY, "100.00", "4"));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=A2 41=A1 37=1 54=1 150=5 39=1 44=100 38=4 151=1 14=3 6=100 58=PRIORITY_KEPT");

            alice.send(cancel("A3", "A1", Side.BUY));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=A3 41=A1 37=1 54=1 150=4 39=4 151=0 14=3 6=100 58=REQUESTED");

            alice.send(cancel("A4", "A1", Side.BUY));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("9 11=A4 41=A1 37=NONE 39=8 102=1 434=1 58=UNKNOWN_ORDER");
            assertThat(alice.settle(200)).isEmpty();
            assertThat(bob.settle(0)).isEmpty();
        }
    }

    @Test
    void shouldRejectWithReasonsOrdRejReasonAndText() throws Exception
    {
        try (QfjClient alice = logon("alice"))
        {
            alice.send(limit("R1", "NOPE", Side.BUY, "100.00", "5"));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=R1 37=NONE 54=1 150=8 39=8 151=0 14=0 6=0 103=1 58=UNKNOWN_INSTRUMENT");

            alice.send(limit("R2", "BTC-USD", Side.BUY, "100.005", "5"));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=R2 37=NONE 54=1 150=8 39=8 151=0 14=0 6=0 103=99 58=PRECISION_LOSS");

            alice.send(limit("R3", "BTC-USD", Side.BUY, "95.00", "5"));
            assertThat(summary(alice.next(WAIT_MS))).startsWith("8 11=R3 37=").contains("150=0 39=0");
            alice.send(limit("R3", "BTC-USD", Side.BUY, "96.00", "1"));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=R3 37=NONE 54=1 150=8 39=8 151=0 14=0 6=0 103=6 58=DUPLICATE_CLIENT_ORDER_ID");

            alice.send(limit("bad-id!", "BTC-USD", Side.BUY, "95.00", "1"));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("j 58=ClOrdID(11) must be 1 to 10 letters and digits or up to 18 digits 380=0");

            final NewOrderSingle noSide = limit("R4", "BTC-USD", Side.BUY, "95.00", "1");
            noSide.removeField(Side.FIELD);
            alice.send(noSide);
            assertThat(summary(alice.next(WAIT_MS))).startsWith("3 ").contains("371=54 373=1");

            final OrderMassStatusRequest massStatus = new OrderMassStatusRequest(new MassStatusReqID("M1"),
                new MassStatusReqType(MassStatusReqType.STATUS_FOR_ALL_ORDERS));
            alice.send(massStatus);
            assertThat(summary(alice.next(WAIT_MS))).isEqualTo("j 58=Unsupported message type 380=3");

            assertThat(venue.fix().counters().businessRejects()).isEqualTo(2);
            assertThat(venue.fix().counters().sessionRejects()).isEqualTo(1);
            assertThat(alice.settle(200)).isEmpty();
        }
    }

    @Test
    void shouldThrottleAndLimitOpenOrders() throws Exception
    {
        try (QfjClient slow = logon("slow"); QfjClient carol = logon("carol"))
        {
            for (int i = 1; i <= 3; i++)
            {
                slow.send(limit("T" + i, "BTC-USD", Side.BUY, "9" + i + ".00", "1"));
            }
            // the gateway refuses T3 at once; T1 and T2 are acknowledged when the venue answers
            final List<String> throttled = slow.next(3, WAIT_MS).stream().map(FixMessages::summary).sorted().toList();
            assertThat(throttled.get(0)).startsWith("8 11=T1 ").contains("150=0 39=0");
            assertThat(throttled.get(1)).startsWith("8 11=T2 ").contains("150=0 39=0");
            assertThat(throttled.get(2))
                .isEqualTo("8 11=T3 37=NONE 54=1 150=8 39=8 151=0 14=0 6=0 103=99 58=THROTTLED");

            for (int i = 1; i <= 3; i++)
            {
                carol.send(limit("L" + i, "BTC-USD", Side.BUY, "9" + i + ".00", "1"));
            }
            final List<String> limited = carol.next(3, WAIT_MS).stream().map(FixMessages::summary).sorted().toList();
            assertThat(limited.get(2))
                .isEqualTo("8 11=L3 37=NONE 54=1 150=8 39=8 151=0 14=0 6=0 103=3 58=OPEN_ORDER_LIMIT");
        }
    }

    @Test
    void shouldRefuseAWrongPassword() throws Exception
    {
        try (QfjClient mallory = new QfjClient(venue.port(), "bob", "wrong"))
        {
            mallory.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> mallory.lastLogoutText() != null);
            assertThat(mallory.everLoggedOn()).isFalse();
            assertThat(mallory.lastLogoutText()).isEqualTo("Logon rejected: invalid username or password");
            assertThat(venue.fix().counters().logonsRefused()).isPositive();
        }
    }

    @Test
    void shouldRecoverEveryMissedExecutionReportAfterADisconnect() throws Exception
    {
        try (QfjClient alice = logon("alice"); QfjClient bob = logon("bob"))
        {
            bob.send(limit("B1", "BTC-USD", Side.SELL, "101.00", "10"));
            bob.send(limit("B2", "BTC-USD", Side.SELL, "102.00", "10"));
            assertThat(bob.next(2, WAIT_MS)).extracting(FixMessages::summary).containsExactly(
                "8 11=B1 37=1 54=2 150=0 39=0 44=101 38=10 151=10 14=0 6=0",
                "8 11=B2 37=2 54=2 150=0 39=0 44=102 38=10 151=10 14=0 6=0");

            // the connection drops and the two acknowledgements are treated as lost in flight: QuickFIX/J will
            // expect them again, so Artio must resend them from its archive
            bob.drop();
            assertThat(bob.awaitLogout(WAIT_MS)).isTrue();
            final quickfix.Session session = bob.session();
            session.setNextTargetMsgSeqNum(session.getExpectedTargetNum() - 2);

            alice.send(limit("A1", "BTC-USD", Side.BUY, "102.00", "15"));
            assertThat(alice.next(3, WAIT_MS)).extracting(FixMessages::summary).containsExactly(
                "8 11=A1 37=3 54=1 150=0 39=0 44=102 38=15 151=15 14=0 6=0",
                "8 11=A1 37=3 54=1 150=F 39=1 32=10 31=101 151=5 14=10 6=101",
                "8 11=A1 37=3 54=1 150=F 39=2 32=5 31=102 151=0 14=15 6=101.333333");

            assertThat(bob.awaitLogon(WAIT_MS)).isTrue();
            assertThat(bob.next(4, WAIT_MS)).extracting(FixMessages::summary).containsExactly(
                "8 PossDup 11=B1 37=1 54=2 150=0 39=0 44=101 38=10 151=10 14=0 6=0",
                "8 PossDup 11=B2 37=2 54=2 150=0 39=0 44=102 38=10 151=10 14=0 6=0",
                "8 11=B1 37=1 54=2 150=F 39=2 32=10 31=101 151=0 14=10 6=101",
                "8 11=B2 37=2 54=2 150=F 39=1 32=5 31=102 151=5 14=5 6=102");
            assertThat(bob.settle(300)).isEmpty();
        }
    }

    @Test
    void shouldCancelOnDisconnectAndSendTheCancelAfterTheNextLogon() throws Exception
    {
        try (QfjClient alice = logon("alice"))
        {
            alice.send(limit("C1", "BTC-USD", Side.BUY, "99.00", "2"));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=C1 37=1 54=1 150=0 39=0 44=99 38=2 151=2 14=0 6=0");

            alice.drop();
            assertThat(alice.awaitLogout(WAIT_MS)).isTrue();
            assertThat(alice.awaitLogon(WAIT_MS)).isTrue();
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=C1 37=1 54=1 150=4 39=4 151=0 14=0 6=0 58=REQUESTED");
            assertThat(alice.settle(300)).isEmpty();
            assertThat(venue.gateway().core().liveOrders()).isZero();
        }
    }

    private QfjClient logon(final String user) throws Exception
    {
        return QfjClient.loggedOn(venue.port(), user, PASSWORD, Map.of(), WAIT_MS);
    }
}
