package io.disruptorx.gateway.fix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.core.net.TestPorts;
import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.core.tls.Certificates;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.Side;

import static io.disruptorx.gateway.fix.FixMessages.limit;
import static io.disruptorx.gateway.fix.FixMessages.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code dx node --config} in a JVM of its own starts the FIX acceptor's TLS listener from {@code gateways.fix.tls}
 * (the FIX edge found through {@code ServiceLoader}), says where it listens, and QuickFIX/J initiators with
 * {@code SocketUseSSL} on TLS 1.3 log on and trade through it; a plain initiator on the TLS port never logs on.
 */
@Timeout(180)
class FixNodeTlsCommandTest
{
    private static final Pattern TLS_LINE = Pattern.compile("dx node: TLS fix on port (\\d+)");
    private static final long WAIT_MS = 30_000;
    private static final String PASSWORD = "s3cret";
    private static final String STORE_PASSWORD = TestCertificates.STORE_PASSWORD;
    private static final int SEGMENT_SIZE = 4 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void shouldStartTheFixTlsListenerFromTheConfigurationAndTradeOverIt() throws Exception
    {
        final TestCertificates certificates = TestCertificates.shared();
        final Certificates authority = certificates.authority();
        final Path serverStore = certificates.server();
        final Path data = dir.resolve("data");
        list(data);
        final int fixPort = TestPorts.port();
        final Path config = writeConfig(data, fixPort, serverStore);
        final List<String> command = ChildJvm.javaCommand(ChildJvm.testClassPath(), "io.disruptorx.node.cli.Dx",
            List.of("node", "--config", config.toString()));
        try (ChildJvm node = ChildJvm.start("dx node", command, null, dir.resolve("node.err")))
        {
            final List<String> lines = node.awaitLine("dx node: running", WAIT_MS);
            final int tlsPort = tlsPort(lines);
            assertThat(tlsPort).as("the TLS fix line of %s", lines).isPositive().isNotEqualTo(fixPort);
            final Map<String, String> ssl = Map.of("SocketUseSSL", "Y",
                "SocketTrustStore", authority.trustStore().toString(), "SocketTrustStorePassword", STORE_PASSWORD,
                "TrustStoreType", "PKCS12", "EnabledProtocols", "TLSv1.3");
            try (QfjClient alice = logon(tlsPort, "alice", ssl); QfjClient bob = logon(tlsPort, "bob", ssl))
            {
                alice.send(limit("A1", "BTC-USD", Side.BUY, "100.00", "5"));
                assertThat(summary(alice.next(WAIT_MS)))
                    .isEqualTo("8 11=A1 37=1 54=1 150=0 39=0 44=100 38=5 151=5 14=0 6=0");
                bob.send(limit("B1", "BTC-USD", Side.SELL, "100.00", "2"));
                assertThat(bob.next(2, WAIT_MS)).extracting(FixMessages::summary).containsExactly(
                    "8 11=B1 37=2 54=2 150=0 39=0 44=100 38=2 151=2 14=0 6=0",
                    "8 11=B1 37=2 54=2 150=F 39=2 32=2 31=100 151=0 14=2 6=100");
                assertThat(summary(alice.next(WAIT_MS)))
                    .isEqualTo("8 11=A1 37=1 54=1 150=F 39=1 32=2 31=100 151=3 14=2 6=100");
            }
            try (QfjClient plain = new QfjClient(tlsPort, "alice", PASSWORD))
            {
                plain.start();
                assertThat(plain.awaitLogon(2_000)).as("a plain initiator on the TLS port").isFalse();
            }
        }
    }

    private static QfjClient logon(final int port, final String user, final Map<String, String> ssl)
        throws Exception
    {
        final QfjClient client = new QfjClient(port, user, PASSWORD, ssl);
        client.start();
        if (!client.awaitLogon(WAIT_MS))
        {
            client.close();
            throw new AssertionError(user + " did not log on over TLS: " + client.lastLogoutText());
        }
        return client;
    }

    private static int tlsPort(final List<String> lines)
    {
        for (final String line : lines)
        {
            final Matcher matcher = TLS_LINE.matcher(line);
            if (matcher.find())
            {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return -1;
    }

    private Path writeConfig(final Path data, final int fixPort, final Path serverStore) throws IOException
    {
        final Path passwordFile = dir.resolve("store-password");
        Files.writeString(passwordFile, STORE_PASSWORD + "\n");
        final String hash = PasswordHash.create(PASSWORD, 1_000, new SecureRandom()).toString();
        final Path config = dir.resolve("node.conf");
        Files.writeString(config, String.join("\n",
            "node { data-dir = \"" + data + "\", journal.segment-size = " + SEGMENT_SIZE + ", http.port = -1 }",
            "gateways {",
            "  soupbintcp.native = \"127.0.0.1:0\"",
            "  instruments = [{ id = 1, symbol = \"BTC-USD\", price-scale = 2, quantity-scale = 0, tick-size = 1, " +
                "lot-size = 1 }]",
            "  users = [{ name = alice, password-hash = \"" + hash + "\", accounts = [1] },",
            "    { name = bob, password-hash = \"" + hash + "\", accounts = [2] }]",
            "  fix {",
            "    listen = \"127.0.0.1:" + fixPort + "\", heartbeat = 5s",
            "    tls { listen = \"127.0.0.1:0\", key-store = \"" + serverStore + "\", key-store-password-file = \"" +
                passwordFile + "\" }",
            "  }",
            "}"));
        return config;
    }

    private static void list(final Path data)
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(data).withSegmentSize(SEGMENT_SIZE),
            null, null))
        {
            final NodeClient client = node.newClient(true);
            client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
            long last = 0;
            for (long account = 1; account <= 2; account++)
            {
                client.adjustBalance(account, 0, 1_000_000_000L);
                last = client.adjustBalance(account, 1, 1_000_000_000L);
            }
            final long sequence = last;
            await("instrument listed and accounts funded").atMost(Duration.ofSeconds(10))
                .until(() -> node.appliedSequence() >= sequence);
        }
    }
}
