package io.disruptorx.gateway.fix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewayConfigBinder;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The FIX acceptor in a node: a configuration file with a {@code gateways.fix} section, bound by the gateway and
 * FIX binders, an embedded node, and the acceptor on the node's gateway thread beside the binary gateway; two
 * QuickFIX/J clients trade through it and the engine.
 */
@Timeout(120)
class FixNodeTest
{
    private static final long WAIT_MS = FixTestNode.WAIT_MS;
    private static final String PASSWORD = FixTestNode.PASSWORD;

    @TempDir
    Path directory;

    @Test
    void shouldTradeOverFixThroughANodeStartedFromConfiguration() throws Exception
    {
        final int port = FixTestNode.freePort();
        final Path dataDirectory = directory.resolve("data");
        final Path file = configuration(port, dataDirectory, "");
        final Config parsed = ConfigFactory.parseFile(file.toFile()).resolve();
        final GatewayConfig gateways = GatewayConfigBinder.bind(parsed, file.toString());
        final FixSettings fix = FixConfigBinder.bind(parsed, file.toString(), dataDirectory);
        assertThat(fix).isEqualTo(new FixSettings("127.0.0.1", port, "DXEX", dataDirectory.resolve("fix"), false, 5));

        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dataDirectory)
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L), null, null))
        {
            FixTestNode.listAndFund(node);
            try (NodeGateways running = NodeGateways.start(node, gateways, new BackoffIdleStrategy(),
                gateway -> FixGateway.launch(fix, gateway.core(), new InstrumentDirectory(gateways.instruments())));
                QfjClient alice = QfjClient.loggedOn(port, "alice", PASSWORD, Map.of(), WAIT_MS);
                QfjClient bob = QfjClient.loggedOn(port, "bob", PASSWORD, Map.of(), WAIT_MS))
            {
                FixTestNode.tradeAliceWithBob(alice, bob);
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
        return FixTestNode.configuration(directory, dataDirectory,
            "  fix { listen = \"127.0.0.1:" + port + "\", heartbeat = 5s" + extra + " }");
    }
}
