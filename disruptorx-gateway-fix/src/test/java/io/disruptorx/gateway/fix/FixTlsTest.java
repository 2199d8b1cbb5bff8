package io.disruptorx.gateway.fix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.core.tls.Certificates;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewayConfigBinder;
import io.disruptorx.gateway.config.GatewayTlsConfig;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.http.TlsTerminator;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import io.disruptorx.node.venue.TlsEdges;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.Side;

import static io.disruptorx.gateway.fix.FixMessages.limit;
import static io.disruptorx.gateway.fix.FixMessages.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * FIX over TLS: Artio has no TLS of its own, so {@code gateways.fix.tls} puts a TLS listener ({@link TlsEdges}, a
 * Netty {@link TlsTerminator}) in front of the acceptor in the same process. QuickFIX/J initiators with
 * {@code SocketUseSSL} log on and trade through it; one without TLS, and one without a client certificate when mutual
 * TLS is required, never reach the acceptor and are counted. TLS 1.2 is refused unless {@code protocols} names it, and
 * so are an expired client certificate and one of an authority the listener does not trust.
 */
@Timeout(120)
class FixTlsTest
{
    private static final long WAIT_MS = FixTestNode.WAIT_MS;
    private static final String PASSWORD = FixTestNode.PASSWORD;
    private static final String STORE_PASSWORD = TestCertificates.STORE_PASSWORD;

    @TempDir
    static Path certs;

    private static Certificates authority;
    private static Path serverStore;
    private static Path aliceStore;
    private static Path expiredAliceStore;
    private static Path strangersAliceStore;
    private static Path passwordFile;

    @TempDir
    Path directory;

    @BeforeAll
    static void makeCertificates() throws IOException
    {
        final TestCertificates certificates = TestCertificates.shared();
        authority = certificates.authority();
        serverStore = certificates.server();
        aliceStore = certificates.alice();
        expiredAliceStore = certificates.expiredAlice();
        strangersAliceStore = certificates.strangerAlice();
        passwordFile = certs.resolve("password");
        Files.writeString(passwordFile, STORE_PASSWORD + "\n");
    }

    @Test
    void shouldLogOnAndTradeWithQuickFixJOverSslAndRefuseAPlainInitiator() throws Exception
    {
        try (Venue venue = new Venue(""))
        {
            try (QfjClient alice = QfjClient.loggedOn(venue.tlsPort(), "alice", PASSWORD, ssl(null), WAIT_MS);
                QfjClient bob = QfjClient.loggedOn(venue.tlsPort(), "bob", PASSWORD, ssl(null), WAIT_MS))
            {
                FixTestNode.tradeAliceWithBob(alice, bob);
            }
            final TlsTerminator edge = venue.tls.edge("fix");
            assertThat(edge.handshakes()).isGreaterThanOrEqualTo(2);
            assertRefusedAtTheHandshake(venue, "alice", null, "a plain initiator on the TLS port");
        }
    }

    @Test
    void shouldLogOnWithAClientCertificateWhenMutualTlsIsRequired() throws Exception
    {
        try (Venue venue = new Venue(", trust-store = \"" + authority.trustStore() + "\", trust-store-password-file" +
            " = \"" + passwordFile + "\", client-auth = required"))
        {
            assertRefusedAtTheHandshake(venue, "bob", ssl(null), "an initiator without a client certificate");
            try (QfjClient alice = QfjClient.loggedOn(venue.tlsPort(), "alice", PASSWORD, ssl(aliceStore), WAIT_MS))
            {
                alice.send(limit("A1", "BTC-USD", Side.BUY, "100.00", "5"));
                assertThat(summary(alice.next(WAIT_MS)))
                    .isEqualTo("8 11=A1 37=1 54=1 150=0 39=0 44=100 38=5 151=5 14=0 6=0");
            }
        }
    }

    /**
     * With mutual TLS required and the default protocols (TLS 1.3 only), QuickFIX/J initiators that differ from alice's
     * good one in one thing each are refused at the handshake and counted, and reach neither the acceptor nor the
     * gateway: TLS 1.2, an expired certificate of the trusted authority, a certificate for her from an authority the
     * listener does not trust. The good initiator logs on and trades after them.
     */
    @Test
    void shouldRefuseTls12AndExpiredOrUntrustedClientCertificates() throws Exception
    {
        try (Venue venue = new Venue(", trust-store = \"" + authority.trustStore() + "\", trust-store-password-file" +
            " = \"" + passwordFile + "\", client-auth = required"))
        {
            final TlsTerminator edge = venue.tls.edge("fix");
            final MetricsRegistry metrics = new MetricsRegistry();
            venue.tls.registerMetrics(metrics);

            assertRefusedAtTheHandshake(venue, "alice", ssl(aliceStore, "TLSv1.2"), "TLS 1.2");
            assertRefusedAtTheHandshake(venue, "alice", ssl(expiredAliceStore, "TLSv1.3"), "an expired certificate");
            assertRefusedAtTheHandshake(venue, "alice", ssl(strangersAliceStore, "TLSv1.3"),
                "another authority's certificate");
            assertThat(edge.handshakes()).as("no refused client completed a handshake").isZero();
            assertThat(venue.gateways.gateway().core().counters().logins()).isZero();
            assertThat(new PrometheusCollector(metrics).scrapeText())
                .contains("dx_tls_handshake_failures_total{edge=\"fix\"} " + (double)edge.handshakeFailures());

            try (QfjClient alice = QfjClient.loggedOn(venue.tlsPort(), "alice", PASSWORD,
                ssl(aliceStore, "TLSv1.3"), WAIT_MS))
            {
                alice.send(limit("A1", "BTC-USD", Side.BUY, "100.00", "5"));
                assertThat(summary(alice.next(WAIT_MS)))
                    .isEqualTo("8 11=A1 37=1 54=1 150=0 39=0 44=100 38=5 151=5 14=0 6=0");
            }
            assertThat(edge.handshakes()).isEqualTo(1);
        }
    }

