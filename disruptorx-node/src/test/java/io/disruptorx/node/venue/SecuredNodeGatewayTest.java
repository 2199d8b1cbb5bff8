package io.disruptorx.node.venue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import com.typesafe.config.ConfigFactory;
import io.disruptorx.audit.AuditSegments;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.support.NativeTestClient;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.node.cli.AuditCommand;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code gateways.security} on the embedded node: the user file decides who may do what, the audit log records it,
 * and {@code dx audit verify} and {@code dx audit query} read the log.
 */
@Timeout(60)
class SecuredNodeGatewayTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRunTheGatewayWithTheUserFileAndAuditLogAndProveTheLog() throws Exception
    {
        final String hash = PasswordHash.create("pw", 1_000, new SecureRandom()).toString();
        final Path users = dir.resolve("users.conf");
        Files.writeString(users, "users = [\n" +
            "  { name = alice, password-hash = \"" + hash + "\", roles = [trader], accounts = [1] }\n" +
            "  { name = risk, password-hash = \"" + hash + "\", roles = [risk], accounts = [3] }\n]\n");
        final Path audit = dir.resolve("audit");
        final Path config = dir.resolve("node.conf");
        Files.writeString(config, "node.data-dir = \"" + dir.resolve("data") + "\"\n" +
            "gateways.security { users-file = \"" + users + "\", audit-directory = \"" + audit + "\" }\n");
        final GatewaySecurityConfig security =
            GatewaySecurityConfig.bind(ConfigFactory.parseFile(config.toFile()), config.toString());
        assertThat(security.usersFile()).isEqualTo(users);

        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data"))
            .withSegmentSize(1024 * 1024).withRingSizes(1024, 4096), null, null))
        {
            NodeVenueSetup.list(node);
            try (NodeGateways gateways = NodeGateways.start(node.newVenueClient(),
                TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L), security))
            {
                final StringWriter described = new StringWriter();
                gateways.describe("dx node: ", new PrintWriter(described));
                assertThat(described.toString()).contains("users and roles from " + users + " (2 users")
                    .contains("audit log in " + audit);
                final InetSocketAddress address = new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort());
                try (NativeTestClient alice = NativeTestClient.login(address, "alice", "pw", 0);
                    NativeTestClient risk = NativeTestClient.login(address, "risk", "pw", 0))
                {
                    buy(alice, "A1");
                    assertThat(alice.awaitReports(1).get(0)).startsWith("ACCEPTED order=1 clOrd=A1 acct=1");
                    buy(risk, "R1");
                    assertThat(risk.awaitReports(1)).containsExactly(
                        "REJECTED clOrd=R1 acct=3 instr=1 ROLE_NOT_PERMITTED");
                    risk.client().massCancel(9, 1, 0);
                    assertThat(risk.settle(200)).as("the risk user sees no report of account 1").hasSize(1);
                    assertThat(alice.awaitReports(2).get(1)).startsWith("CANCELLED order=1 clOrd=A1")
                        .endsWith("acct=1 qty=1 MASS_CANCEL");
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> lines(audit) >= 10);
            }
        }

        final StringWriter out = new StringWriter();
        final CommandLine dx = new CommandLine(new AuditCommand()).setOut(new PrintWriter(out));
        assertThat(dx.execute("verify", audit.toString())).isZero();
        assertThat(out.toString()).contains("intact:").contains("chain verified");

        out.getBuffer().setLength(0);
        assertThat(dx.execute("query", audit.toString(), "--user", "risk", "--account", "1")).isZero();
        final List<String> riskOnAccount1 = out.toString().lines().toList();
        assertThat(riskOnAccount1).hasSize(1);
        assertThat(riskOnAccount1.get(0)).contains("\"event\":\"COMMAND\",\"user\":\"risk\"")
            .contains("\"command\":\"MASS_CANCEL\",\"account\":1");

        final Path segment = AuditSegments.list(audit).get(0);
        final List<String> log = Files.readAllLines(segment, StandardCharsets.UTF_8);
        Files.write(segment, log.subList(1, log.size()), StandardCharsets.UTF_8);
        out.getBuffer().setLength(0);
        assertThat(dx.execute("verify", audit.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("BROKEN at " + segment + " line 1")
            .contains("found record 2 where record 1 belongs");
    }

    @Test
    void shouldRefuseToStartOnAnAuditLogWhoseTailWasCutOffBehindTheCheckpoint() throws Exception
    {
        final String hash = PasswordHash.create("pw", 1_000, new SecureRandom()).toString();
        final Path users = dir.resolve("users.conf");
        Files.writeString(users, "users = [\n" +
            "  { name = alice, password-hash = \"" + hash + "\", roles = [trader], accounts = [1] }\n]\n");
        final Path audit = dir.resolve("audit");
        final Path data = dir.resolve("data");
        final GatewaySecurityConfig security = GatewaySecurityConfig.bind(ConfigFactory.parseString(
            "gateways.security { users-file = \"" + users + "\", audit-directory = \"" + audit + "\" }"), "test")
            .withCheckpointsIn(data);
        final Path checkpoints = data.resolve("audit-checkpoints");
        assertThat(security.auditCheckpoints()).isEqualTo(checkpoints);

        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(data)
            .withSegmentSize(1024 * 1024).withRingSizes(1024, 4096), null, null))
        {
            NodeVenueSetup.list(node);
            try (NodeGateways gateways = NodeGateways.start(node.newVenueClient(),
                TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L), security))
            {
                final StringWriter described = new StringWriter();
                gateways.describe("dx node: ", new PrintWriter(described));
                assertThat(described.toString()).contains("audit chain head checkpointed into " +
                    checkpoints.toAbsolutePath());
                final InetSocketAddress address = new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort());
                try (NativeTestClient alice = NativeTestClient.login(address, "alice", "pw", 0))
                {
                    buy(alice, "A1");
                    assertThat(alice.awaitReports(1).get(0)).startsWith("ACCEPTED order=1 clOrd=A1 acct=1");
                }
            }
            final Path segment = AuditSegments.list(audit).get(0);
            final List<String> log = Files.readAllLines(segment, StandardCharsets.UTF_8);
            assertThat(log).hasSizeGreaterThanOrEqualTo(4);
            Files.write(segment, log.subList(0, log.size() - 2), StandardCharsets.UTF_8);

            final StringWriter out = new StringWriter();
            final CommandLine dx = new CommandLine(new AuditCommand()).setOut(new PrintWriter(out));
            assertThat(dx.execute("verify", audit.toString())).as("the chain alone cannot see a cut tail").isZero();
            out.getBuffer().setLength(0);
            assertThat(dx.execute("verify", audit.toString(), "--checkpoints", checkpoints.toString())).isEqualTo(1);
            assertThat(out.toString()).contains("BROKEN at " + segment + " line " + (log.size() - 1))
                .contains("the log ends at record " + (log.size() - 2) + " but the venue checkpointed record " +
                    log.size() + ": 2 records cut off its tail");

            assertThatThrownBy(() -> NodeGateways.start(node.newVenueClient(),
                TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L), security))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("gateways.security: the audit log in " + audit + " was tampered with")
                .hasMessageContaining("2 records cut off its tail");

            Files.write(segment, log, StandardCharsets.UTF_8);
            try (NodeGateways gateways = NodeGateways.start(node.newVenueClient(),
                TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L), security))
            {
                assertThat(gateways.gateway().nativePort()).isPositive();
            }
        }
    }

    private static long lines(final Path audit) throws IOException
    {
        long lines = 0;
        for (final Path segment : AuditSegments.list(audit))
        {
            lines += Files.readAllLines(segment, StandardCharsets.UTF_8).size();
        }
        return lines;
    }

    private static void buy(final NativeTestClient client, final String id)
    {
        client.client().newOrder(ClientOrderIds.encode(id), 0, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9900, -2, 1, 0);
    }
}
