package io.disruptorx.gateway.soupbintcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.disruptorx.core.tls.Certificates;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsContext;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.gateway.GatewayTlsListener;
import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.client.NativeClient;
import io.disruptorx.gateway.client.SoupBinTcpClient;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.gateway.support.GatewayHarness;
import io.disruptorx.gateway.support.NativeTestClient;
import io.disruptorx.gateway.support.RawSoupClient;
import io.disruptorx.gateway.support.TrustingContexts;
import io.disruptorx.protocol.sbe.orderentry.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.gateway.support.TestVenueSetup.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS terminated on the gateway thread ({@link TlsChannel}) under volume and back-pressure, with the JDK's
 * {@code SSLSocket} as the client: hundreds of orders written at once arrive as a few large TLS records that the
 * gateway reads in pieces, and thousands of reports replayed to a client with a tiny receive buffer leave as large
 * records the socket takes only in part. Every order is answered and every report arrives, in order and byte for
 * byte as the plain listener sends them. Records that arrive a byte at a time (one of them of about 10 KiB, more
 * than a plain connection's 4 KiB read buffer, whose orders are all answered in order), and a TLS 1.3 key update in
 * the middle of a session, leave the session working (the openssl provider's key update: {@code GatewayTlsTest} in
 * disruptorx-node, where its engines are). A record header announcing more than any buffer holds closes the session.
 */
@Timeout(120)
class GatewayTlsListenerTest
{
    private static final char[] STORE_PASSWORD = "store-pass".toCharArray();
    private static final int ORDERS = 900;
    private static final int TRICKLED_ORDERS = 40;
    /** Orders in one TLS record of about 10 KiB: more than two of a plain connection's 4 KiB reads. */
    private static final int LARGE_RECORD_ORDERS = 150;

    @TempDir
    static Path certs;

    private static Certificates authority;
    private static Path serverStore;

    private final GatewayHarness harness = new GatewayHarness(EngineConfig.defaults(), 16_384, 1_000_000_000L);

    @BeforeAll
    static void makeCertificates() throws IOException
    {
        authority = Certificates.createAuthority(certs.resolve("ca"), "test CA", STORE_PASSWORD, 30);
        serverStore = authority.issueServer("server", List.of("localhost", "127.0.0.1"), 30);
    }

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    @Test
    void shouldTakeABurstOfOrdersAndReplayThousandsOfReportsInOrderToASlowReader() throws Exception
    {
        final GatewayTlsListener listener = harness.gateway().listenNativeTls(new InetSocketAddress("127.0.0.1", 0),
            TlsContext.load(TlsConfig.server(serverStore, STORE_PASSWORD)));
        final InetSocketAddress address = new InetSocketAddress("127.0.0.1", listener.port());
        try (NativeTestClient copy = NativeTestClient.login(harness.nativeAddress(), "copy", PASSWORD, 0))
        {
            assertThat(copy.loginSequence()).as("the drop copy's session, which keeps its reports from now on")
                .isPositive();
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
            harness.gateway().core().counters().connectedSessions(SessionKind.DROP_COPY) == 0);
        try (RawSoupClient alice = new RawSoupClient(connect(address, 0), 10_000))
        {
            alice.login("alice", PASSWORD, "", 0);
            assertThat(alice.read().type()).isEqualTo(SoupBinTcp.LOGIN_ACCEPTED);
            alice.write(orders(Side.BUY, 1));
            for (int i = 0; i < ORDERS; i++)
            {
                assertThat(alice.read().type()).as("report %d", i).isEqualTo(SoupBinTcp.SEQUENCED_DATA);
            }
            try (NativeTestClient bob = NativeTestClient.login(harness.nativeAddress(), "bob", PASSWORD, 0))
            {
                for (int i = 0; i < ORDERS; i++)
                {
                    bob.client().newOrder(i + 1, 3, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                        SelfTradePrevention.CANCEL_NEWEST, 10_000, -2, 1, 0);
                }
                bob.client().flush();
                bob.awaitReports(2 * ORDERS);
            }
        }
        final List<byte[]> overTls = replay(new RawSoupClient(connect(address, 4096), 10_000));
        await().atMost(Duration.ofSeconds(10)).until(() ->
            harness.gateway().core().counters().connectedSessions(SessionKind.DROP_COPY) == 0);
        final List<byte[]> plain = replay(new RawSoupClient(harness.nativeAddress(), 10_000));

        assertThat(overTls).as("every order's acceptance and more").hasSizeGreaterThanOrEqualTo(2 * ORDERS)
            .hasSameSizeAs(plain);
        for (int i = 0; i < plain.size(); i++)
        {
            assertThat(overTls.get(i)).as("report %d", i + 1).isEqualTo(plain.get(i));
        }
        assertThat(listener.handshakes()).isEqualTo(2);
        assertThat(listener.handshakeFailures()).isZero();
        listener.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(harness.gateway().core().counters().connectedSessions(SessionKind.DROP_COPY)).isZero());
    }

    @Test
    void shouldCountAPlainClientAsAFailedHandshakeAndNeverLogItIn() throws Exception
    {
        final GatewayTlsListener listener = harness.gateway().listenNativeTls(new InetSocketAddress("127.0.0.1", 0),
            TlsContext.load(TlsConfig.server(serverStore, STORE_PASSWORD)));
        try (RawSoupClient plain = new RawSoupClient(new InetSocketAddress("127.0.0.1", listener.port()), 10_000))
        {
            plain.login("alice", PASSWORD, "", 0);
            assertThat(plain.readUntilClosed()).doesNotContain(String.valueOf((char)SoupBinTcp.LOGIN_ACCEPTED));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.handshakeFailures() == 1);
        assertThat(listener.handshakes()).isZero();
        assertThat(harness.gateway().core().counters().connectedSessions(SessionKind.TRADING)).isZero();
    }

    @Test
    void shouldServeRecordsThatArriveAByteAtATimeAndAKeyUpdate() throws Exception
    {
        final GatewayTlsListener listener = harness.gateway().listenNativeTls(new InetSocketAddress("127.0.0.1", 0),
            TlsContext.load(TlsConfig.server(serverStore, STORE_PASSWORD)));
        final Socket trickling = new TricklingSocket();
        trickling.setTcpNoDelay(true);
        trickling.connect(new InetSocketAddress("127.0.0.1", listener.port()));
        final SSLSocket socket = (SSLSocket)trusting().getSocketFactory().createSocket(trickling, "127.0.0.1",
            listener.port(), true);
        socket.setEnabledProtocols(new String[]{"TLSv1.3"});
        socket.startHandshake();
        try (RawSoupClient alice = new RawSoupClient(socket, 10_000))
        {
            alice.login("alice", PASSWORD, "", 0);
            assertThat(alice.read().type()).isEqualTo(SoupBinTcp.LOGIN_ACCEPTED);
            alice.write(orders(Side.BUY, 1, 1, TRICKLED_ORDERS));
            for (int i = 0; i < TRICKLED_ORDERS; i++)
            {
                assertThat(alice.read().type()).as("report %d", i).isEqualTo(SoupBinTcp.SEQUENCED_DATA);
            }
            socket.startHandshake();
            alice.write(orders(Side.BUY, 1, TRICKLED_ORDERS + 1, TRICKLED_ORDERS));
            for (int i = 0; i < TRICKLED_ORDERS; i++)
            {
                assertThat(alice.read().type()).as("report %d after the key update", i)
                    .isEqualTo(SoupBinTcp.SEQUENCED_DATA);
            }
        }
        assertThat(listener.handshakes()).isEqualTo(1);
        assertThat(listener.handshakeFailures()).isZero();
    }

    @Test
    void shouldOpenARecordLargerThanThePlainReadBufferThatArrivesAByteAtATime() throws Exception
    {
        final GatewayTlsListener listener = harness.gateway().listenNativeTls(new InetSocketAddress("127.0.0.1", 0),
            TlsContext.load(TlsConfig.server(serverStore, STORE_PASSWORD)));
        final byte[] packets = orders(Side.BUY, 1, 1, LARGE_RECORD_ORDERS);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
        assertThat(packets.length).as("one record's plaintext, more than the 4 KiB a plain connection reads at once")
            .isGreaterThan(2 * 4096).isLessThanOrEqualTo(16_384);
        final Socket trickling = new TricklingSocket();
        trickling.setTcpNoDelay(true);
        trickling.connect(new InetSocketAddress("127.0.0.1", listener.port()));
        final SSLSocket socket = (SSLSocket)trusting().getSocketFactory().createSocket(trickling, "127.0.0.1",
            listener.port(), true);
        socket.setEnabledProtocols(new String[]{"TLSv1.3"});
        socket.startHandshake();
        try (RawSoupClient alice = new RawSoupClient(socket, 10_000))
        {
            alice.login("alice", PASSWORD, "", 0);
            assertThat(alice.read().type()).isEqualTo(SoupBinTcp.LOGIN_ACCEPTED);
            alice.write(packets);
            for (int i = 0; i < LARGE_RECORD_ORDERS; i++)
            {
                final RawSoupClient.Packet report = alice.read();
                assertThat(report.type()).as("report %d", i).isEqualTo(SoupBinTcp.SEQUENCED_DATA);
                final UnsafeBuffer payload = new UnsafeBuffer(report.payload());
                header.wrap(payload, 0);
                assertThat(header.templateId()).as("report %d", i).isEqualTo(OrderAcceptedDecoder.TEMPLATE_ID);
                assertThat(accepted.wrap(payload, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                    header.version()).clientOrderId()).as("report %d", i).isEqualTo(i + 1);
            }
            alice.write(orders(Side.BUY, 1, LARGE_RECORD_ORDERS + 1, 1));
            assertThat(alice.read().type()).as("the order after the large record")
                .isEqualTo(SoupBinTcp.SEQUENCED_DATA);
        }
        assertThat(listener.handshakes()).isEqualTo(1);
        assertThat(listener.handshakeFailures()).isZero();
        assertThat(harness.gateway().core().counters().protocolErrors(ProtocolError.TRUNCATED))
            .as("no packet cut at a read's end").isZero();
    }

    @Test
    void shouldCloseALoggedInSessionWhoseRecordHeaderAnnouncesMoreThanAnyBufferHolds() throws Exception
    {
        final GatewayTlsListener listener = harness.gateway().listenNativeTls(new InetSocketAddress("127.0.0.1", 0),
            TlsContext.load(TlsConfig.server(serverStore, STORE_PASSWORD)));
        try (Socket raw = new Socket())
        {
            raw.setSoTimeout(10_000);
            raw.connect(new InetSocketAddress("127.0.0.1", listener.port()));
            final SSLSocket socket = (SSLSocket)trusting().getSocketFactory().createSocket(raw, "127.0.0.1",
                listener.port(), false);
            socket.setEnabledProtocols(new String[]{"TLSv1.3"});
            socket.startHandshake();
            final RawSoupClient alice = new RawSoupClient(socket, 10_000);
            alice.login("alice", PASSWORD, "", 0);
            assertThat(alice.read().type()).isEqualTo(SoupBinTcp.LOGIN_ACCEPTED);
            raw.getOutputStream().write(new byte[]{23, 3, 3, (byte)0xFF, (byte)0xFF, 0, 0, 0});
            raw.getOutputStream().flush();
            final byte[] bytes = new byte[1024];
            int read;
            do
            {
                read = raw.getInputStream().read(bytes);
            }
            while (read > 0);
            assertThat(read).as("the gateway closed the connection (a read timeout fails instead)").isNegative();
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
            harness.gateway().core().counters().connectedSessions(SessionKind.TRADING) == 0);
        assertThat(listener.handshakes()).isEqualTo(1);
        assertThat(listener.handshakeFailures()).as("refused after the handshake").isZero();
    }

    /**
     * Logs the drop copy in from sequence 1 and reads its reports up to the heartbeat the gateway sends once they
     * are all out (after a quiet second).
     */
    private static List<byte[]> replay(final RawSoupClient copy)
    {
        try (copy)
        {
            copy.login("copy", PASSWORD, "", 1);
            assertThat(copy.read().type()).isEqualTo(SoupBinTcp.LOGIN_ACCEPTED);
            final List<byte[]> reports = new ArrayList<>();
            RawSoupClient.Packet packet;
            while ((packet = copy.read()) != null && packet.type() == SoupBinTcp.SEQUENCED_DATA)
            {
                reports.add(packet.payload());
            }
            assertThat(packet).as("the heartbeat after report %d", reports.size()).isNotNull();
            assertThat(packet.type()).isEqualTo(SoupBinTcp.SERVER_HEARTBEAT);
            copy.send((char)SoupBinTcp.LOGOUT_REQUEST, new byte[0]);
            return reports;
        }
    }

    /**
     * @return {@link #ORDERS} resting limit orders as framed SoupBinTCP packets, one buffer to write at once.
     */
    private static byte[] orders(final Side side, final long account)
    {
        return orders(side, account, 1, ORDERS);
    }

    /**
     * @return {@code count} resting limit orders, client order ids from {@code firstId}, as framed SoupBinTCP
     * packets.
     */
    private static byte[] orders(final Side side, final long account, final long firstId, final int count)
    {
        final Recorder recorder = new Recorder();
        final NativeClient client = NativeClient.over(SoupBinTcpClient.over(recorder));
        for (int i = 0; i < count; i++)
        {
            client.newOrder(firstId + i, account, 1, side, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 10_000, -2, 1, 0);
        }
        client.flush();
        final byte[] packets = recorder.bytes.toByteArray();
        client.close();
        return packets;
    }

    private static SSLSocket connect(final InetSocketAddress address, final int receiveBuffer) throws Exception
    {
        final SSLSocket socket = (SSLSocket)trusting().getSocketFactory().createSocket();
        if (receiveBuffer > 0)
        {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(address);
        socket.setEnabledProtocols(new String[]{"TLSv1.3"});
        socket.startHandshake();
        return socket;
    }

    private static SSLContext trusting() throws IOException, GeneralSecurityException
    {
        return TrustingContexts.trusting(authority.trustStore(), STORE_PASSWORD);
    }

    /**
     * A plain socket that sends what is written to it one byte per system call ({@code TCP_NODELAY} set by the
     * caller), so the TLS records an {@code SSLSocket} layered on it writes reach the gateway in pieces.
     */
    private static final class TricklingSocket extends Socket
    {
        @Override
        public OutputStream getOutputStream() throws IOException
        {
            final OutputStream out = super.getOutputStream();
            return new OutputStream()
            {
                @Override
                public void write(final int b) throws IOException
                {
                    out.write(b);
                }

                @Override
                public void write(final byte[] bytes, final int offset, final int length) throws IOException
                {
                    for (int i = 0; i < length; i++)
                    {
                        out.write(bytes[offset + i]);
                    }
                }

                @Override
                public void flush() throws IOException
                {
                    out.flush();
                }
            };
        }
    }

    /**
     * A channel that keeps what is written to it, so a client's packets can be sent in one write.
     */
    private static final class Recorder implements ByteChannel
    {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public int read(final ByteBuffer dst)
        {
            return 0;
        }

        @Override
        public int write(final ByteBuffer src)
        {
            final byte[] taken = new byte[src.remaining()];
            src.get(taken);
            bytes.write(taken, 0, taken.length);
            return taken.length;
        }

        @Override
        public boolean isOpen()
        {
            return true;
        }

        @Override
        public void close()
        {
            bytes.reset();
        }
    }
}
