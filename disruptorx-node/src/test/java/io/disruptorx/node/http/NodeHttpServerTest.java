package io.disruptorx.node.http;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.disruptorx.core.metrics.MetricsRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's endpoint over real loopback sockets: a stalled client does not hold up a scrape, read-only paths refuse
 * other methods, health turns 503 when the node reports a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeHttpServerTest
{
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldServeAScrapeWhileAnotherClientStallsMidRequestAndRefuseOtherMethods() throws Exception
    {
        final MetricsRegistry metrics = new MetricsRegistry();
        metrics.counter("dx_test_events_total", "test").add(7);
        final AtomicReference<String> health = new AtomicReference<>("{\"status\":\"UP\"}");
        try (NodeHttpServer server = NodeHttpServer.start(new InetSocketAddress("127.0.0.1", 0), metrics,
            health::get, Map.<String, Supplier<String>>of("/api/trades", () -> "[]"));
            Socket stalled = new Socket("127.0.0.1", server.port()))
        {
            final OutputStream out = stalled.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Partial: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            final HttpResponse<String> scrape = send(server, "GET", "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).contains(NodeHttpServer.METRICS_CONTENT_TYPE);
            assertThat(scrape.body())
                .contains("# TYPE dx_test_events_total counter", "dx_test_events_total 7.0")
                .contains("dx_jvm_gc_pause_seconds_total", "dx_jvm_heap_used_bytes");
            assertThat(send(server, "GET", "/api/trades").body()).isEqualTo("[]");

            final HttpResponse<String> post = send(server, "POST", "/metrics");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
            assertThat(send(server, "DELETE", "/health").statusCode()).isEqualTo(405);

            assertThat(send(server, "GET", "/health").statusCode()).isEqualTo(200);
            health.set("{\"status\":\"FAILED\"}");
            final HttpResponse<String> failed = send(server, "GET", "/health");
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.body()).isEqualTo("{\"status\":\"FAILED\"}");
        }
    }

    private HttpResponse<String> send(final NodeHttpServer server, final String method, final String path)
        throws Exception
    {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
