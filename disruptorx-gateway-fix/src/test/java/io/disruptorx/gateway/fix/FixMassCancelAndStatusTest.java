package io.disruptorx.gateway.fix;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.Account;
import quickfix.field.MassCancelRequestType;
import quickfix.field.Side;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderStatusRequest;

import static io.disruptorx.gateway.fix.FixMessages.limit;
import static io.disruptorx.gateway.fix.FixMessages.massCancel;
import static io.disruptorx.gateway.fix.FixMessages.status;
import static io.disruptorx.gateway.fix.FixMessages.summary;
import static io.disruptorx.gateway.support.TestVenueSetup.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OrderMassCancelRequest(q) answered by the cancelled orders' ExecutionReports and an OrderMassCancelReport(r),
 * and OrderStatusRequest(H) answered by an ExecutionReport with ExecType I, with QuickFIX/J 3.0.0 as the client
 * in front of the real engine. Users (TestVenueSetup): alice trades accounts 1 and 2, bob account 3, dave account
 * 6, which the engine does not know.
 */
@Timeout(120)
class FixMassCancelAndStatusTest
{
    private static final long WAIT_MS = 10_000;
    private static final char ALL = MassCancelRequestType.CANCEL_ALL_ORDERS;
    private static final char SECURITY = MassCancelRequestType.CANCEL_ORDERS_FOR_A_SECURITY;

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
    void shouldMassCancelEveryRestingOrderOfTheAccountThenReportHowMany() throws Exception
    {
        try (QfjClient alice = logon("alice"); QfjClient bob = logon("bob"))
        {
            alice.send(limit("A1", "BTC-USD", Side.BUY, "95.00", "1"));
            alice.send(limit("A2", "BTC-USD", Side.BUY, "96.00", "2"));
            alice.send(limit("A3", "BTC-USD", Side.SELL, "105.00", "3"));
            alice.send(limit("A4", "ETH-USD", Side.BUY, "50.00", "1"));
            final NewOrderSingle onAccount2 = limit("A5", "BTC-USD", Side.BUY, "97.00", "1");
            onAccount2.set(new Account("2"));
            alice.send(onAccount2);
            assertThat(alice.next(5, WAIT_MS)).extracting(FixMessages::summary).allMatch(m -> m.contains("150=0 39=0"));
            bob.send(limit("B1", "BTC-USD", Side.BUY, "94.00", "1"));
            assertThat(summary(bob.next(WAIT_MS))).startsWith("8 11=B1 ").contains("150=0 39=0");

            alice.send(massCancel("M1", ALL, null, null));
            final List<String> cancelled = alice.next(4, WAIT_MS).stream().map(FixMessages::summary).sorted().toList();
            assertThat(cancelled).containsExactly(
                "8 11=M1 41=A1 37=1 54=1 150=4 39=4 151=0 14=0 6=0 58=MASS_CANCEL",
                "8 11=M1 41=A2 37=2 54=1 150=4 39=4 151=0 14=0 6=0 58=MASS_CANCEL",
                "8 11=M1 41=A3 37=3 54=2 150=4 39=4 151=0 14=0 6=0 58=MASS_CANCEL",
                "8 11=M1 41=A4 37=4 54=1 150=4 39=4 151=0 14=0 6=0 58=MASS_CANCEL");
            assertThat(summary(alice.next(WAIT_MS))).matches("r 11=M1 37=\\d+ 530=7 531=7 533=4");

            // account 2's order and bob's order rest on
            final OrderStatusRequest statusOnAccount2 = status("A5", Side.BUY, "BTC-USD", "S1");
            statusOnAccount2.set(new Account("2"));
            alice.send(statusOnAccount2);
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=A5 37=5 54=1 150=I 39=0 44=97 38=1 151=1 14=0 6=0 790=S1");
            bob.send(status("B1", Side.BUY, "BTC-USD", null));
            assertThat(summary(bob.next(WAIT_MS)))
                .isEqualTo("8 11=B1 37=6 54=1 150=I 39=0 44=94 38=1 151=1 14=0 6=0");

            final quickfix.Message byAccount = massCancel("M2", SECURITY, "BTC-USD", "2");
            alice.send(byAccount);
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=M2 41=A5 37=5 54=1 150=4 39=4 151=0 14=0 6=0 58=MASS_CANCEL");
            assertThat(summary(alice.next(WAIT_MS))).matches("r 11=M2 37=\\d+ 530=1 531=1 533=1");

            alice.send(massCancel("M3", ALL, null, null));
            assertThat(summary(alice.next(WAIT_MS))).matches("r 11=M3 37=\\d+ 530=7 531=7 533=0");
            assertThat(alice.settle(200)).isEmpty();
            assertThat(bob.settle(0)).isEmpty();
            assertThat(venue.gateway().core().liveOrders()).isEqualTo(1);
        }
    }

