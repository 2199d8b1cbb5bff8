package io.disruptorx.node.venue;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.support.NativeTestClient;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.gateway.support.TestVenueSetup.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary gateway on the embedded node: orders go through the input ring, the journal and the engine, and
 * reports come back from the output ring, over real sockets.
 */
@Timeout(60)
class EmbeddedGatewayTest
{
    @TempDir
    Path dir;

    private EmbeddedNode node;
    private NodeGateways gateways;

    @BeforeEach
    void setUp()
    {
        node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096),
            null, null);
        NodeVenueSetup.list(node);
        gateways = NodeGateways.start(node, TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L));
    }

    @AfterEach
    void tearDown()
    {
        gateways.close();
        node.close();
    }

    @Test
    void shouldRunAnOrderThroughTheNodeWithExactReports()
    {
        try (NativeTestClient alice = login("alice", 0);
            NativeTestClient bob = login("bob", 0);
            NativeTestClient copy = login("copy", 0))
        {
            limit(alice, "A1", 1, Side.BUY, 10000, 5);
            alice.awaitReports(1);
            limit(bob, "B1", 3, Side.SELL, 9950, 3);
            bob.awaitReports(2);
            alice.client().replace(10, 0, 0, ClientOrderIds.encode("A1"), 10100, -2, 2, 0);
            alice.awaitReports(3);
            alice.client().cancel(11, 0, 0, ClientOrderIds.encode("A1"));

            assertThat(alice.awaitReports(4)).containsExactly(
                "ACCEPTED order=1 clOrd=A1 acct=1 instr=1 BUY LIMIT GTC px=100.00 qty=5",
                "FILL order=1 clOrd=A1 acct=1 trade=1 BUY ADDED px=100.00 qty=3 leaves=2 cum=3 fee=0.03",
                "REPLACED order=1 clOrd=A1 req=10 acct=1 px=101.00 leaves=2 lost",
                "CANCELLED order=1 clOrd=A1 req=11 acct=1 qty=2 REQUESTED");
            assertThat(bob.awaitReports(2)).containsExactly(
                "ACCEPTED order=2 clOrd=B1 acct=3 instr=1 SELL LIMIT GTC px=99.50 qty=3",
                "FILL order=2 clOrd=B1 acct=3 trade=1 SELL REMOVED px=100.00 qty=3 leaves=0 cum=3 fee=0.06");
            assertThat(copy.awaitReports(6)).hasSize(6).startsWith(
                "ACCEPTED order=1 clOrd=A1 acct=1 instr=1 BUY LIMIT GTC px=100.00 qty=5",
                "ACCEPTED order=2 clOrd=B1 acct=3 instr=1 SELL LIMIT GTC px=99.50 qty=3");
        }
        assertThat(gateways.agentErrors()).isZero();
        assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
    }

    @Test
    void shouldReplayMissedReportsAfterAReconnectAndCancelOnDisconnect()
    {
        final long resumeAt;
        try (NativeTestClient bob = login("bob", 0))
        {
            limit(bob, "B1", 3, Side.SELL, 10100, 10);
            bob.awaitReports(1);
            resumeAt = bob.client().transport().nextSequence();
        }
        try (NativeTestClient alice = login("alice", 0))
        {
            limit(alice, "A1", 1, Side.BUY, 10100, 4);
            limit(alice, "A2", 1, Side.BUY, 9500, 1);
            alice.awaitReports(3);
        }
        try (NativeTestClient bob = login("bob", resumeAt);
            NativeTestClient alice = login("alice", 4))
        {
            assertThat(bob.awaitReports(1)).containsExactly(
                "FILL order=1 clOrd=B1 acct=3 trade=1 SELL ADDED px=101.00 qty=4 leaves=6 cum=4 fee=0.04");
            assertThat(alice.awaitReports(1)).containsExactly(
                "CANCELLED order=3 clOrd=A2 req=0 acct=1 qty=1 REQUESTED");
            assertThat(bob.settle(100)).hasSize(1);
        }
    }

    @Test
    void shouldStartANewSessionAfterARestartWhileTheVenueKeepsTheOrders()
    {
        final String firstSession;
        try (NativeTestClient bob = login("bob", 0))
        {
            firstSession = bob.session();
            limit(bob, "B1", 3, Side.SELL, 10100, 10);
            bob.awaitReports(1);
        }
        gateways.close();
        node.close();
        node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096),
            null, null);
        gateways = NodeGateways.start(node, TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L));
        try (NativeTestClient stale = NativeTestClient.login(address(), "bob", PASSWORD, firstSession, 2);
            NativeTestClient alice = login("alice", 0);
            NativeTestClient bob = login("bob", 0))
        {
            assertThat(bob.session()).isNotEqualTo(firstSession).startsWith("DX");
            limit(alice, "A1", 1, Side.BUY, 10100, 4);
            assertThat(bob.awaitReports(1)).containsExactly(
                "FILL order=1 clOrd=0 acct=3 trade=1 SELL ADDED px=101.00 qty=4 leaves=6 cum=4 fee=0.04");
        }
    }

    private NativeTestClient login(final String user, final long sequence)
    {
        final NativeTestClient client = NativeTestClient.login(address(), user, PASSWORD, sequence);
        assertThat(client.loginRejected()).as("login of " + user).isZero();
        return client;
    }

    private InetSocketAddress address()
    {
        return new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort());
    }

    private static void limit(
        final NativeTestClient client, final String clientOrderId, final long account, final Side side,
        final long price, final long quantity)
    {
        client.client().newOrder(ClientOrderIds.encode(clientOrderId), account, 1, side, OrderType.LIMIT,
            TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, price, -2, quantity, 0);
        client.client().flush();
    }
}
