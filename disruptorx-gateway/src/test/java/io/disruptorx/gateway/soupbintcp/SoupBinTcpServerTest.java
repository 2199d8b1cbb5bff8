package io.disruptorx.gateway.soupbintcp;

import java.nio.charset.StandardCharsets;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.core.GatewayCounters;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.gateway.support.GatewayHarness;
import io.disruptorx.gateway.support.NativeTestClient;
import io.disruptorx.gateway.support.RawSoupClient;
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
class SoupBinTcpServerTest
{
    private static final long HEARTBEAT_NANOS = 100_000_000L;

    private static final int STORE = 1024;

    private final GatewayHarness harness = new GatewayHarness(EngineConfig.defaults(), STORE, HEARTBEAT_NANOS);

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    @Test
    void shouldHeartbeatWhenQuietAndDropAClientThatStaysSilent()
    {
        try (RawSoupClient client = new RawSoupClient(harness.nativeAddress(), 5_000))
        {
            client.login("bob", PASSWORD, "", 0);
            final RawSoupClient.Packet accepted = client.read();
            assertThat((char)accepted.type()).isEqualTo('A');
            assertThat(accepted.text()).isEqualTo(String.format("%10s%20d", harness.gateway().sessionName(), 1));
            assertThat(client.readUntilClosed()).matches("H{5,}");
        }
        assertThat(counters().protocolErrors(ProtocolError.HEARTBEAT_TIMEOUT)).isEqualTo(1);
    }

    @Test
    void shouldKeepAClientThatHeartbeats()
    {
        try (RawSoupClient client = new RawSoupClient(harness.nativeAddress(), 5_000))
        {
            client.login("bob", PASSWORD, "", 0);
            assertThat((char)client.read().type()).isEqualTo('A');
            final long end = System.nanoTime() + 20 * HEARTBEAT_NANOS;
            while (System.nanoTime() < end)
            {
                client.send('R', new byte[0]);
                assertThat((char)client.read().type()).isEqualTo('H');
            }
            client.send('O', new byte[0]);
            assertThat(client.readUntilClosed()).isEmpty();
        }
        assertThat(counters().protocolErrors(ProtocolError.HEARTBEAT_TIMEOUT)).isZero();
    }

    @Test
    void shouldCloseOnAnythingButALoginFirst()
    {
        try (RawSoupClient client = new RawSoupClient(harness.nativeAddress(), 5_000))
        {
            client.send('U', new byte[]{1, 2, 3});
            assertThat(client.readUntilClosed()).isEmpty();
        }
        try (RawSoupClient client = new RawSoupClient(harness.nativeAddress(), 5_000))
        {
            client.send('L', "short".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.readUntilClosed()).isEmpty();
        }
        assertThat(counters().protocolErrors(ProtocolError.NOT_LOGGED_IN)).isEqualTo(1);
        assertThat(counters().protocolErrors(ProtocolError.TRUNCATED)).isEqualTo(1);
    }

    @Test
    void shouldCloseOnOversizedOrUnknownPacketsAndCountBadMessagesWithoutClosing()
    {
        try (RawSoupClient client = new RawSoupClient(harness.nativeAddress(), 5_000))
        {
            client.login("bob", PASSWORD, "", 0);
            assertThat((char)client.read().type()).isEqualTo('A');
            client.send('U', new byte[]{1, 2});
            client.send('U', new byte[]{0, 0, 99, 0, 4, 0, 0, 0});
            client.send('U', new byte[]{64, 0, 1, 0, 4, 0, 0, 0, 1});
            client.send('U', new byte[]{8, 0, 1, 0, 4, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8});
            client.send('R', new byte[0]);
            assertThat((char)client.read().type()).isEqualTo('H');
            client.send('Q', new byte[0]);
            assertThat(client.readUntilClosed()).matches("H*");
        }
        try (RawSoupClient client = new RawSoupClient(harness.nativeAddress(), 5_000))
        {
            client.login("bob", PASSWORD, "", 0);
            assertThat((char)client.read().type()).isEqualTo('A');
            client.send('U', new byte[300]);
            assertThat(client.readUntilClosed()).matches("H*");
        }
        assertThat(counters().protocolErrors(ProtocolError.TRUNCATED)).isEqualTo(3);
        assertThat(counters().protocolErrors(ProtocolError.UNKNOWN_MESSAGE)).isEqualTo(1);
        assertThat(counters().protocolErrors(ProtocolError.UNKNOWN_PACKET)).isEqualTo(1);
        assertThat(counters().protocolErrors(ProtocolError.OVERSIZED)).isEqualTo(1);
        assertThat(counters().internalErrors()).isZero();
    }

    @Test
    void shouldRefuseALoginAtASequenceTheStoreNoLongerHolds()
    {
        try (NativeTestClient bob = NativeTestClient.login(harness.nativeAddress(), "bob", PASSWORD, 0))
        {
            for (int i = 1; i <= STORE + 4; i++)
            {
                bob.client().newOrder(i, 0, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                    SelfTradePrevention.CANCEL_NEWEST, 9000 + i % 100, -2, 1, 0);
            }
            bob.awaitReports(STORE + 4);
        }
        try (NativeTestClient tooOld = NativeTestClient.login(harness.nativeAddress(), "bob", PASSWORD, 4);
            NativeTestClient oldest = NativeTestClient.login(harness.nativeAddress(), "bob", PASSWORD, 5))
        {
            assertThat(tooOld.loginRejected()).isEqualTo(SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE);
            assertThat(oldest.loginSequence()).isEqualTo(5);
            assertThat(oldest.awaitReports(STORE)).hasSize(STORE).first().asString()
                .startsWith("ACCEPTED order=5 clOrd=" + ClientOrderIds.toText(5) + " ");
            assertThat(oldest.sequences().get(STORE - 1)).isEqualTo(STORE + 4);
        }
        assertThat(counters().protocolErrors(ProtocolError.SEQUENCE_UNAVAILABLE)).isEqualTo(1);
    }

    @Test
    void shouldDisconnectADropCopyThatStopsReadingOnceItsStoreHasWrapped()
    {
        try (RawSoupClient stalled = new RawSoupClient(harness.nativeAddress(), 5_000, 4096);
            NativeTestClient alice = NativeTestClient.login(harness.nativeAddress(), "alice", PASSWORD, 0))
        {
            stalled.login("copy", PASSWORD, "", 0);
            assertThat((char)stalled.read().type()).isEqualTo('A');
            int sent = 0;
            while (counters().protocolErrors(ProtocolError.SLOW_CONSUMER) == 0 && sent < 20_000)
            {
                for (int i = 0; i < 200; i++)
                {
                    alice.client().newOrder(++sent, 1, 1, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, false,
                        SelfTradePrevention.CANCEL_NEWEST, 9000, -2, 1, 0);
                }
                alice.awaitReports(2 * sent);
            }
            assertThat(counters().protocolErrors(ProtocolError.SLOW_CONSUMER)).isEqualTo(1);
            assertThat(alice.ended()).isFalse();
        }
    }

    private GatewayCounters counters()
    {
        return harness.gateway().core().counters();
    }
}
