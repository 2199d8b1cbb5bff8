package io.disruptorx.gateway.fix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.audit.AuditSegments;
import io.disruptorx.core.tls.Certificates;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewayConfigBinder;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.config.GatewayTlsConfig;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.gateway.edge.ProtocolEdge;
import io.disruptorx.http.TlsTerminator;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import io.disruptorx.node.venue.TlsEdges;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.Side;

import static io.disruptorx.gateway.fix.FixMessages.limit;
import static io.disruptorx.gateway.fix.FixMessages.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client certificate names the FIX user: behind {@code gateways.fix.tls} with mutual TLS and a user file with
 * {@code certificate-subjects}, QuickFIX/J initiators over SSL. alice's certificate logs on as alice without a
 * Password(554) and trades; the same certificate logging on as bob, with bob's right password, is refused, counted
 * and audited {@code CERTIFICATE_MISMATCH}; a trusted certificate of no user is closed after the handshake.
 */
@Timeout(120)
class FixMutualTlsUserTest
{
    private static final String STORE_PASSWORD = TestCertificates.STORE_PASSWORD;
    private static final String PASSWORD = FixTestNode.PASSWORD;

    @TempDir
    Path directory;

    @Test
    void shouldLogOnOnlyAsTheUserTheCertificateNames() throws Exception
    {
        final TestCertificates certificates = TestCertificates.shared();
        final Certificates authority = certificates.authority();
        final Path serverStore = certificates.server();
        final Path aliceStore = certificates.alice();
        final Path malloryStore = certificates.mallory();
        final Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, STORE_PASSWORD + "\n");
        final String hash = PasswordHash.create(PASSWORD, 1_000, new SecureRandom()).toString();
        final Path users = directory.resolve("users.conf");
        Files.writeString(users, "users = [\n" +
            "  { name = alice, password-hash = \"" + hash + "\", roles = [trader], accounts = [1], " +
            "certificate-subjects = [\"CN=alice\"] }\n" +
            "  { name = bob, password-hash = \"" + hash + "\", roles = [trader], accounts = [2] }\n]\n");
        final Path audit = directory.resolve("audit");
        final Path dataDirectory = directory.resolve("data");
        final Path file = FixTestNode.configuration(directory, dataDirectory,
            "  fix {",
            "    listen = \"127.0.0.1:" + FixTestNode.freePort() + "\", heartbeat = 5s",
            "    tls { listen = \"127.0.0.1:0\", key-store = \"" + serverStore + "\", key-store-password-file = \"" +
                passwordFile + "\", trust-store = \"" + authority.trustStore() + "\", trust-store-password-file = \"" +
                passwordFile + "\", client-auth = required }",
            "  }",
            "  security { users-file = \"" + users + "\", audit-directory = \"" + audit + "\" }");
        final Config parsed = ConfigFactory.parseFile(file.toFile()).resolve();
        final GatewayConfig config = GatewayConfigBinder.bind(parsed, file.toString());
        final ProtocolEdge fix = new FixEdgeProvider().bind(parsed, file.toString(), dataDirectory);

        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dataDirectory)
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L), null, null))
        {
            FixTestNode.listAndFund(node);
            try (NodeGateways gateways = NodeGateways.start(node.newVenueClient(), config, null,
                GatewaySecurityConfig.bind(parsed, file.toString()), new BackoffIdleStrategy(),
                gateway -> fix.start(gateway, config));
                TlsEdges tls = TlsEdges.start(GatewayTlsConfig.bind(parsed, file.toString()), gateways.gateway(),
                    List.of(fix)))
            {
                final TlsTerminator edge = tls.edge("fix");
                try (QfjClient alice = QfjClient.loggedOn(edge.port(), "alice", null, ssl(authority, aliceStore),
                    FixTestNode.WAIT_MS))
                {
                    alice.send(limit("A1", "BTC-USD", Side.BUY, "100.00", "5"));
                    assertThat(summary(alice.next(FixTestNode.WAIT_MS)))
                        .isEqualTo("8 11=A1 37=1 54=1 150=0 39=0 44=100 38=5 151=5 14=0 6=0");
                }

                try (QfjClient posingAsBob = new QfjClient(edge.port(), "bob", PASSWORD,
                    tryOnce(ssl(authority, aliceStore))))
                {
                    posingAsBob.start();
                    // the refusal, then no logon: a refused logon is final, waiting longer for one proves nothing more
                    await().atMost(Duration.ofSeconds(10)).until(() -> posingAsBob.lastLogoutText() != null);
                    assertThat(posingAsBob.everLoggedOn()).as("alice's certificate naming bob").isFalse();
                    assertThat(posingAsBob.lastLogoutText())
                        .isEqualTo("Logon rejected: the client certificate does not name this user");
                }
                assertThat(gateways.gateway().core().counters().protocolErrors(ProtocolError.LOGIN_REFUSED))
                    .isEqualTo(1);

                try (QfjClient mallory = new QfjClient(edge.port(), "alice", PASSWORD,
                    tryOnce(ssl(authority, malloryStore))))
                {
                    mallory.start();
                    await().atMost(Duration.ofSeconds(10)).until(() -> edge.unknownSubjects() >= 1);
                    assertThat(mallory.everLoggedOn()).as("a trusted certificate of no user").isFalse();
                }
                assertThat(gateways.gateway().core().counters().logins()).as("only alice's own logon").isEqualTo(1);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> auditLog(audit).contains("CERTIFICATE_MISMATCH"));
        assertThat(auditLog(audit).lines().filter(line -> line.contains("CERTIFICATE_MISMATCH")).toList())
            .singleElement().asString().contains("\"user\":\"bob\"").contains("\"source\":\"127.0.0.1:");
    }

    private static Map<String, String> ssl(final Certificates authority, final Path keyStore)
    {
        return new HashMap<>(Map.of(
            "SocketUseSSL", "Y",
            "SocketTrustStore", authority.trustStore().toString(),
            "SocketTrustStorePassword", STORE_PASSWORD,
            "TrustStoreType", "PKCS12",
            "EnabledProtocols", "TLSv1.3",
            "SocketKeyStore", keyStore.toString(),
            "SocketKeyStorePassword", STORE_PASSWORD,
            "KeyStoreType", "PKCS12"));
    }

    /**
     * A refused client must not log on again while the test waits for its refusal (QuickFIX/J reconnects after the
     * client's 1 s interval), or the refusals counted would be as many as its attempts.
     */
    private static Map<String, String> tryOnce(final Map<String, String> settings)
    {
        settings.put("ReconnectInterval", "60");
        return settings;
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
