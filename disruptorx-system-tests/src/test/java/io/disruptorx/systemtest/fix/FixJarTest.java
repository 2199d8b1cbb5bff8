package io.disruptorx.systemtest.fix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.core.net.TestPorts;
import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.fix.QfjClient;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.ClOrdID;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped jars as {@code ./dx} runs them: {@code java -cp dx.jar:dx-fix.jar io.disruptorx.node.cli.Dx}. The node
 * finds the FIX 4.4 edge of {@code dx-fix.jar} through {@code ServiceLoader}: {@code dx node --config} with a
 * {@code gateways.fix} section and {@code dx demo} start the acceptor, print how to connect, and a QuickFIX/J client
 * trades through it.
 */
@Timeout(180)
class FixJarTest
{
    private static final Pattern FIX_LINE = Pattern.compile("FIX 4\\.4 \\(Artio\\) on 127\\.0\\.0\\.1:(\\d+)");
    private static final long WAIT_MS = 30_000;
    private static final String PASSWORD = "s3cret";
    private static final int SEGMENT_SIZE = 4 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void shouldTradeOverFixThroughDxNodeStartedFromConfiguration() throws Exception
    {
        final Path data = dir.resolve("data");
        prepareVenue(data);
        final int fixPort = TestPorts.port();
        final Path config = writeConfig(data, fixPort);
        try (ChildJvm node = startDx(List.of("node", "--config", config.toString()), dir.resolve("node.err")))
        {
            final List<String> lines = node.awaitLine("dx node: running", WAIT_MS);
            assertThat(fixPort(lines)).as("the FIX line of %s", lines).isEqualTo(fixPort);
            try (QfjClient alice = logon(fixPort, "alice", PASSWORD); QfjClient bob = logon(fixPort, "bob", PASSWORD))
            {
                alice.send(order("A1", "BTC-USD", Side.BUY, "1", "100.00", 5, TimeInForce.GOOD_TILL_CANCEL));
                assertThat(summary(alice.next(WAIT_MS))).isEqualTo("A1 150=0 39=0 151=5 14=0");
                bob.send(order("B1", "BTC-USD", Side.SELL, "3", "100.00", 2, TimeInForce.GOOD_TILL_CANCEL));
                assertThat(summary(bob.next(WAIT_MS))).isEqualTo("B1 150=0 39=0 151=2 14=0");
                assertThat(summary(bob.next(WAIT_MS))).isEqualTo("B1 150=F 39=2 151=0 14=2");
                assertThat(summary(alice.next(WAIT_MS))).isEqualTo("A1 150=F 39=1 151=3 14=2");
            }
        }
    }

    @Test
    void shouldStartTheFixAcceptorInTheDemoAndSayHowToConnect() throws Exception
    {
        try (ChildJvm demo = startDx(List.of("demo", "--duration", "60", "--data-dir", dir.resolve("demo").toString(),
            "--rate", "2000", "--http-port", "-1", "--gateway-port", "0"),
            dir.resolve("demo.err")))
        {
            final List<String> lines = demo.awaitLine("traders offering", WAIT_MS);
            assertThat(lines).anyMatch(line -> line.contains("QuickFIX/J initiator settings") &&
                line.contains("SenderCompID=demo TargetCompID=DXEX"));
            final int port = fixPort(lines);
            assertThat(port).as("the FIX line of %s", lines).isPositive();
            demo.awaitLine("orders/s=", WAIT_MS);
            try (QfjClient user = logon(port, "demo", "demo"))
            {
                user.send(order("D1", "DX1", Side.BUY, null, "99.50", 3, TimeInForce.GOOD_TILL_CANCEL));
                assertThat(summary(user.next(WAIT_MS))).isEqualTo("D1 150=0 39=0 151=3 14=0");
            }
        }
    }

