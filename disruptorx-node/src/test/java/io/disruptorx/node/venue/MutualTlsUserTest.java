package io.disruptorx.node.venue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

import com.typesafe.config.ConfigFactory;
import io.disruptorx.audit.AuditSegments;
import io.disruptorx.core.tls.Certificates;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsListener;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.config.GatewayTlsConfig;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.node.TestCertificates;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.sbe.orderentry.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mutual TLS on the binary gateway's TLS listener with a user file: a client certificate's subject names the user
 * ({@code certificate-subjects}), and the session logs in as that user only. Real certificates from
 * {@link Certificates}, the JDK's {@code SSLSocket} as the client on loopback: alice's certificate logs in as alice
 * (no password needed) and trades; the same certificate naming bob (with bob's right password) is refused, counted
 * and audited as {@code CERTIFICATE_MISMATCH}; a certificate of the trusted authority whose subject names no user is
 * closed after the handshake, before anything reaches the gateway; a certificate of an authority the listener does
 * not trust, and an expired certificate of the trusted authority naming a user, are refused at the handshake.
 */
@Timeout(120)
class MutualTlsUserTest
{
    private static final char[] STORE_PASSWORD = TestCertificates.STORE_PASSWORD.toCharArray();
    private static final String PASSWORD = "pw";

    @TempDir
    Path dir;

    @Test
    void shouldLogInOnlyAsTheUserTheCertificateNames() throws Exception
    {
        final TestCertificates certificates = TestCertificates.shared();
        final Certificates authority = certificates.authority();
        final Path serverStore = certificates.server();
        final Path aliceStore = certificates.alice();
        final Path malloryStore = certificates.mallory();
        final Path forgedAliceStore = certificates.strangerAlice();
        final Path expiredCarolStore = certificates.expiredCarol();
        final String hash = PasswordHash.create(PASSWORD, 1_000, new SecureRandom()).toString();
        final Path users = dir.resolve("users.conf");
        Files.writeString(users, "users = [\n" +
            "  { name = alice, password-hash = \"" + hash + "\", roles = [trader], accounts = [1], " +
            "certificate-subjects = [\"CN=alice\"] }\n" +
            "  { name = bob, password-hash = \"" + hash + "\", roles = [trader], accounts = [3] }\n" +
            "  { name = carol, roles = [trader], accounts = [4], certificate-subjects = [\"CN=carol\"] }\n]\n");
        final Path audit = dir.resolve("audit");
        final GatewaySecurityConfig security = GatewaySecurityConfig.bind(ConfigFactory.parseString(
            "gateways.security { users-file = \"" + users + "\", audit-directory = \"" + audit + "\" }"), "test");
        final GatewayTlsConfig tlsConfig = new GatewayTlsConfig(new InetSocketAddress("127.0.0.1", 0), null,
            TlsConfig.server(serverStore, STORE_PASSWORD).withClientAuth(authority.trustStore(), STORE_PASSWORD,
            TlsConfig.ClientAuth.REQUIRED), null, null);

        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data"))
            .withSegmentSize(1024 * 1024).withRingSizes(1024, 4096), null, null))
        {
            NodeVenueSetup.list(node);
            try (NodeGateways gateways = NodeGateways.start(node.newVenueClient(),
                TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L), security);
                TlsEdges tls = TlsEdges.start(tlsConfig, gateways.gateway()))
            {
                final TlsListener edge = tls.listener("binary-native");
                final InetSocketAddress address = new InetSocketAddress("127.0.0.1", edge.port());
                try (TlsSoupClient alice = TlsSoupClient.connect(address, authority.trustStore(), aliceStore,
                    STORE_PASSWORD))
                {
                    assertThat(alice.login("alice", "")).as("the certificate authenticates, not the password")
                        .isEqualTo("A");
                    alice.newOrder("A1", Side.BUY, 9_900, 1);
                    assertThat(alice.nextReport()).startsWith("ACCEPTED order=1 clOrd=A1 acct=1");
                }
                try (TlsSoupClient posingAsBob = TlsSoupClient.connect(address, authority.trustStore(), aliceStore,
                    STORE_PASSWORD))
                {
                    assertThat(posingAsBob.login("bob", PASSWORD)).as("alice's certificate naming bob")
                        .isEqualTo("J");
                }
                assertThat(gateways.gateway().core().counters().protocolErrors(ProtocolError.LOGIN_REFUSED))
                    .isEqualTo(1);

                assertThat(loginAnswer(address, authority, malloryStore)).as("a trusted certificate of no user")
                    .isEqualTo("closed");
                await().atMost(Duration.ofSeconds(10)).until(() -> edge.unknownSubjects() == 1);
                final long failures = edge.handshakeFailures();
                assertThat(loginAnswer(address, authority, forgedAliceStore)).as("alice by another authority")
                    .isEqualTo("closed");
                await().atMost(Duration.ofSeconds(10)).until(() -> edge.handshakeFailures() == failures + 1);
                assertThat(loginAnswer(address, authority, expiredCarolStore))
                    .as("carol's certificate of the trusted authority, expired").isEqualTo("closed");
                await().atMost(Duration.ofSeconds(10)).until(() -> edge.handshakeFailures() == failures + 2);
                assertThat(edge.unknownSubjects()).as("refused at the handshake, not mapped").isEqualTo(1);
                assertThat(gateways.gateway().core().counters().logins()).as("only alice's own login").isEqualTo(1);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> auditLog(audit).contains("CERTIFICATE_MISMATCH"));
        assertThat(auditLog(audit).lines().filter(line -> line.contains("CERTIFICATE_MISMATCH")).toList())
            .singleElement().asString().contains("\"user\":\"bob\"");
    }

    /**
     * @return the login's answer, or {@code closed} when the handshake or the connection failed.
     */
    private static String loginAnswer(final InetSocketAddress address, final Certificates authority,
        final Path keyStore)
    {
        try (TlsSoupClient client = TlsSoupClient.connect(address, authority.trustStore(), keyStore, STORE_PASSWORD))
        {
            return client.login("alice", PASSWORD);
        }
        catch (final Exception ex)
        {
            return "closed";
        }
    }

    private static String auditLog(final Path audit) throws IOException
    {
        final StringBuilder log = new StringBuilder();
        for (final Path segment : AuditSegments.list(audit))
        {
            log.append(Files.readString(segment, StandardCharsets.UTF_8));
        }
        return log.toString();
    }
}
