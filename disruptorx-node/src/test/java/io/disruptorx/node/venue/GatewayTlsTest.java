package io.disruptorx.node.venue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.core.tls.Certificates;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsConfigException;
import io.disruptorx.core.tls.TlsListener;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewayConfigBinder;
import io.disruptorx.gateway.config.GatewayTlsConfig;
import io.disruptorx.gateway.support.RawSoupClient;
import io.disruptorx.node.TestCertificates;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.sbe.orderentry.Side;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code gateways.soupbintcp.tls} on the embedded node: the binary gateway's native and POE dialects behind TLS
 * listeners bound from a configuration file, with the JDK's {@code SSLSocket} as the client. Trades go through,
 * a plain client and a TLS 1.2 client are refused and counted, a renewed certificate serves new connections, mutual
 * TLS refuses a client without a certificate, and unusable stores are reported by file.
 */
@Timeout(120)
class GatewayTlsTest
{
    private static final char[] STORE_PASSWORD = TestCertificates.STORE_PASSWORD.toCharArray();
    private static final String PASSWORD = "pw";

    @TempDir
    static Path certs;

    private static Certificates authority;
    private static Path serverStore;
    private static Path renewedStore;
    private static Path aliceStore;
    private static Path passwordFile;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() throws IOException
    {
        final TestCertificates certificates = TestCertificates.shared();
        authority = certificates.authority();
        serverStore = certificates.server();
        renewedStore = certificates.renewed();
        aliceStore = certificates.alice();
        passwordFile = certs.resolve("password");
        Files.writeString(passwordFile, new String(STORE_PASSWORD) + "\n");
    }

    @Test
    void shouldTradeOverTlsAndRefuseAndCountAPlainClient() throws Exception
    {
        final Path config = config("native = \"127.0.0.1:0\", poe = \"127.0.0.1:0\"",
            "native = \"127.0.0.1:0\", poe = \"127.0.0.1:0\", key-store = \"" + serverStore + "\"");
        try (EmbeddedNode node = node(); NodeGateways gateways = gateways(node, config);
            TlsEdges tls = TlsEdges.start(GatewayTlsConfig.bind(parse(config), config.toString()), gateways.gateway()))
        {
            final TlsListener nativeTls = tls.listener("binary-native");
            assertThat(tls.listener("binary-poe")).isNotNull();
            try (TlsSoupClient alice = client(nativeTls, null); TlsSoupClient bob = client(nativeTls, null))
            {
                assertThat(alice.protocol()).isEqualTo("TLSv1.3");
                assertThat(alice.login("alice", PASSWORD)).isEqualTo("A");
                assertThat(bob.login("bob", PASSWORD)).isEqualTo("A");
                alice.newOrder("A1", Side.BUY, 10_000, 5);
                assertThat(alice.nextReport()).startsWith("ACCEPTED order=1 clOrd=A1 acct=1 instr=1 BUY");
                bob.newOrder("B1", Side.SELL, 10_000, 2);
                assertThat(bob.nextReport()).startsWith("ACCEPTED order=2 clOrd=B1 acct=3");
                assertThat(bob.nextReport()).startsWith("FILL order=2 clOrd=B1 acct=3").contains("qty=2 leaves=0");
                assertThat(alice.nextReport()).startsWith("FILL order=1 clOrd=A1 acct=1").contains("qty=2 leaves=3");
            }
            final long logins = gateways.gateway().core().counters().logins();
            try (RawSoupClient plain = new RawSoupClient(new InetSocketAddress("127.0.0.1", nativeTls.port()), 10_000))
            {
                plain.login("alice", PASSWORD, "", 1);
                assertThat(plain.readUntilClosed()).as("no SoupBinTCP packet for a client that speaks no TLS")
                    .isEmpty();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> nativeTls.handshakeFailures() == 1);
            assertThat(nativeTls.handshakes()).isEqualTo(2);
            assertThat(gateways.gateway().core().counters().logins()).isEqualTo(logins);
            final MetricsRegistry metrics = new MetricsRegistry();
            tls.registerMetrics(metrics);
            assertThat(new PrometheusCollector(metrics).scrapeText())
                .contains("dx_tls_handshake_failures_total{edge=\"binary-native\"} 1.0")
                .contains("dx_tls_handshakes_total{edge=\"binary-native\"} 2.0");
            final TlsListener poeTls = tls.listener("binary-poe");
            assertThatThrownBy(() -> TlsSoupClient.connect(new InetSocketAddress("127.0.0.1", poeTls.port()),
                authority.trustStore(), null, STORE_PASSWORD, "TLSv1.2").close()).as("a TLS 1.2 client")
                .isInstanceOf(IOException.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> poeTls.handshakeFailures() == 1);
            assertThat(poeTls.handshakes()).isZero();
        }
    }