    @Test
    void shouldAcceptTls12OnlyWhenConfigured() throws Exception
    {
        try (Venue venue = new Venue(", protocols = [\"TLSv1.3\", \"TLSv1.2\"]"))
        {
            try (QfjClient alice = QfjClient.loggedOn(venue.tlsPort(), "alice", PASSWORD, ssl(null, "TLSv1.2"),
                WAIT_MS))
            {
                alice.send(limit("A1", "BTC-USD", Side.BUY, "100.00", "5"));
                assertThat(summary(alice.next(WAIT_MS)))
                    .isEqualTo("8 11=A1 37=1 54=1 150=0 39=0 44=100 38=5 151=5 14=0 6=0");
            }
            assertThat(venue.tls.edge("fix").handshakeFailures()).isZero();
        }
    }

    /**
     * Starts an initiator for the user with the given TLS settings (none: a plain initiator), waits until the
     * listener counts its refused handshake, and checks that it is not logged on (a refused handshake ends its
     * connection: waiting longer for a logon that cannot come proves nothing more); the initiator is stopped before
     * it tries again.
     */
    private static void assertRefusedAtTheHandshake(final Venue venue, final String user,
        final Map<String, String> ssl, final String what) throws Exception
    {
        final TlsTerminator edge = venue.tls.edge("fix");
        final long failures = edge.handshakeFailures();
        try (QfjClient client = ssl == null ? new QfjClient(venue.tlsPort(), user, PASSWORD) :
            new QfjClient(venue.tlsPort(), user, PASSWORD, ssl))
        {
            client.start();
            await(what + " refused and counted").atMost(Duration.ofSeconds(10))
                .until(() -> edge.handshakeFailures() > failures);
            assertThat(client.everLoggedOn()).as(what).isFalse();
        }
    }

    private static Map<String, String> ssl(final Path keyStore)
    {
        return ssl(keyStore, "TLSv1.3");
    }

    private static Map<String, String> ssl(final Path keyStore, final String protocol)
    {
        final Map<String, String> settings = new HashMap<>(Map.of(
            "SocketUseSSL", "Y",
            "SocketTrustStore", authority.trustStore().toString(),
            "SocketTrustStorePassword", STORE_PASSWORD,
            "TrustStoreType", "PKCS12",
            "EnabledProtocols", protocol));
        if (keyStore != null)
        {
            settings.put("SocketKeyStore", keyStore.toString());
            settings.put("SocketKeyStorePassword", STORE_PASSWORD);
            settings.put("KeyStoreType", "PKCS12");
        }
        return settings;
    }

    /**
     * A node from a configuration file with {@code gateways.fix.tls}: the binary gateway, the FIX acceptor on the
     * gateway thread, and the TLS listener in front of the acceptor.
     */
    private final class Venue implements AutoCloseable
    {
        private final EmbeddedNode node;
        private final NodeGateways gateways;
        private final TlsEdges tls;

        Venue(final String tlsExtra) throws IOException
        {
            final int port = FixTestNode.freePort();
            final Path dataDirectory = directory.resolve("data");
            final Path file = configuration(port, dataDirectory, tlsExtra);
            final Config parsed = ConfigFactory.parseFile(file.toFile()).resolve();
            final GatewayConfig config = GatewayConfigBinder.bind(parsed, file.toString());
            final FixSettings fix = FixConfigBinder.bind(parsed, file.toString(), dataDirectory);
            final GatewayTlsConfig edges = GatewayTlsConfig.bind(parsed, file.toString());
            node = EmbeddedNode.start(NodeConfig.defaults(dataDirectory).withForcePolicy(ForcePolicy.NEVER, 1_000_000L),
                null, null);
            FixTestNode.listAndFund(node);
            gateways = NodeGateways.start(node, config, new BackoffIdleStrategy(),
                gateway -> FixGateway.launch(fix, gateway.core(), new InstrumentDirectory(config.instruments())));
            tls = TlsEdges.start(edges, gateways.gateway()).add("fix", edges.fixListen(), fix.port(), edges.fix());
        }

        int tlsPort()
        {
            return tls.edge("fix").port();
        }

        @Override
        public void close()
        {
            tls.close();
            gateways.close();
            node.close();
        }
    }

    private Path configuration(final int port, final Path dataDirectory, final String tlsExtra) throws IOException
    {
        return FixTestNode.configuration(directory, dataDirectory,
            "  fix {",
            "    listen = \"127.0.0.1:" + port + "\", heartbeat = 5s",
            "    tls { listen = \"127.0.0.1:0\", key-store = \"" + serverStore + "\", key-store-password-file = \"" +
                passwordFile + "\"" + tlsExtra + " }",
            "  }");
    }
}
