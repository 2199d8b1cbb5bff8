package io.disruptorx.tracing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.InstalledTracing;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.embedded.NodeTracingProvider;
import io.disruptorx.node.embedded.TracingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code dx node} does with {@code node.tracing.sample-ratio} above 0 and {@code dx-tracing.jar} on the class
 * path: {@link InstalledTracing} finds this module's provider through {@link java.util.ServiceLoader}, and a traced
 * order's spans reach an OTLP/HTTP collector (here a loopback HTTP server that keeps what it is sent).
 */
@Timeout(60)
class OtlpTracingProviderTest
{
    @TempDir
    Path dir;

    @Test
    void shouldExportATracedOrdersSpansToTheConfiguredCollector() throws IOException
    {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange ->
        {
            final byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") +
                " " + new String(body, StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try
        {
            final TracingConfig config = new TracingConfig(1,
                "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces", "dx-test-venue");
            try (NodeTracingProvider.Session traces = InstalledTracing.open(config))
            {
                assertThat(traces.tracing().enabled()).isTrue();
                try (EmbeddedNode node = EmbeddedNode.startTraced(
                    NodeConfig.defaults(dir).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096),
                    null, null, traces.tracing()))
                {
                    final NodeClient client = node.newClient(true);
                    client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
                    client.adjustBalance(1, 0, 1_000_000_000L);
                    final long order = client.newOrder(1, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                        SelfTradePrevention.CANCEL_NEWEST, 9_990, 1);
                    await().atMost(Duration.ofSeconds(10)).until(() -> node.orderReports() == 1);
                    assertThat(node.appliedSequence()).isEqualTo(order);
                }
            }
            catch (final Exception ex)
            {
                throw new AssertionError(ex);
            }
            await("the spans exported on close").atMost(Duration.ofSeconds(10)).until(() -> !requests.isEmpty());
            final String export = String.join("\n", requests);
            assertThat(export).startsWith("POST application/x-protobuf")
                .contains("dx-test-venue", OtelCommandSpans.SCOPE, "gateway.receive", "journal.durable",
                    "engine.applied", "report.sent");
        }
        finally
        {
            collector.stop(0);
        }
    }
}
