package io.disruptorx.node.venue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.support.NativeTestClient;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.http.NodeApi;
import io.disruptorx.node.http.NodeHttpServer;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.gateway.support.TestVenueSetup.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The binary gateway's counters on the node's {@code /metrics}, scraped over HTTP while real SoupBinTCP clients log
 * in, trade, get throttled and rejected, and reconnect.
 */
@Timeout(60)
class GatewayMetricsScrapeTest
{
    private static final String BINARY = "gateway=\"binary\"";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private EmbeddedNode node;
    private NodeGateways gateways;
    private NodeHttpServer server;

    @BeforeEach
    void setUp()
    {
        node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096),
            null, null);
        NodeVenueSetup.list(node);
        gateways = NodeGateways.start(node, TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L));
        server = NodeApi.serve(node, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void tearDown()
    {
        server.close();
        gateways.close();
        node.close();
    }

    @Test
    void shouldExportSessionsLoginsRejectsThrottlingAndReplaysOfARealClient() throws Exception
    {
        try (NativeTestClient refused = NativeTestClient.login(address(), "alice", "wrong", 0))
        {
            assertThat(refused.loginRejected()).isNotZero();
        }
        try (NativeTestClient alice = login("alice");
            NativeTestClient copy = login("copy");
            NativeTestClient slow = login("slow"))
        {
            Map<String, Double> scrape = scrape();
            assertThat(scrape.get(series("dx_gateway_sessions", "kind=\"trading\""))).isEqualTo(2.0);
            assertThat(scrape.get(series("dx_gateway_sessions", "kind=\"drop_copy\""))).isEqualTo(1.0);
            assertThat(scrape.get(series("dx_gateway_logins_total"))).isEqualTo(3.0);
            assertThat(scrape.get(series("dx_gateway_protocol_errors_total", "kind=\"login_refused\""))).isEqualTo(1.0);

            limit(alice, "A1", 1);
            alice.awaitReports(1);
            limit(copy, "C1", 1);
            copy.awaitReports(2);
            for (int i = 0; i < 3; i++)
            {
                limit(slow, "S" + i, 4);
            }
            assertThat(slow.awaitReports(3)).filteredOn(report -> report.contains("THROTTLED")).hasSize(1);

            scrape = scrape();
            assertThat(scrape.get(series("dx_gateway_rejects_total", "reason=\"read_only_session\""))).isEqualTo(1.0);
            assertThat(scrape.get(series("dx_gateway_rejects_total", "reason=\"throttled\""))).isEqualTo(1.0);
            assertThat(scrape.get(series("dx_gateway_rejects_total", "reason=\"unknown_instrument\""))).isZero();
            assertThat(scrape.get(series("dx_gateway_commands_sent_total"))).isEqualTo(3.0);
            assertThat(scrape.get(series("dx_gateway_reports_sequenced_total"))).isGreaterThanOrEqualTo(6.0);
            assertThat(scrape.get(series("dx_gateway_internal_errors_total"))).isZero();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(scrape().get(series("dx_gateway_sessions", "kind=\"trading\""))).isZero());
        assertThat(scrape().get(series("dx_gateway_disconnect_cancels_total"))).as("alice cancels on disconnect")
            .isEqualTo(1.0);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(scrape().get(series("dx_gateway_reports_sequenced_total"))).as("alice's cancel, and its copy")
                .isEqualTo(8.0));
        assertThat(scrape().get(series("dx_gateway_reports_replayed_total"))).isZero();

        try (NativeTestClient alice = NativeTestClient.login(address(), "alice", PASSWORD, 1))
        {
            assertThat(alice.awaitReports(2)).hasSize(2);
            assertThat(scrape().get(series("dx_gateway_reports_replayed_total")))
                .as("the accept before the reconnect, and the cancel while away").isEqualTo(2.0);
        }
    }

    private Map<String, Double> scrape() throws Exception
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        final Map<String, Double> samples = new HashMap<>();
        for (final String line : response.body().split("\n"))
        {
            if (!line.startsWith("#") && !line.isBlank())
            {
                final int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static String series(final String name)
    {
        return name + "{" + BINARY + "}";
    }

    private static String series(final String name, final String label)
    {
        return name + "{" + BINARY + "," + label + "}";
    }

    private NativeTestClient login(final String user)
    {
        final NativeTestClient client = NativeTestClient.login(address(), user, PASSWORD, 0);
        assertThat(client.loginRejected()).as("login of " + user).isZero();
        return client;
    }

    private InetSocketAddress address()
    {
        return new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort());
    }

    private static void limit(final NativeTestClient client, final String clientOrderId, final long account)
    {
        client.client().newOrder(ClientOrderIds.encode(clientOrderId), account, 1, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 9900, -2, 1, 0);
        client.client().flush();
    }
}