    @Test
    void shouldTradeThroughOpensslWhenTheFileAsksForItAndRefuseAnUnknownProvider() throws Exception
    {
        final Path config = config("native = \"127.0.0.1:0\", provider = openssl, key-store = \"" + serverStore + "\"");
        final GatewayTlsConfig settings = GatewayTlsConfig.bind(parse(config), config.toString());
        assertThat(settings.soupBinTcp().provider()).isEqualTo(TlsConfig.Provider.OPENSSL);
        try (EmbeddedNode node = node(); NodeGateways gateways = gateways(node, config);
            TlsEdges tls = TlsEdges.start(settings, gateways.gateway()))
        {
            final StringWriter printed = new StringWriter();
            tls.describe("", new PrintWriter(printed));
            assertThat(printed.toString()).contains("TLS binary-native on port").contains("openssl");
            try (TlsSoupClient alice = client(tls.listener("binary-native"), null))
            {
                assertThat(alice.protocol()).isEqualTo("TLSv1.3");
                assertThat(alice.login("alice", PASSWORD)).isEqualTo("A");
                alice.newOrder("A1", Side.BUY, 10_000, 5);
                assertThat(alice.nextReport()).startsWith("ACCEPTED order=1 clOrd=A1 acct=1 instr=1 BUY");
                alice.updateKeys();
                alice.newOrder("A2", Side.BUY, 10_000, 5);
                assertThat(alice.nextReport()).as("after a TLS 1.3 key update")
                    .startsWith("ACCEPTED order=2 clOrd=A2 acct=1 instr=1 BUY");
            }
        }
        final Path unknown = config("native = \"127.0.0.1:0\", provider = boringssl, key-store = \"" + serverStore +
            "\"");
        assertThatThrownBy(() -> GatewayTlsConfig.bind(parse(unknown), unknown.toString()))
            .isInstanceOf(ConfigValidationException.class).hasMessageContaining("gateways.soupbintcp.tls.provider")
            .hasMessageContaining("jdk openssl");
    }

    @Test
    void shouldServeARenewedCertificateToNewConnectionsWhileOpenOnesTrade() throws Exception
    {
        final Path keyStore = dir.resolve("server.p12");
        Files.copy(serverStore, keyStore);
        final Path config = config("native = \"127.0.0.1:0\", key-store = \"" + keyStore + "\"");
        try (EmbeddedNode node = node(); NodeGateways gateways = gateways(node, config);
            TlsEdges tls = TlsEdges.start(GatewayTlsConfig.bind(parse(config), config.toString()), gateways.gateway()))
        {
            final TlsListener edge = tls.listener("binary-native");
            try (TlsSoupClient before = client(edge, null))
            {
                assertThat(before.serverSubject()).isEqualTo("CN=server");
                assertThat(before.login("alice", PASSWORD)).isEqualTo("A");

                final Path copy = dir.resolve("renewed.tmp");
                Files.copy(renewedStore, copy);
                Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
                Files.move(copy, keyStore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

                try (TlsSoupClient after = client(edge, null))
                {
                    assertThat(after.serverSubject()).isEqualTo("CN=renewed");
                    assertThat(after.login("bob", PASSWORD)).isEqualTo("A");
                }
                assertThat(edge.tls().reloads()).isEqualTo(1);
                before.newOrder("A1", Side.BUY, 9_900, 1);
                assertThat(before.nextReport()).startsWith("ACCEPTED order=1 clOrd=A1 acct=1");
            }
        }
    }

    @Test
    void shouldRequireAClientCertificateWithMutualTls() throws Exception
    {
        final Path config = config("native = \"127.0.0.1:0\", key-store = \"" + serverStore + "\", trust-store = \"" +
            authority.trustStore() + "\", trust-store-password-file = \"" + passwordFile +
            "\", client-auth = required");
        try (EmbeddedNode node = node(); NodeGateways gateways = gateways(node, config);
            TlsEdges tls = TlsEdges.start(GatewayTlsConfig.bind(parse(config), config.toString()), gateways.gateway()))
        {
            final TlsListener edge = tls.listener("binary-native");
            try (TlsSoupClient anonymous = client(edge, null))
            {
                assertThat(anonymous.login("alice", PASSWORD)).isEqualTo("closed");
            }
            catch (final IOException refused)
            {
                assertThat(refused).hasMessageContaining("certificate");
            }
            try (TlsSoupClient alice = client(edge, aliceStore))
            {
                assertThat(alice.login("alice", PASSWORD)).isEqualTo("A");
                alice.newOrder("A1", Side.BUY, 9_900, 1);
                assertThat(alice.nextReport()).startsWith("ACCEPTED order=1 clOrd=A1 acct=1");
            }
            assertThat(edge.handshakeFailures()).isEqualTo(1);
            assertThat(gateways.gateway().core().counters().logins()).isEqualTo(1);
        }
    }

    @Test
    void shouldReportUnusableStoresByFileAndBadSettingsByKey() throws Exception
    {
        final Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> new TlsEdges().add("binary-native", new InetSocketAddress("127.0.0.1", 0), 1,
            TlsConfig.server(missing, STORE_PASSWORD)))
            .isInstanceOf(TlsConfigException.class).hasMessageContaining(missing.toString())
            .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> new TlsEdges().add("binary-native", new InetSocketAddress("127.0.0.1", 0), 1,
            TlsConfig.server(serverStore, "wrong".toCharArray())))
            .isInstanceOf(TlsConfigException.class).hasMessageContaining(serverStore.toString())
            .hasMessageContaining("wrong password").satisfies(ex ->
                assertThat(ex.getMessage()).doesNotContain("\n").doesNotContain(new String(STORE_PASSWORD)));

