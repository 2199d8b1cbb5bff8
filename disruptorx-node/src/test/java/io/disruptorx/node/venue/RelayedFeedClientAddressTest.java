package io.disruptorx.node.venue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.disruptorx.core.tls.Certificates;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.gateway.support.RawSoupClient;
import io.disruptorx.http.TlsTerminator;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.marketdata.server.tcp.PacketServer;
import io.disruptorx.marketdata.wire.RecoveryProtocol;
import io.disruptorx.node.TestCertificates;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.feed.MarketDataConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Behind a node's market data TLS listeners ({@code market-data.tls}: recovery and SoupBinTCP feed) the plain TCP
 * servers know each client by its own address, not by the relay's loopback address ({@link PacketServer}'s
 * {@code relayedPeers}): with 2 connections per address, two TLS clients from 127.0.0.1 and two from 127.0.0.2 are
 * all served on each edge (a snapshot from the recovery server, a login to the feed), a third from either address is
 * refused by the TLS listener at accept, and the plain server, which holds all four, refuses none (before, it saw
 * four connections from 127.0.0.1 and closed two). A TLS 1.2 client is refused by each listener and counted as a
 * failed handshake. Real sockets on two loopback addresses, real certificates, the
 * JDK's {@code SSLSocket}, a real node publishing to the feed.
 */
@Timeout(120)
class RelayedFeedClientAddressTest
{
    private static final char[] STORE_PASSWORD = TestCertificates.STORE_PASSWORD.toCharArray();
    private static final int PER_ADDRESS = 2;

    @TempDir
    Path dir;

    @Test
    void shouldCountEachRelayedMarketDataClientUnderItsOwnAddress() throws Exception
    {
        final Certificates authority = TestCertificates.shared().authority();
        final Path serverStore = TestCertificates.shared().server();
        final MarketDataConfig config = new MarketDataConfig(
            FeedServerConfig.builder().session("DXTEST").connectionLimits(16, PER_ADDRESS).build(), null,
            new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0),
            TlsConfig.server(serverStore, STORE_PASSWORD));
        try (NodeMarketData marketData = NodeMarketData.start(config))
        {
            try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data"))
                .withSegmentSize(1024 * 1024).withRingSizes(1024, 4096), marketData.sink(), null))
            {
                marketData.open(node);
                final FeedServer server = marketData.feed().server();
                assertRelayedClientsCounted(marketData, NodeMarketData.RECOVERY_EDGE, authority,
                    RelayedFeedClientAddressTest::snapshot, server.recoveryServer()::refusedConnections,
                    server.recoveryServer()::openConnections);
                assertRelayedClientsCounted(marketData, NodeMarketData.TCP_FEED_EDGE, authority,
                    RelayedFeedClientAddressTest::feedLogin, server.tcpFeedServer()::refusedConnections,
                    server.tcpFeedServer()::openConnections);
                await("every relay forgotten once its client closed").atMost(Duration.ofSeconds(10))
                    .until(() -> server.relayedPeers().size() == 0);
            }
        }
    }

    private static void assertRelayedClientsCounted(
        final NodeMarketData marketData, final String edgeName, final Certificates authority,
        final Function<RawSoupClient, String> service, final LongSupplier plainRefused, final LongSupplier plainOpen)
        throws Exception
    {
        final TlsTerminator edge = edgeOf(marketData, edgeName);
        final InetSocketAddress address = new InetSocketAddress("127.0.0.1", marketData.tlsPort(edgeName));
        final InetAddress first = InetAddress.getByName("127.0.0.1");
        final InetAddress second = InetAddress.getByName("127.0.0.2");
        assertThatThrownBy(() -> TlsSoupClient.connectFrom(first, address, authority.trustStore(), null,
            STORE_PASSWORD, "TLSv1.2").close()).as(edgeName + ": a TLS 1.2 client").isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> edge.handshakeFailures() == 1);
        final List<TlsSoupClient> clients = new ArrayList<>();
        try
        {
            for (int i = 0; i < 2 * PER_ADDRESS; i++)
            {
                final TlsSoupClient client = TlsSoupClient.connectFrom(i < PER_ADDRESS ? first : second, address,
                    authority.trustStore(), null, STORE_PASSWORD);
                clients.add(client);
                assertThat(service.apply(client.raw())).as(edgeName + " client " + i + " served").isNotEmpty();
            }
            assertThat(plainOpen.getAsLong()).as(edgeName + ": the plain server holds all four").isEqualTo(4);
            assertThat(refused(first, address, authority, service)).as(edgeName + ": a third from 127.0.0.1")
                .isTrue();
            assertThat(refused(second, address, authority, service)).as(edgeName + ": a third from 127.0.0.2")
                .isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> edge.refusedConnections() == 2);
            assertThat(plainRefused.getAsLong()).as(edgeName + ": the plain server behind the relay refused none")
                .isZero();
        }
        finally
        {
            for (final TlsSoupClient client : clients)
            {
                client.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> plainOpen.getAsLong() == 0);
    }

    private static TlsTerminator edgeOf(final NodeMarketData marketData, final String name)
    {
        assertThat(marketData.tlsPort(name)).as(name + " listens").isPositive();
        return marketData.tlsEdge(name);
    }

    private static boolean refused(final InetAddress from, final InetSocketAddress address,
        final Certificates authority, final Function<RawSoupClient, String> service)
    {
        try (TlsSoupClient client = TlsSoupClient.connectFrom(from, address, authority.trustStore(), null,
            STORE_PASSWORD))
        {
            return service.apply(client.raw()).isEmpty();
        }
        catch (final Exception ex)
        {
            return true;
        }
    }

    /**
     * Asks the recovery server for a snapshot of every instrument and reads it to its end.
     *
     * @return the frames' types, "" when the connection was closed before the snapshot's end.
     */
    private static String snapshot(final RawSoupClient client)
    {
        client.send((char)RecoveryProtocol.SNAPSHOT_REQUEST,
            ByteBuffer.allocate(RecoveryProtocol.SNAPSHOT_REQUEST_LENGTH).putInt(0).array());
        final StringBuilder types = new StringBuilder();
        RawSoupClient.Packet packet;
        while ((packet = client.read()) != null)
        {
            types.append((char)packet.type());
            if (packet.type() == RecoveryProtocol.SNAPSHOT_END)
            {
                return types.toString();
            }
        }
        return "";
    }

    /**
     * Logs in to the feed session at its next message.
     *
     * @return "A" when accepted, "" when the connection was closed.
     */
    private static String feedLogin(final RawSoupClient client)
    {
        client.login("", "", "DXTEST", 0);
        final RawSoupClient.Packet packet = client.read();
        if (packet == null)
        {
            return "";
        }
        assertThat((char)packet.type()).as("login accepted").isEqualTo('A');
        return "A";
    }
}
