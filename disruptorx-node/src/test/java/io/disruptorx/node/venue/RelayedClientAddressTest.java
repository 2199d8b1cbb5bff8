package io.disruptorx.node.venue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Behind the binary gateway's TLS listener the plain listener counts, audits and throttles each client by its own
 * address, not by the relay's loopback address: with 2 connections per address, two TLS clients from 127.0.0.1
 * and two from 127.0.0.2 all log in through the relay (before, the plain listener saw four connections from
 * 127.0.0.1 and closed the third), a third from either address is refused by the TLS listener at accept, the plain
 * listener refuses none, and the audit log names 127.0.0.2 as the source of the logins from there. Real sockets
 * on two loopback addresses, real certificates, the JDK's {@code SSLSocket}.
 */
@Timeout(120)
class RelayedClientAddressTest
{
    private static final char[] STORE_PASSWORD = TestCertificates.STORE_PASSWORD.toCharArray();
    private static final String PASSWORD = "pw";
    private static final int PER_ADDRESS = 2;

    @TempDir
    Path dir;

    @Test
    void shouldCountEachRelayedClientUnderItsOwnAddress() throws Exception
    {
        final Certificates authority = TestCertificates.shared().authority();
        final Path serverStore = TestCertificates.shared().server();
        final String hash = PasswordHash.create(PASSWORD, 1_000, new SecureRandom()).toString();
        final Path users = dir.resolve("users.conf");
        final StringBuilder file = new StringBuilder("users = [\n");
        final String[] names = {"alice", "bob", "carol", "dave"};
        for (int i = 0; i < names.length; i++)
        {
            file.append("  { name = ").append(names[i]).append(", password-hash = \"").append(hash)
                .append("\", roles = [trader], accounts = [").append(i + 1).append("] }\n");
        }
        Files.writeString(users, file.append("]\n"));
        final Path audit = dir.resolve("audit");
        final GatewaySecurityConfig security = GatewaySecurityConfig.bind(ConfigFactory.parseString(
            "gateways.security { users-file = \"" + users + "\", audit-directory = \"" + audit + "\" }"), "test");
        final GatewayTlsConfig tlsConfig = new GatewayTlsConfig(new InetSocketAddress("127.0.0.1", 0), null,
            TlsConfig.server(serverStore, STORE_PASSWORD), null, null);
        final InetAddress first = InetAddress.getByName("127.0.0.1");
        final InetAddress second = InetAddress.getByName("127.0.0.2");

        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data"))
            .withSegmentSize(1024 * 1024).withRingSizes(1024, 4096), null, null);
            NodeGateways gateways = NodeGateways.start(node.newVenueClient(),
                TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L).withConnectionLimits(16, PER_ADDRESS),
                security);
            TlsEdges tls = TlsEdges.start(tlsConfig, gateways.gateway()))
        {
            final TlsListener edge = tls.listener("binary-native");
            final InetSocketAddress address = new InetSocketAddress("127.0.0.1", edge.port());
            final List<TlsSoupClient> clients = new ArrayList<>();
            try
            {
                for (int i = 0; i < names.length; i++)
                {
                    final TlsSoupClient client = TlsSoupClient.connectFrom(i < PER_ADDRESS ? first : second, address,
                        authority.trustStore(), null, STORE_PASSWORD);
                    clients.add(client);
                    assertThat(client.login(names[i], PASSWORD)).as(names[i] + "'s login").isEqualTo("A");
                }
                assertThat(refused(first, address, authority)).as("a third from 127.0.0.1").isTrue();
                assertThat(refused(second, address, authority)).as("a third from 127.0.0.2").isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> edge.refusedConnections() == 2);
                assertThat(gateways.gateway().core().counters().protocolErrors(ProtocolError.CONNECTION_LIMIT))
                    .as("the plain listener behind the relay refused none").isZero();
                assertThat(gateways.gateway().core().counters().logins()).isEqualTo(names.length);
            }
            finally
            {
                for (final TlsSoupClient client : clients)
                {
                    client.close();
                }
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> logins(audit).size() == names.length);
        assertThat(logins(audit)).filteredOn(line -> line.contains("\"source\":\"127.0.0.2:"))
            .as("carol's and dave's logins came from 127.0.0.2").hasSize(2)
            .allSatisfy(line -> assertThat(line).containsAnyOf("\"user\":\"carol\"", "\"user\":\"dave\""));
        assertThat(logins(audit)).filteredOn(line -> line.contains("\"source\":\"127.0.0.1:")).hasSize(2);
    }

    private static boolean refused(final InetAddress from, final InetSocketAddress address,
        final Certificates authority)
    {
        try (TlsSoupClient client = TlsSoupClient.connectFrom(from, address, authority.trustStore(), null,
            STORE_PASSWORD))
        {
            return client.login("alice", PASSWORD) == null;
        }
        catch (final Exception ex)
        {
            return true;
        }
    }

    private static List<String> logins(final Path audit) throws IOException
    {
        final StringBuilder log = new StringBuilder();
        for (final Path segment : AuditSegments.list(audit))
        {
            log.append(Files.readString(segment, StandardCharsets.UTF_8));
        }
        return log.toString().lines().filter(line -> line.contains("LOGIN_OK")).toList();
    }
}
