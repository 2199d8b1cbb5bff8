package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx order} against a node with its binary gateway.
 */
@Timeout(60)
class OrderCommandTest
{
    @TempDir
    Path dir;

    private EmbeddedNode node;
    private NodeGateways gateways;
    private String output;

    @BeforeEach
    void setUp()
    {
        node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096),
            null, null);
        final NodeClient client = node.newClient(true);
        client.addInstrument(1, 1, 0, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
        final long last = client.adjustBalance(3, 0, 1_000_000_000_000L);
        while (node.appliedSequence() < last)
        {
            Thread.yield();
        }
        final GatewayConfig config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        final User bob = config.users().stream().map(PasswordAuthenticator.Entry::user)
            .filter(user -> user.name().equals("bob")).findFirst().orElseThrow();
        gateways = NodeGateways.start(node, config, new JsonConfig(new InetSocketAddress("127.0.0.1", 0), 4096,
            5_000, List.of(new ApiKeyCredential("bob-key", bob, ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256,
            "bob-secret".getBytes(StandardCharsets.UTF_8)))), new BackoffIdleStrategy(1, 1, 1_000, 100_000));
    }

    @Test
    void shouldPlaceQueryReplaceAndCancelOverRest()
    {
        final String url = "http://127.0.0.1:" + gateways.jsonPort();
        assertThat(execute("order", "new", "--rest", url, "--api-key", "bob-key", "--secret", "bob-secret",
            "--symbol", "BTC-USD", "--side", "BUY", "--price", "99.50", "--quantity", "2", "--id", "r1")).isZero();
        assertThat(output).contains("\"clientOrderId\":\"r1\"").contains("\"status\":\"NEW\"")
            .contains("\"price\":\"99.50\",\"origQty\":\"2\"");
        assertThat(execute("order", "replace", "--rest", url, "--api-key", "bob-key", "--secret", "bob-secret",
            "--symbol", "BTC-USD", "--id", "r1", "--price", "99.25", "--quantity", "1")).isZero();
        assertThat(output).contains("\"price\":\"99.25\",\"origQty\":\"1\"");
        assertThat(execute("order", "status", "--rest", url, "--api-key", "bob-key", "--secret", "bob-secret",
            "--symbol", "BTC-USD", "--id", "r1")).isZero();
        assertThat(output).contains("\"status\":\"NEW\"");
        assertThat(execute("order", "cancel", "--rest", url, "--api-key", "bob-key", "--secret", "bob-secret",
            "--symbol", "BTC-USD", "--id", "r1")).isZero();
        assertThat(output).contains("\"status\":\"CANCELED\"");
        assertThat(execute("order", "cancel", "--rest", url, "--api-key", "bob-key", "--secret", "bob-secret",
            "--symbol", "BTC-USD", "--id", "r1")).isEqualTo(1);
        assertThat(output).contains("{\"code\":-2011,\"msg\":\"Unknown order sent: UNKNOWN_ORDER.\"}");
        assertThat(execute("order", "new", "--rest", url, "--side", "BUY", "--price", "1", "--quantity", "1"))
            .isEqualTo(2);
        assertThat(output).contains("--rest needs --symbol");
    }

    @AfterEach
    void tearDown()
    {
        gateways.close();
        node.close();
    }

    /**
     * As bob, whose orders stay when his session ends (alice's would be cancelled on disconnect).
     */
    @Test
    void shouldEnterQueryReplaceAndCancelAnOrderByHand()
    {
        assertThat(order("new", "--instrument", "1", "--side", "BUY", "--price", "99.50", "--quantity", "2",
            "--id", "T1", "--follow", "0")).isZero();
        assertThat(output).contains("dx order: client order id T1")
            .contains("ACCEPTED order=1 clOrd=T1 acct=3 instr=1 BUY LIMIT GTC px=99.50 qty=2");

        assertThat(order("status", "--id", "T1")).isZero();
        assertThat(output).containsPattern("STATUS req=\\d+ order=1 clOrd=T1 acct=3 LIVE instr=1 BUY px=99.50 " +
            "leaves=2 cum=0");

        assertThat(order("replace", "--order-id", "1", "--price", "99.50", "--quantity", "1")).isZero();
        assertThat(output).containsPattern("REPLACED order=1 clOrd=T1 req=\\d+ acct=3 px=99.50 leaves=1 kept");

        assertThat(order("cancel", "--id", "T1")).isZero();
        assertThat(output).containsPattern("CANCELLED order=1 clOrd=T1 req=\\d+ acct=3 qty=1 REQUESTED");
    }

    @Test
    void shouldReportRefusalsWithTheirReasonAndExitCode()
    {
        assertThat(order("new", "--instrument", "1", "--side", "SELL", "--price", "99.505", "--quantity", "1",
            "--id", "T2")).isEqualTo(1);
        assertThat(output).contains("REJECTED clOrd=T2 acct=3 instr=1 PRECISION_LOSS");

        assertThat(order("cancel", "--order-id", "42")).isEqualTo(1);
        assertThat(output).containsPattern("CANCEL_REJECTED order=42 clOrd=0 req=\\d+ acct=3 UNKNOWN_ORDER");

        assertThat(order("new", "--instrument", "1", "--side", "BUY", "--quantity", "1")).isEqualTo(2);
        assertThat(output).contains("a limit order needs --price");

        assertThat(execute("order", "new", "--port", Integer.toString(gateways.gateway().nativePort()), "--user",
            "alice", "--password", "wrong", "--instrument", "1", "--side", "BUY", "--price", "1", "--quantity", "1"))
            .isEqualTo(3);
        assertThat(output).contains("login refused (wrong user or password)");
    }

    @Test
    void shouldHashAPasswordForTheUserStore()
    {
        assertThat(execute("order", "hash-password", "--iterations", "1000", "s3cret")).isZero();
        assertThat(PasswordHash.parse(output.trim()).matches("s3cret")).isTrue();
    }

    private int order(final String command, final String... arguments)
    {
        final String[] args = new String[arguments.length + 8];
        args[0] = "order";
        args[1] = command;
        args[2] = "--port";
        args[3] = Integer.toString(gateways.gateway().nativePort());
        args[4] = "--user";
        args[5] = "bob";
        args[6] = "--password";
        args[7] = TestVenueSetup.PASSWORD;
        System.arraycopy(arguments, 0, args, 8, arguments.length);
        return execute(args);
    }

    private int execute(final String... args)
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        final int code = commandLine.execute(args);
        output = out.toString();
        return code;
    }
}