    @Test
    void shouldRejectAMassCancelWithAReason() throws Exception
    {
        try (QfjClient alice = logon("alice"); QfjClient bob = logon("bob"); QfjClient dave = logon("dave"))
        {
            bob.send(limit("B1", "BTC-USD", Side.SELL, "101.00", "4"));
            assertThat(summary(bob.next(WAIT_MS))).startsWith("8 11=B1 ").contains("150=0 39=0");

            alice.send(massCancel("N1", ALL, null, "3"));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("r 11=N1 37=NONE 58=ROLE_NOT_PERMITTED 530=7 531=0");

            alice.send(massCancel("N2", SECURITY, "NOPE", null));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("r 11=N2 37=NONE 58=UNKNOWN_INSTRUMENT 530=1 531=0 532=1");

            alice.send(massCancel("N3", SECURITY, null, null));
            assertThat(summary(alice.next(WAIT_MS))).isEqualTo(
                "r 11=N3 37=NONE 58=Symbol(55) required for MassCancelRequestType(530) 1 530=1 531=0 532=1");

            alice.send(massCancel("N4", MassCancelRequestType.CANCEL_ORDERS_FOR_A_PRODUCT, null, null));
            assertThat(summary(alice.next(WAIT_MS))).isEqualTo("r 11=N4 37=NONE " +
                "58=MassCancelRequestType(530) must be 1 (one security) or 7 (all orders) 530=3 531=0 532=0");

            final quickfix.Message withSide = massCancel("N5", ALL, null, null);
            withSide.setChar(Side.FIELD, Side.BUY);
            alice.send(withSide);
            assertThat(summary(alice.next(WAIT_MS))).isEqualTo(
                "r 11=N5 37=NONE 58=Side(54) is not supported: a mass cancel covers both sides 530=7 531=0");

            // the engine refuses: account 6 has no balances there
            dave.send(massCancel("D1", ALL, null, null));
            assertThat(summary(dave.next(WAIT_MS))).matches("r 11=D1 37=\\d+ 58=UNKNOWN_ACCOUNT 530=7 531=0");

            bob.send(status("B1", Side.SELL, "BTC-USD", null));
            assertThat(summary(bob.next(WAIT_MS)))
                .isEqualTo("8 11=B1 37=1 54=2 150=I 39=0 44=101 38=4 151=4 14=0 6=0");
            assertThat(venue.fix().counters().massCancelsRefused()).isEqualTo(4);
            assertThat(alice.settle(200)).isEmpty();
            assertThat(bob.settle(0)).isEmpty();
        }
    }

    @Test
    void shouldAnswerAnOrderStatusRequestForLivePartiallyFilledAndUnknownOrders() throws Exception
    {
        try (QfjClient alice = logon("alice"); QfjClient bob = logon("bob"))
        {
            alice.send(limit("A1", "BTC-USD", Side.BUY, "100.00", "5"));
            assertThat(summary(alice.next(WAIT_MS))).startsWith("8 11=A1 37=1 ").contains("150=0 39=0");
            bob.send(limit("B1", "BTC-USD", Side.SELL, "100.00", "2"));
            assertThat(summary(bob.next(2, WAIT_MS).get(1))).contains("150=F 39=2");
            assertThat(summary(alice.next(WAIT_MS))).contains("150=F 39=1");

            alice.send(status("A1", Side.BUY, "BTC-USD", "Q1"));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=A1 37=1 54=1 150=I 39=1 44=100 38=5 151=3 14=2 6=100 790=Q1");

            final quickfix.Message byOrderId = status("X9", Side.BUY, "BTC-USD", null);
            byOrderId.setString(37, "1");
            alice.send(byOrderId);
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=A1 37=1 54=1 150=I 39=1 44=100 38=5 151=3 14=2 6=100");

            alice.send(status("ZZ", Side.SELL, "ETH-USD", "Q2"));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=ZZ 37=NONE 54=2 150=I 39=8 151=0 14=0 6=0 103=5 58=UNKNOWN_ORDER 790=Q2");

            // B1 has filled: it is no longer live, so it is unknown to a status request
            bob.send(status("B1", Side.SELL, "BTC-USD", null));
            assertThat(summary(bob.next(WAIT_MS)))
                .isEqualTo("8 11=B1 37=NONE 54=2 150=I 39=8 151=0 14=0 6=0 103=5 58=UNKNOWN_ORDER");

            alice.send(status("bad-id!", Side.BUY, "BTC-USD", null));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("j 58=ClOrdID(11) must be 1 to 10 letters and digits or up to 18 digits 380=0");
            assertThat(alice.settle(200)).isEmpty();
        }
    }

    private QfjClient logon(final String user) throws Exception
    {
        return QfjClient.loggedOn(venue.port(), user, PASSWORD, Map.of(), WAIT_MS);
    }
}
