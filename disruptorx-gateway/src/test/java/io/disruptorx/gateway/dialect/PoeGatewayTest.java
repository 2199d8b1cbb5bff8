package io.disruptorx.gateway.dialect;

import java.time.Duration;

import com.paritytrading.parity.net.poe.POE;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.support.GatewayHarness;
import io.disruptorx.gateway.support.NativeTestClient;
import io.disruptorx.gateway.support.PoeTestClient;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.disruptorx.gateway.support.TestVenueSetup.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The POE dialect with parity's own codecs over nassau's SoupBinTCP client as the independent peer.
 */
@Timeout(60)
class PoeGatewayTest
{
    private static final String PARITY_ID = "09:30:00-0000001";

    private final GatewayHarness harness = GatewayHarness.standard();

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    @Test
    void shouldTradeAParityClientsOrderThroughItsLife()
    {
        try (PoeTestClient alice = login("alice", 0);
            PoeTestClient bob = login("bob", 0))
        {
            alice.enter(PARITY_ID, POE.BUY, "BTC-USD", 5, 10000);
            alice.awaitMessages(1);
            bob.enter("B1", POE.SELL, "BTC-USD", 3, 9950);
            bob.awaitMessages(2);
            alice.awaitMessages(2);
            alice.cancel(PARITY_ID, 1);
            alice.awaitMessages(3);
            alice.cancel("NOSUCHORDER", 0);
            alice.cancel(PARITY_ID, 5);
            alice.cancel(PARITY_ID, 0);

            assertThat(alice.awaitMessages(4)).containsExactly(
                "A " + PARITY_ID + " B BTC-USD qty=5 px=10000 number=1",
                "E " + PARITY_ID + " qty=3 px=10000 A match=1",
                "X " + PARITY_ID + " qty=1 R",
                "X " + PARITY_ID + " qty=1 R");
            assertThat(bob.awaitMessages(2)).containsExactly(
                "A B1 S BTC-USD qty=3 px=9950 number=2",
                "E B1 qty=3 px=10000 R match=1");
            assertThat(alice.settle(200)).hasSize(4);
            assertThat(alice.timestampsWithinTheDay()).isTrue();
            assertThat(bob.timestampsWithinTheDay()).isTrue();
        }
    }

    @Test
    void shouldRejectWithPoeReasonsAndOurOwnLetters()
    {
        try (PoeTestClient alice = login("alice", 0))
        {
            alice.enter("O1", POE.BUY, "FOO", 1, 10000);
            alice.enter("O2", POE.BUY, "ETH-USD", 1000, 200001);
            alice.enter("O3", POE.BUY, "BTC-USD", 0, 10000);
            alice.enter("O4", POE.BUY, "BTC-USD", 1, 0);
            alice.enter("bad id!", POE.BUY, "BTC-USD", 1, 10000);
            alice.enter("O5", POE.BUY, "BTC-USD", 1, 12000);

            assertThat(alice.awaitMessages(6)).containsExactlyInAnyOrder(
                "R O1 I",
                "R O2 P",
                "R O3 Q",
                "R O4 L",
                "R  D",
                "R O5 P");
        }
    }

    @Test
    void shouldReplayMissedMessagesToAParityClientLoggingInAtASequence()
    {
        final long resumeAt;
        try (PoeTestClient bob = login("bob", 0))
        {
            bob.enter("B1", POE.SELL, "BTC-USD", 10, 10100);
            bob.awaitMessages(1);
            resumeAt = bob.loginSequence() + 1;
        }
        try (PoeTestClient alice = login("alice", 0))
        {
            alice.enter("A1", POE.BUY, "BTC-USD", 4, 10100);
            alice.enter("A2", POE.BUY, "BTC-USD", 6, 10100);
            alice.awaitMessages(4);
        }
        try (PoeTestClient bob = login("bob", resumeAt))
        {
            assertThat(bob.loginSequence()).isEqualTo(2);
            assertThat(bob.awaitMessages(2)).containsExactly(
                "E B1 qty=4 px=10100 A match=1",
                "E B1 qty=6 px=10100 A match=2");
            assertThat(bob.settle(200)).hasSize(2);
        }
    }

    @Test
    void shouldSequenceOnlyWhatPoeCanSayWhenANativeSessionSharesTheAccount()
    {
        try (PoeTestClient poe = login("alice", 0);
            NativeTestClient nativeAlice = NativeTestClient.login(harness.nativeAddress(), "alice", PASSWORD, 0))
        {
            poe.enter("P1", POE.BUY, "BTC-USD", 5, 9900);
            poe.awaitMessages(1);
            nativeAlice.awaitReports(1);
            nativeAlice.client().replace(1, 0, 0, ClientOrderIds.encode("P1"), 9800, -2, 5, 0);
            nativeAlice.client().cancel(2, 0, 77, 0);
            nativeAlice.client().newOrder(12345, 0, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 9700, -2, 1, 0);
            nativeAlice.awaitReports(4);
            nativeAlice.client().replace(3, 0, 0, ClientOrderIds.encode("P1"), 9800, -2, 2, 0);
            nativeAlice.awaitReports(5);

            assertThat(poe.awaitMessages(3)).containsExactly(
                "A P1 B BTC-USD qty=5 px=9900 number=1",
                "A " + ClientOrderIds.toText(12345) + " B BTC-USD qty=1 px=9700 number=2",
                "X P1 qty=3 R");
            assertThat(poe.settle(200)).hasSize(3);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(harness.gateway().core().counters().disconnectCancels()).as("alice's cancel on disconnect")
                .isEqualTo(2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        {
            try (PoeTestClient poe = login("alice", 0))
            {
                assertThat(poe.loginSequence()).as("three messages, then the two cancels on disconnect")
                    .isEqualTo(6);
            }
        });
    }

    private PoeTestClient login(final String user, final long sequence)
    {
        final PoeTestClient client = PoeTestClient.login(harness.poeAddress(), user, PASSWORD, sequence);
        assertThat(client.loginRejected()).as("login of " + user).isZero();
        assertThat(client.session()).isEqualTo(harness.gateway().sessionName());
        return client;
    }
}
