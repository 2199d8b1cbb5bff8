package io.disruptorx.gateway.fix;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.core.net.ConnectionLimitProbe;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewayConfigBinder;
import io.disruptorx.gateway.config.GatewayTlsConfig;
import io.disruptorx.gateway.edge.ProtocolEdge;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import io.disruptorx.node.venue.TlsEdges;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The FIX acceptor (Artio, through {@link LimitedChannelSupplier}) and the TLS listener in front of it hold at most
 * {@code gateways.fix.max-connections} connections, {@code max-connections-per-address} from one source address:
 * configured to 3 and 2 and probed with real sockets from 127.0.0.1 to 127.0.0.3 ({@link ConnectionLimitProbe}),
 * one more is closed at accept and counted in {@code dx_gateway_connections_refused_total{edge="fix"}} and
 * {@code dx_tls_connections_refused_total{edge="fix"}}, and a freed slot is taken again. A connection sending bytes
 * that are not FIX is closed and exported in {@code dx_gateway_connections_closed_total{edge="fix",kind="not_fix"}}.
 */
@Timeout(120)
class FixConnectionLimitsTest
{
    private static final String STORE_PASSWORD = TestCertificates.STORE_PASSWORD;

    @TempDir
    Path directory;

    @Test
    void shouldRefuseConnectionsBeyondTheLimitsOnTheAcceptorAndItsTlsListener() throws Exception
    {
        final Path serverStore = TestCertificates.shared().server();
        final Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, STORE_PASSWORD + "\n");
        final int port = FixTestNode.freePort();
        final Path dataDirectory = directory.resolve("data");
        final Path file = FixTestNode.configuration(directory, dataDirectory,
            "  fix {",
            "    listen = \"127.0.0.1:" + port + "\", heartbeat = 5s",
            "    max-connections = " + ConnectionLimitProbe.TOTAL,
            "    max-connections-per-address = " + ConnectionLimitProbe.PER_ADDRESS,
            "    tls { listen = \"127.0.0.1:0\", key-store = \"" + serverStore + "\", key-store-password-file = \"" +
                passwordFile + "\" }",
            "  }");
        final Config parsed = ConfigFactory.parseFile(file.toFile()).resolve();
        final GatewayConfig config = GatewayConfigBinder.bind(parsed, file.toString());
        final ProtocolEdge fix = new FixEdgeProvider().bind(parsed, file.toString(), dataDirectory);
        final GatewayTlsConfig edges = GatewayTlsConfig.bind(parsed, file.toString());
        final MetricsRegistry metrics = new MetricsRegistry();
        final AtomicReference<FixGateway> acceptor = new AtomicReference<>();
        try (EmbeddedNode node = EmbeddedNode.start(
            NodeConfig.defaults(dataDirectory).withForcePolicy(ForcePolicy.NEVER, 1_000_000L), null, null);
            NodeGateways gateways = NodeGateways.start(node, config, new BackoffIdleStrategy(),
                gateway ->
                {
                    acceptor.set((FixGateway)fix.start(gateway, config));
                    return acceptor.get();
                });
            TlsEdges tls = TlsEdges.start(edges, gateways.gateway(), List.of(fix)))
        {
            await("the FIX library connected to Artio's engine").atMost(Duration.ofSeconds(20))
                .until(() -> acceptor.get() != null && acceptor.get().connected());
            fix.registerMetrics(metrics);
            tls.registerMetrics(metrics);

            ConnectionLimitProbe.assertLimits(new InetSocketAddress("127.0.0.1", port),
                () -> counter(metrics, "dx_gateway_connections_refused_total"));
            ConnectionLimitProbe.assertLimits(new InetSocketAddress("127.0.0.1", tls.edge("fix").port()),
                () -> counter(metrics, "dx_tls_connections_refused_total"));

            try (Socket garbage = new Socket("127.0.0.1", port))
            {
                garbage.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                garbage.setSoTimeout(10_000);
                assertThat(garbage.getInputStream().read()).as("bytes that are not FIX: closed").isEqualTo(-1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() ->
                counter(metrics, "dx_gateway_connections_closed_total", ",kind=\"not_fix\"") == 1);
        }
    }

    @Test
    void shouldRejectAPerAddressLimitAboveTheTotal() throws IOException
    {
        final Path dataDirectory = directory.resolve("data");
        final Path file = FixTestNode.configuration(directory, dataDirectory,
            "  fix { listen = \"127.0.0.1:31102\", max-connections = 4, max-connections-per-address = 5 }");
        final Config parsed = ConfigFactory.parseFile(file.toFile()).resolve();

        assertThatThrownBy(() -> FixConfigBinder.bind(parsed, file.toString(), dataDirectory))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("gateways.fix.max-connections-per-address");
    }

    private static long counter(final MetricsRegistry metrics, final String name)
    {
        return counter(metrics, name, "");
    }

    private static long counter(final MetricsRegistry metrics, final String name, final String labels)
    {
        final Matcher matcher = Pattern.compile("(?m)^" + name + "\\{edge=\"fix\"" + Pattern.quote(labels) +
            "} ([0-9.]+)$")
            .matcher(new PrometheusCollector(metrics).scrapeText());
        assertThat(matcher.find()).as(name + " exported").isTrue();
        return (long)Double.parseDouble(matcher.group(1));
    }
}
