package io.disruptorx.gateway.fix;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewayConfigBinder;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.Side;

import static io.disruptorx.gateway.fix.FixMessages.limit;
import static io.disruptorx.gateway.fix.FixMessages.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The FIX acceptor in a node: a configuration file with a {@code gateways.fix} section, bound by the gateway and
 * FIX binders, an embedded node, and the acceptor on the node's gateway thread beside the binary gateway; two
 * QuickFIX/J clients trade through it and the engine.
 */
@Timeout(120)
class FixNodeTest
{
    private static final long WAIT_MS = 10_000;
    private static final String PASSWORD = "s3cret";

    @TempDir
    Path directory;

    @Test
    void shouldTradeOverFixThroughANodeStartedFromConfiguration() throws Exception
    {
        final int port = freePort();
        final Path dataDirectory = directory.resolve("data");
        final Path file = configuration(port, dataDirectory, "");
        final Config parsed = ConfigFactory.parseFile(file.toFile()).resolve();
        final GatewayConfig gateways = GatewayConfigBinder.bind(parsed, file.toString());
        final FixSettings fix = FixConfigBinder.bind(parsed, file.toString(), dataDirectory);
        assertThat(fix).isEqualTo(new FixSettings("127.0.0.1", port, "DXEX", dataDirectory.resolve("fix"), false, 5));

        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dataDirectory)
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L), null, null))
        {
            list(node);
            try (NodeGateways running = NodeGateways.start(node, gateways, new BackoffIdleStrategy(),
                gateway -> FixGateway.launch(fix, gateway.core(), new InstrumentDirectory(gateways.instruments())));
                QfjClient alice = logon(port, "alice");
                QfjClient bob = logon(port, "bob"))
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
                assertThat(running.gateway().core().counters().internalErrors()).isZero();
            }
        }
        assertThat(dataDirectory.resolve("fix").resolve("archive")).isDirectory();
    }

    @Test
    void shouldReportABadFixSectionByKey() throws Exception
    {
        final Path file = configuration(0, directory.resolve("data"), ", comp-id = \"\", heartbeat = 0s");
        final Config parsed = ConfigFactory.parseFile(file.toFile()).resolve();
        assertThatThrownBy(() -> FixConfigBinder.bind(parsed, file.toString(), directory))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("gateways.fix.listen")
            .hasMessageContaining("gateways.fix.comp-id")
            .hasMessageContaining("gateways.fix.heartbeat");
        assertThat(FixConfigBinder.bind(ConfigFactory.parseString("node.data-dir = x"), "none", directory)).isNull();
    }

    private Path configuration(final int port, final Path dataDirectory, final String extra) throws IOException
    {
        final String hash = PasswordHash.create(PASSWORD, 1_000, new SecureRandom()).toString();
        final Path file = directory.resolve("node.conf");
        Files.writeString(file, String.join("\n",
            "node.data-dir = \"" + dataDirectory + "\"",
            "gateways {",
            "  soupbintcp.native = \"127.0.0.1:0\"",
            "  instruments = [{ id = 1, symbol = \"BTC-USD\", price-scale = 2, quantity-scale = 0, tick-size = 1, " +
                "lot-size = 1 }]",
            "  users = [{ name = alice, password-hash = \"" + hash + "\", accounts = [1] },",
            "    { name = bob, password-hash = \"" + hash + "\", accounts = [2] }]",
            "  fix { listen = \"127.0.0.1:" + port + "\", heartbeat = 5s" + extra + " }",
            "}"));
        return file;
    }

    private static void list(final EmbeddedNode node)
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

    private static QfjClient logon(final int port, final String user) throws Exception
    {
        final QfjClient client = new QfjClient(port, user, PASSWORD);
        client.start();
        if (!client.awaitLogon(WAIT_MS))
        {
            client.close();
            throw new AssertionError(user + " did not log on: " + client.lastLogoutText());
        }
        return client;
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
