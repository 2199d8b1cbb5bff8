package io.disruptorx.node.cluster;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.aeron.driver.MediaDriver;
import io.disruptorx.cluster.ClusterMember;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.FreePorts;
import io.disruptorx.cluster.MemberAddress;
import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.cluster.service.ServiceConfig;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.node.http.NodeHttpServer;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code dx cluster-gateway --http} serves, against a real one-member cluster and a real cluster client on
 * its own thread: before any member runs, {@code /health} is 503 and the client's metrics say no session and no
 * leader, with failed connection attempts counted; once the member leads, {@code /health} is 200 and the metrics
 * and {@code /api/gateway} show the session and the leader.
 */
@Timeout(120)
class ClusterGatewayHttpTest
{
    private static final long GATEWAY = 7;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ClusterMember member;
    private MediaDriver driver;
    private ClusterVenueClient venue;
    private NodeHttpServer server;
    private Thread poller;
    private volatile boolean polling = true;

    @AfterEach
    void tearDown() throws InterruptedException
    {
        polling = false;
        if (poller != null)
        {
            poller.join(10_000);
        }
        CloseHelper.closeAll(server, venue, driver, member);
    }

    @Test
    void shouldSayDownWithoutASessionAndUpWithOne() throws Exception
    {
        final Path root = Path.of("target", "cluster-gateway-http", "run-" + System.nanoTime()).toAbsolutePath();
        final List<MemberAddress> members = List.of(new MemberAddress(0, "localhost",
            FreePorts.block(MemberAddress.PORTS)));
        final ClusterMemberConfig config = new ClusterMemberConfig(0, members, root.resolve("member-0"),
            ClusterTimeouts.tuned(), ServiceConfig.of(new EngineConfig(16, 8, 10_000, 1024, 0, PostOnlyMode.REJECT)));
        driver = ClientDriver.launch(root.resolve("client-aeron"));
        venue = ClusterVenueClient.create(ClusterClientConfig.of(GATEWAY,
            ClusterMemberConfig.ingressEndpoints(members), driver.aeronDirectoryName()));
        server = ClusterGatewayHttp.serve(new InetSocketAddress("127.0.0.1", 0), GATEWAY, venue, null);
        poller = new Thread(this::poll, "cluster-gateway-http-test-client");
        poller.start();

        final HttpResponse<String> down = get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"gateway\":7", "\"leader\":-1");
        final Map<String, Double> before = scrape();
        assertThat(before).containsEntry(series("dx_cluster_client_session_open"), 0.0)
            .containsEntry(series("dx_cluster_client_leader_member"), -1.0)
            .containsEntry(series("dx_cluster_client_sessions_total"), 0.0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(scrape().get(series("dx_cluster_client_connect_failures_total"))).isPositive());

        member = ClusterMember.launch(config, System.err);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
            assertThat(get("/health").statusCode()).isEqualTo(200));
        assertThat(get("/health").body()).contains("\"status\":\"UP\"", "\"leader\":0");
        final Map<String, Double> after = scrape();
        assertThat(after).containsEntry(series("dx_cluster_client_session_open"), 1.0)
            .containsEntry(series("dx_cluster_client_leader_member"), 0.0)
            .containsEntry(series("dx_cluster_client_sessions_total"), 1.0)
            .containsEntry(series("dx_cluster_client_events_lost_total"), 0.0)
            .containsEntry(series("dx_cluster_client_driver_losses_total"), 0.0)
            .containsKeys(series("dx_cluster_client_commands_resent_total"),
                series("dx_cluster_client_event_gaps_total"), series("dx_cluster_client_leader_changes_total"),
                series("dx_cluster_client_aeron_errors_total"));
        final HttpResponse<String> api = get("/api/gateway");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"gateway\":7", "\"sessionOpen\":true", "\"leader\":0", "\"sessions\":1");
    }

    private void poll()
    {
        while (polling)
        {
            if (venue.poll((position, buffer, offset, length) ->
            {
            }, 256) == 0)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    private Map<String, Double> scrape() throws Exception
    {
        final HttpResponse<String> response = get("/metrics");
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

    private HttpResponse<String> get(final String path) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String series(final String name)
    {
        return name + "{cluster_gateway=\"" + GATEWAY + "\"}";
    }
}