    /**
     * Logs on as {@code dx demo} tells a user to: BeginString FIX.4.4, SenderCompID the user, TargetCompID DXEX,
     * Username(553) and Password(554) on the Logon, ResetOnLogon, no data dictionary.
     */
    private static QfjClient logon(final int port, final String user, final String password) throws Exception
    {
        return QfjClient.loggedOn(port, user, password, Map.of("UseDataDictionary", "N", "ResetOnLogon", "Y"),
            WAIT_MS);
    }

    private static NewOrderSingle order(
        final String id, final String symbol, final char side, final String account, final String price,
        final int quantity, final char timeInForce)
    {
        final NewOrderSingle order = new NewOrderSingle(new ClOrdID(id), new Side(side),
            new TransactTime(LocalDateTime.now(ZoneOffset.UTC)), new OrdType(OrdType.LIMIT));
        if (account != null)
        {
            order.set(new Account(account));
        }
        order.set(new Symbol(symbol));
        order.setString(Price.FIELD, price);
        order.set(new OrderQty(quantity));
        order.set(new TimeInForce(timeInForce));
        return order;
    }

    private static String summary(final Message report) throws FieldNotFound
    {
        return report.getString(ClOrdID.FIELD) + " 150=" + report.getString(150) + " 39=" + report.getString(39) +
            " 151=" + report.getString(151) + " 14=" + report.getString(14);
    }

    private static int fixPort(final List<String> lines)
    {
        for (final String line : lines)
        {
            final Matcher matcher = FIX_LINE.matcher(line);
            if (matcher.find())
            {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return -1;
    }

    private Path writeConfig(final Path data, final int fixPort) throws IOException
    {
        final SecureRandom random = new SecureRandom();
        final Path config = dir.resolve("node.conf");
        Files.writeString(config, "node {\n" +
            "  data-dir = \"" + data + "\"\n" +
            "  journal.segment-size = " + SEGMENT_SIZE + "\n" +
            "  http.port = -1\n" +
            "}\n" +
            "gateways {\n" +
            "  soupbintcp { native = \"127.0.0.1:0\" }\n" +
            "  instruments = [{ id = 1, symbol = BTC-USD, price-scale = 2, quantity-scale = 0, tick-size = 1," +
            " lot-size = 1 }]\n" +
            "  users = [\n" +
            "    { name = alice, accounts = [1], password-hash = \"" + hash(random) + "\" }\n" +
            "    { name = bob, accounts = [3], password-hash = \"" + hash(random) + "\" }\n" +
            "  ]\n" +
            "  fix { listen = \"127.0.0.1:" + fixPort + "\", heartbeat = 5s }\n" +
            "}\n");
        return config;
    }

    private static String hash(final SecureRandom random)
    {
        return PasswordHash.create(PASSWORD, 1_000, random).toString();
    }

    private static void prepareVenue(final Path data)
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(data).withSegmentSize(SEGMENT_SIZE),
            null, null))
        {
            final NodeClient client = node.newClient(true);
            client.addInstrument(1, 1, 0, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
            long last = 0;
            for (final long account : new long[]{1, 3})
            {
                client.adjustBalance(account, 0, 1_000_000_000_000L);
                last = client.adjustBalance(account, 1, 1_000_000_000L);
            }
            while (node.appliedSequence() < last)
            {
                Thread.yield();
            }
        }
    }

    /**
     * {@code dx} from the two jars (the product and the FIX edge) in a JVM of its own, in the repository's root.
     */
    private static ChildJvm startDx(final List<String> args, final Path stderr) throws IOException
    {
        final Path root = Path.of("").toAbsolutePath().getParent();
        final Path product = root.resolve("disruptorx-node/target/dx.jar");
        final Path fix = root.resolve("disruptorx-gateway-fix/target/dx-fix.jar");
        assertThat(product).as("dx.jar, built by the package phase").exists();
        assertThat(fix).as("dx-fix.jar, built by the package phase").exists();
        return ChildJvm.start("dx",
            ChildJvm.javaCommand(ChildJvm.classPath(product, fix), "io.disruptorx.node.cli.Dx", args), root, stderr);
    }
}
