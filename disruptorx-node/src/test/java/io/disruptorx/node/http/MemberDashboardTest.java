package io.disruptorx.node.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.metrics.MetricsRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard of a process that is not an embedded node (what {@code dx cluster-node --http} serves), over a real
 * server: the page is there, its session endpoint says there is no sign-in (read-only), and the first update
 * carries the member's cluster figures from its registry.
 */
class MemberDashboardTest
{
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldServeTheDashboardWithTheMembersClusterFigures() throws Exception
    {
        final MetricsRegistry metrics = new MetricsRegistry();
        for (final String role : new String[]{"follower", "candidate", "leader"})
        {
            metrics.gauge("dx_cluster_role", "role", () -> role.equals("follower") ? 1 : 0, "member", "1",
                "role", role);
        }
        metrics.gauge("dx_cluster_leadership_term_id", "term", () -> 7, "member", "1");
        try (NodeHttpServer server = NodeApi.serveWithDashboard(new InetSocketAddress("127.0.0.1", 0), metrics,
            () -> "{\"status\":\"UP\"}", Map.of("/api/member", () -> "{\"member\":1}")))
        {
            final HttpClient client = HttpClient.newHttpClient();
            final HttpResponse<String> page = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/dashboard/")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("id=\"cluster-card\"");
            final HttpResponse<String> session = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/dashboard/api/session")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(session.statusCode()).isEqualTo(200);
            assertThat(session.body()).contains("\"signIn\":false");
            final CompletableFuture<String> first = new CompletableFuture<>();
            final WebSocket socket = client.newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + server.port() + "/dashboard/ws"), new WebSocket.Listener()
                {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data,
                        final boolean last)
                    {
                        text.append(data);
                        if (last)
                        {
                            first.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
            assertThat(first.get(10, TimeUnit.SECONDS))
                .contains("\"cluster\":{\"member\":\"1\",\"role\":\"follower\",")
                .contains("\"term\":7,")
                .contains("\"feed\":{\"connected\":false}");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }
}
