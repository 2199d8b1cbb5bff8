package io.disruptorx.node.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.node.http.NodeApi;
import io.disruptorx.node.http.NodeHttpServer;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RemoteMembers} against real HTTP servers on loopback, each on its own port as members on other hosts would
 * be, serving {@code /api/member} as {@code dx cluster-node --http} does: the dashboard's server shows each member's
 * role, term and commit position as it answers, follows a leader change, and shows a member whose server stopped, one
 * that accepts connections but never answers (after the timeout), and one that answers as another member as
 * unreachable, in {@code /api/members}, {@code /metrics}, {@code /health} and the dashboard's updates.
 */
@Timeout(60)
class RemoteMembersTest
{
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void tearDown()
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(closeables.get(i));
        }
    }

    @Test
    void shouldShowEachMembersStateAndTheOnesThatDoNotAnswerAsUnreachable() throws Exception
    {
        final List<AtomicReference<String>> states = new ArrayList<>();
        final List<NodeHttpServer> memberServers = new ArrayList<>();
        for (int id = 0; id < 2; id++)
        {
            final AtomicReference<String> state = new AtomicReference<>(member(id, id == 0 ? "LEADER" : "FOLLOWER",
                3, 4096 - id * 1024));
            states.add(state);
            final NodeHttpServer server = NodeApi.serveWithDashboard(new InetSocketAddress("127.0.0.1", 0),
                new MetricsRegistry(), () -> "{\"status\":\"UP\"}", Map.of("/api/member", state::get));
            memberServers.add(server);
            closeables.add(server);
        }
        final ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closeables.add(silent);
        final Thread acceptor = new Thread(() -> acceptAndSayNothing(silent), "silent-member");
        acceptor.setDaemon(true);
        acceptor.start();
        final List<String> addresses = List.of("127.0.0.1:" + memberServers.get(0).port(),
            "127.0.0.1:" + memberServers.get(1).port(), "127.0.0.1:" + silent.getLocalPort());

        final RemoteMembers.Served served = RemoteMembers.serve(addresses, new InetSocketAddress("127.0.0.1", 0));
        closeables.add(served);
        final Updates updates = new Updates();
        final WebSocket page = client.newWebSocketBuilder().buildAsync(
            URI.create("ws://127.0.0.1:" + served.port() + "/dashboard/ws"), updates).get(10, TimeUnit.SECONDS);
        closeables.add(page::abort);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(served, "/api/members"))
            .contains("{\"member\":0,\"address\":\"" + addresses.get(0) + "\",\"reachable\":true,\"state\":" +
                states.get(0).get() + ",\"error\":null}")
            .contains("{\"member\":1,\"address\":\"" + addresses.get(1) + "\",\"reachable\":true,")
            .contains("{\"member\":2,\"address\":\"" + addresses.get(2) + "\",\"reachable\":false,\"state\":null," +
                "\"error\":\"no answer in 1000 ms\"}"));
        final String metrics = get(served, "/metrics");
        assertThat(value(metrics, "dx_cluster_member_reachable{member=\"0\"}")).isEqualTo(1.0);
        assertThat(value(metrics, "dx_cluster_member_reachable{member=\"2\"}")).isEqualTo(0.0);
        assertThat(value(metrics, "dx_cluster_role{member=\"0\",role=\"leader\"}")).isEqualTo(1.0);
        assertThat(value(metrics, "dx_cluster_leadership_term_id{member=\"1\"}")).isEqualTo(3.0);
        assertThat(value(metrics, "dx_cluster_commit_position_bytes{member=\"1\"}")).isEqualTo(3072.0);
        assertThat(get(served, "/health")).startsWith("{\"status\":\"UP\"");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(updates.last.get())
            .contains("{\"id\":\"0\",\"role\":\"leader\",\"running\":1,\"reachable\":1,\"electing\":0,\"term\":3," +
                "\"commit\":4096,\"lag\":0,")
            .contains("{\"id\":\"1\",\"role\":\"follower\",\"running\":1,\"reachable\":1,\"electing\":0,\"term\":3," +
                "\"commit\":3072,\"lag\":1024,")
            .contains("{\"id\":\"2\",\"role\":\"none\",\"running\":0,\"reachable\":0,"));

        memberServers.get(0).close();
        states.get(1).set(member(1, "LEADER", 4, 5120));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(updates.last.get())
            .contains("{\"id\":\"0\",\"role\":\"none\",\"running\":0,\"reachable\":0,\"electing\":0,\"term\":3," +
                "\"commit\":4096,\"lag\":null,")
            .contains("{\"id\":\"1\",\"role\":\"leader\",\"running\":1,\"reachable\":1,\"electing\":0,\"term\":4," +
                "\"commit\":5120,\"lag\":0,"));
        assertThat(get(served, "/api/members")).contains("{\"member\":0,\"address\":\"" + addresses.get(0) +
            "\",\"reachable\":false,\"state\":" + member(0, "LEADER", 3, 4096) + ",\"error\":\"");
        assertThat(get(served, "/health")).startsWith("{\"status\":\"UP\"");

        states.get(1).set(member(0, "LEADER", 4, 5120));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(served, "/api/members"))
            .contains("\"reachable\":false,\"state\":" + member(1, "LEADER", 4, 5120) +
                ",\"error\":\"answered as member 0\"}"));
        assertThat(get(served, "/health")).startsWith("{\"status\":\"DOWN\"");
    }

    private static String member(final int id, final String role, final long term, final long commit)
    {
        return "{\"member\":" + id + ",\"running\":true,\"role\":\"" + role + "\",\"election\":\"CLOSED\",\"term\":" +
            term + ",\"commitPosition\":" + commit + ",\"lastSnapshot\":-1,\"elections\":1,\"snapshots\":0}";
    }

    private static double value(final String metrics, final String series)
    {
        for (final String line : metrics.split("\n"))
        {
            if (line.startsWith(series + " "))
            {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + series + " in\n" + metrics);
    }

    private String get(final RemoteMembers.Served served, final String path) throws Exception
    {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    private void acceptAndSayNothing(final ServerSocket server)
    {
        final List<Socket> held = new ArrayList<>();
        try
        {
            while (!server.isClosed())
            {
                held.add(server.accept());
            }
        }
        catch (final IOException ex)
        {
            CloseHelper.quietCloseAll(held);
        }
    }

    /** The page's socket: keeps the last complete update with the cluster's figures. */
    private static final class Updates implements WebSocket.Listener
    {
        private final AtomicReference<String> last = new AtomicReference<>("");
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(final WebSocket socket, final CharSequence data, final boolean complete)
        {
            text.append(data);
            if (complete)
            {
                if (text.indexOf("\"cluster\":") >= 0)
                {
                    last.set(text.toString());
                }
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