        final Path noListener = config("key-store = \"" + serverStore + "\"");
        assertThatThrownBy(() -> GatewayTlsConfig.bind(parse(noListener), noListener.toString()))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("gateways.soupbintcp.tls.native or gateways.soupbintcp.tls.poe");
        final Path noKeyStore = config("native = \"127.0.0.1:0\"");
        assertThatThrownBy(() -> GatewayTlsConfig.bind(parse(noKeyStore), noKeyStore.toString()))
            .isInstanceOf(ConfigValidationException.class).hasMessageContaining("gateways.soupbintcp.tls.key-store");
        final Path noPoe = config("poe = \"127.0.0.1:0\", key-store = \"" + serverStore + "\"");
        assertThatThrownBy(() -> GatewayTlsConfig.bind(parse(noPoe), noPoe.toString()))
            .isInstanceOf(ConfigValidationException.class).hasMessageContaining("gateways.soupbintcp.tls.poe");
        final Path plain = config("");
        assertThat(GatewayTlsConfig.bind(parse(plain), plain.toString())).isEqualTo(GatewayTlsConfig.NONE);
        assertThat(GatewayConfigBinder.bind(parse(plain), plain.toString())).isNotNull();
    }

    private Path config(final String tls) throws IOException
    {
        return config("native = \"127.0.0.1:0\"", tls);
    }

    private Path config(final String plain, final String tls) throws IOException
    {
        final String hash = PasswordHash.create(PASSWORD, 1_000, new SecureRandom()).toString();
        final String keyStoreLine = tls.contains("key-store") ?
            ", key-store-password-file = \"" + passwordFile + "\"" : "";
        final Path file = dir.resolve("node-" + System.nanoTime() + ".conf");
        Files.writeString(file, String.join("\n",
            "node.data-dir = \"" + dir.resolve("data") + "\"",
            "gateways {",
            "  soupbintcp { " + plain,
            "    tls { " + tls + keyStoreLine + " } }",
            "  instruments = [{ id = 1, symbol = \"BTC-USD\", price-scale = 2, quantity-scale = 0, tick-size = 1, " +
                "lot-size = 1 }]",
            "  users = [{ name = alice, password-hash = \"" + hash + "\", accounts = [1] },",
            "    { name = bob, password-hash = \"" + hash + "\", accounts = [3] }]",
            "}"));
        return file;
    }

    private static Config parse(final Path file)
    {
        return ConfigFactory.parseFile(file.toFile()).resolve();
    }

    private EmbeddedNode node()
    {
        final EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data"))
            .withSegmentSize(1024 * 1024).withRingSizes(1024, 4096), null, null);
        NodeVenueSetup.list(node);
        return node;
    }

    private static NodeGateways gateways(final EmbeddedNode node, final Path config)
    {
        final GatewayConfig gateways = GatewayConfigBinder.bind(parse(config), config.toString());
        return NodeGateways.start(node, gateways, new BackoffIdleStrategy());
    }

    private static TlsSoupClient client(final TlsListener edge, final Path keyStore) throws Exception
    {
        return TlsSoupClient.connect(new InetSocketAddress("127.0.0.1", edge.port()), authority.trustStore(),
            keyStore, STORE_PASSWORD);
    }
}
