package io.disruptorx.tracing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.demo.DemoFeed;
import io.disruptorx.node.demo.DemoVenue;
import io.disruptorx.node.embedded.InstalledTracing;
import io.disruptorx.node.embedded.NodeTracingProvider;
import io.disruptorx.node.embedded.TracingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code dx demo --trace-sample 0.01 --trace-endpoint URL} runs with {@code dx-tracing.jar} on the class path:
 * the demo venue's node traces a share of its simulated traders' orders and the spans reach the OTLP/HTTP collector
 * (a loopback HTTP server that keeps what it is sent).
 */
@Timeout(90)
class DemoTracingTest
{
    @TempDir
    Path dir;

    @Test
    void shouldExportTheDemoVenuesSampledOrdersToTheCollector() throws Exception
    {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final HttpServer collector = collector(requests);
        try
        {
            final TracingConfig config = new TracingConfig(0.01,
                "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces", "dx-demo");
            final StringWriter out = new StringWriter();
            try (NodeTracingProvider.Session traces = InstalledTracing.open(config))
            {
                new DemoVenue(new DemoVenue.Options(dir, 2, 10, 1, 2_000, -1, ForcePolicy.NEVER,
                    new DemoFeed.Settings(0, 0, null, null, "lo", 0), -1), traces.tracing())
                    .run(2_000_000_000L, new PrintWriter(out, true));
            }
            assertThat(out.toString()).contains("summary: ");
            await("the spans exported").atMost(Duration.ofSeconds(10)).until(() -> !requests.isEmpty());
            assertThat(String.join("\n", requests)).startsWith("POST application/x-protobuf")
                .contains("dx-demo", OtelCommandSpans.SCOPE, "gateway.receive", "journal.durable", "engine.applied",
                    "report.sent");
        }
        finally
        {
            collector.stop(0);
        }
    }

    private static HttpServer collector(final List<String> requests) throws IOException
    {
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
        return collector;
    }
}
