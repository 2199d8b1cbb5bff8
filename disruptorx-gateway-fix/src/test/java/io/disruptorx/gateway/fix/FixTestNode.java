package io.disruptorx.gateway.fix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.core.net.TestPorts;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import quickfix.field.Side;

import static io.disruptorx.gateway.fix.FixMessages.limit;
import static io.disruptorx.gateway.fix.FixMessages.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The node the FIX node tests start from a configuration file: BTC-USD (instrument 1, price scale 2), alice on
 * account 1 and bob on account 2, both funded, and the trade between them every such test checks first.
 */
final class FixTestNode
{
    static final long WAIT_MS = 10_000;
    static final String PASSWORD = "s3cret";

    private FixTestNode()
    {
    }

    /**
     * Writes {@code node.conf} into {@code directory}: the data directory, a binary gateway on an ephemeral port,
     * the instrument, alice and bob, and then the given lines inside {@code gateways} (the FIX section).
     *
     * @return the file.
     */
    static Path configuration(final Path directory, final Path dataDirectory, final String... fixLines)
        throws IOException
    {
        final String hash = PasswordHash.create(PASSWORD, 1_000, new SecureRandom()).toString();
        final List<String> lines = new ArrayList<>(List.of(
            "node.data-dir = \"" + dataDirectory + "\"",
            "gateways {",
            "  soupbintcp.native = \"127.0.0.1:0\"",
            "  instruments = [{ id = 1, symbol = \"BTC-USD\", price-scale = 2, quantity-scale = 0, tick-size = 1, " +
                "lot-size = 1 }]",
            "  users = [{ name = alice, password-hash = \"" + hash + "\", accounts = [1] },",
            "    { name = bob, password-hash = \"" + hash + "\", accounts = [2] }]"));
        lines.addAll(List.of(fixLines));
        lines.add("}");
        final Path file = directory.resolve("node.conf");
        Files.writeString(file, String.join("\n", lines));
        return file;
    }

    /**
     * Lists the instrument in the engine and funds both accounts in both assets; returns once the node applied it.
     */
    static void listAndFund(final EmbeddedNode node)
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

    /**
     * alice rests a buy of 5 at 100.00, bob sells 2 at 100.00 into it: each sees its new order, then the fill.
     */
    static void tradeAliceWithBob(final QfjClient alice, final QfjClient bob) throws Exception
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

    /**
     * @return a port for a FIX listener in a test configuration, from {@link TestPorts}.
     */
    static int freePort()
    {
        return TestPorts.port();
    }
}
