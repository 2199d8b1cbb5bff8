package io.disruptorx.node.venue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.core.net.ConnectionLimitProbe;
import io.disruptorx.core.tls.Certificates;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewayTlsConfig;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.node.TestCertificates;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.core.net.ConnectionLimitProbe.PER_ADDRESS;
import static io.disruptorx.core.net.ConnectionLimitProbe.TOTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Connection limits on the node's order-entry edges that are not SoupBinTCP listeners themselves: the JSON edge's
 * HTTP server ({@code gateways.json.max-connections}, {@code max-connections-per-address}) and the binary gateway's
 * TLS listener (the {@code gateways.soupbintcp} limits, applied to the TLS clients' own addresses). Configured to 3
 * and 2 and probed with real sockets from 127.0.0.1 to 127.0.0.3 ({@link ConnectionLimitProbe}): one more is
 * closed at accept and counted in {@code dx_gateway_connections_refused_total{edge="json"}} and
 * {@code dx_tls_connections_refused_total{edge="binary-native"}}; the JSON edge keeps answering afterwards.
 */
@Timeout(120)
class EdgeConnectionLimitsTest
{
    private static final char[] STORE_PASSWORD = TestCertificates.STORE_PASSWORD.toCharArray();

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAndCountConnectionsBeyondTheLimitsOnTheJsonEdgeAndTheBinaryTlsListener() throws Exception
    {
        final Certificates authority = TestCertificates.shared().authority();
        final Path serverStore = TestCertificates.shared().server();
        final GatewayConfig config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L)
            .withConnectionLimits(TOTAL, PER_ADDRESS);
        final JsonConfig json = new JsonConfig(new InetSocketAddress("127.0.0.1", 0), 4096, 5_000, List.of())
            .withConnectionLimits(TOTAL, PER_ADDRESS);
        final GatewayTlsConfig tlsConfig = new GatewayTlsConfig(new InetSocketAddress("127.0.0.1", 0), null,
            TlsConfig.server(serverStore, STORE_PASSWORD), null, null);
        final MetricsRegistry metrics = new MetricsRegistry();
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data"))
            .withSegmentSize(1024 * 1024).withRingSizes(1024, 4096), null, null);
            NodeGateways gateways = NodeGateways.start(node, config, json,
                new BackoffIdleStrategy(1, 1, 1_000, 100_000));
            TlsEdges tls = TlsEdges.start(tlsConfig, gateways.gateway()))
        {
            gateways.registerMetrics(metrics);
            tls.registerMetrics(metrics);

            ConnectionLimitProbe.assertLimits(new InetSocketAddress("127.0.0.1", gateways.jsonPort()),
                () -> counter(metrics, "dx_gateway_connections_refused_total{edge=\"json\"}"));
            ConnectionLimitProbe.assertLimits(
                new InetSocketAddress("127.0.0.1", tls.listener("binary-native").port()),
                () -> counter(metrics, "dx_tls_connections_refused_total{edge=\"binary-native\"}"));

            final HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateways.jsonPort() + "/api/v3/ping"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ping.statusCode()).as("the JSON edge still answers").isEqualTo(200);
        }
    }

    @Test
    void shouldBindTheJsonEdgesLimitsAndRejectAPerAddressLimitAboveTheTotal()
    {
        final JsonConfig bound = JsonConfig.bind(ConfigFactory.parseString("gateways.json { listen = " +
            "\"127.0.0.1:0\", max-connections = 10, max-connections-per-address = 3 }"), "test", List.of());
        assertThat(bound.maxConnections()).isEqualTo(10);
        assertThat(bound.maxConnectionsPerAddress()).isEqualTo(3);
        assertThat(JsonConfig.bind(ConfigFactory.parseString("gateways.json.listen = \"127.0.0.1:0\""), "test",
            List.of()).maxConnectionsPerAddress()).as("the default").isEqualTo(64);
        assertThatThrownBy(() -> JsonConfig.bind(ConfigFactory.parseString("gateways.json { listen = " +
            "\"127.0.0.1:0\", max-connections = 2, max-connections-per-address = 3 }"), "test", List.of()))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("gateways.json.max-connections-per-address");
    }

    private static long counter(final MetricsRegistry metrics, final String series)
    {
        final Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.]+)$")
            .matcher(new PrometheusCollector(metrics).scrapeText());
        assertThat(matcher.find()).as(series + " exported").isTrue();
        return (long)Double.parseDouble(matcher.group(1));
    }
}
