package io.disruptorx.node.venue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import com.typesafe.config.ConfigFactory;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.support.NativeTestClient;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.node.cli.ReplayCommand;
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

/**
 * The sender's identity from a login on the binary gateway, through the embedded node's journal, to
 * {@code dx replay --commands}: every journalled order command names the user whose session sent it, also the
 * cancels the gateway sends on a user's behalf.
 */
@Timeout(60)
class JournalIdentityTest
{
    @TempDir
    Path dir;

    @Test
    void shouldJournalEveryOrderCommandWithTheUserWhoseSessionSentIt() throws Exception
    {
        final String hash = PasswordHash.create("pw", 1_000, new SecureRandom()).toString();
        final Path users = dir.resolve("users.conf");
        Files.writeString(users, "users = [\n" +
            "  { name = alice, password-hash = \"" + hash + "\", roles = [trader], accounts = [1] }\n" +
            "  { name = bob, password-hash = \"" + hash + "\", roles = [trader], accounts = [2] }\n" +
            "  { name = risk, password-hash = \"" + hash + "\", roles = [risk], accounts = [3] }\n]\n");
        final Path config = dir.resolve("node.conf");
        Files.writeString(config, "gateways.security { users-file = \"" + users + "\" }\n");
        final GatewaySecurityConfig security =
            GatewaySecurityConfig.bind(ConfigFactory.parseFile(config.toFile()), config.toString());

        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data"))
            .withSegmentSize(1024 * 1024).withRingSizes(1024, 4096), null, null))
        {
            NodeVenueSetup.list(node);
            try (NodeGateways gateways = NodeGateways.start(node.newVenueClient(),
                TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L), security))
            {
                final InetSocketAddress address = new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort());
                try (NativeTestClient alice = NativeTestClient.login(address, "alice", "pw", 0);
                    NativeTestClient bob = NativeTestClient.login(address, "bob", "pw", 0);
                    NativeTestClient risk = NativeTestClient.login(address, "risk", "pw", 0))
                {
                    order(alice, "A1", Side.BUY, 9900);
                    assertThat(alice.awaitReports(1).get(0)).startsWith("ACCEPTED order=1 clOrd=A1 acct=1");
                    order(bob, "B1", Side.SELL, 10100);
                    assertThat(bob.awaitReports(1).get(0)).startsWith("ACCEPTED order=2 clOrd=B1 acct=2");
                    bob.client().cancel(7, 0, 2, 0);
                    assertThat(bob.awaitReports(2).get(1)).startsWith("CANCELLED order=2 clOrd=B1");
                    risk.client().massCancel(9, 1, 0);
                    assertThat(risk.settle(200)).as("sent; the risk user sees no report of account 1").isEmpty();
                    assertThat(alice.awaitReports(2).get(1)).startsWith("CANCELLED order=1 clOrd=A1");
                }
            }
        }

        final List<String> commands = replayCommands(users).lines().filter(line -> line.contains("\"type\":"))
            .toList();
        assertThat(commands).hasSize(4);
        assertThat(commands.get(0)).contains("\"type\":\"NewOrder\"").contains("\"accountId\":1,")
            .endsWith("\"userId\":" + User.idOf("alice") + ",\"user\":\"alice\"}");
        assertThat(commands.get(1)).contains("\"type\":\"NewOrder\"").contains("\"accountId\":2,")
            .endsWith("\"userId\":" + User.idOf("bob") + ",\"user\":\"bob\"}");
        assertThat(commands.get(2)).contains("\"type\":\"CancelOrder\"").contains("\"orderId\":2,")
            .endsWith("\"userId\":" + User.idOf("bob") + ",\"user\":\"bob\"}");
        assertThat(commands.get(3)).contains("\"type\":\"MassCancel\"").contains("\"accountId\":1,")
            .endsWith("\"userId\":" + User.idOf("risk") + ",\"user\":\"risk\"}");
    }

    private String replayCommands(final Path users)
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            final CommandLine dx = new CommandLine(new ReplayCommand());
            dx.setErr(new PrintWriter(err, true));
            assertThat(dx.execute("--journal", dir.resolve("data").resolve("journal").toString(),
                "--commands", "--users", users.toString())).as("dx replay: %s", err).isZero();
        }
        finally
        {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void order(final NativeTestClient client, final String id, final Side side, final long price)
    {
        client.client().newOrder(ClientOrderIds.encode(id), 0, 1, side, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, price, -2, 1, 0);
    }
}
