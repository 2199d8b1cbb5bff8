package io.disruptorx.node.cluster;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.cluster.ClusterMember;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.MemberAddress;
import io.disruptorx.cluster.service.ServiceConfig;
import io.disruptorx.core.metrics.MetricsRegistry;
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
 * Three real cluster members in this JVM, each with the HTTP endpoint {@code dx cluster-node --http} serves: the
 * scrapes show one leader and two followers in one term, every member ready; when the leader stops, a survivor
 * leads in a later term and the election is counted.
 */
@Timeout(180)
class ClusterMetricsScrapeTest
{
    private static final int MEMBERS = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ClusterMember[] members = new ClusterMember[MEMBERS];
    private final NodeHttpServer[] servers = new NodeHttpServer[MEMBERS];

    @AfterEach
    void tearDown()
    {
        CloseHelper.closeAll(servers);
        CloseHelper.closeAll(members);
    }

    @Test
    void shouldExportRoleTermAndElectionsAndAnswerHealthOnlyWithALeader() throws Exception
    {
        final Path root = Path.of("target", "cluster-metrics", "run-" + System.nanoTime()).toAbsolutePath();
        final int base = freePortBlock(MEMBERS * 10);
        final List<MemberAddress> addresses = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++)
        {
            addresses.add(new MemberAddress(i, "localhost", base + i * 10));
        }
        for (int i = 0; i < MEMBERS; i++)
        {
            final ClusterMemberConfig config = new ClusterMemberConfig(i, addresses, root.resolve("member-" + i),
                ClusterTimeouts.tuned(), ServiceConfig.of(new EngineConfig(16, 8, 10_000, 1024, 0,
                PostOnlyMode.REJECT)));
            members[i] = ClusterMember.launch(config, System.err);
            final MetricsRegistry metrics = new MetricsRegistry();
            final ClusterMetrics cluster = ClusterMetrics.register(metrics, config);
            servers[i] = NodeHttpServer.start(new InetSocketAddress("127.0.0.1", 0), metrics, cluster::health,
                Map.of("/api/member", cluster::member));
        }

        final int leader = awaitOneLeader(List.of(0, 1, 2));
        final Map<String, Double> leaderScrape = scrape(leader);
        final double term = leaderScrape.get(series("dx_cluster_leadership_term_id", leader));
        for (int i = 0; i < MEMBERS; i++)
        {
            final Map<String, Double> scrape = scrape(i);
            assertThat(scrape.get(series("dx_cluster_member_running", i))).isEqualTo(1.0);
            assertThat(scrape.get(series("dx_cluster_role", i, "role=\"follower\""))).isEqualTo(i == leader ? 0 : 1);
            assertThat(scrape.get(series("dx_cluster_leadership_term_id", i))).isEqualTo(term);
            assertThat(scrape.get(series("dx_cluster_commit_position_bytes", i))).isGreaterThanOrEqualTo(0);
            assertThat(scrape.get(series("dx_cluster_elections_total", i))).isGreaterThanOrEqualTo(1);
            assertThat(scrape).containsKeys(series("dx_cluster_events_replayed_total", i),
                series("dx_cluster_ingress_rejected_total", i, "kind=\"malformed_frame\""));
            final HttpResponse<String> member = get(i, "/api/member");
            assertThat(member.statusCode()).isEqualTo(200);
            assertThat(member.body()).contains("\"member\":" + i, "\"running\":true");
        }

        final double electionsBefore = scrape((leader + 1) % MEMBERS)
            .get(series("dx_cluster_elections_total", (leader + 1) % MEMBERS));
        servers[leader].close();
        servers[leader] = null;
        members[leader].close();
        members[leader] = null;
        final List<Integer> survivors = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++)
        {
            if (i != leader)
            {
                survivors.add(i);
            }
        }
        final int next = awaitOneLeader(survivors);
        final Map<String, Double> after = scrape(next);
        assertThat(after.get(series("dx_cluster_leadership_term_id", next))).isGreaterThan(term);
        assertThat(after.get(series("dx_cluster_elections_total", next))).isGreaterThan(electionsBefore);
    }

    private int awaitOneLeader(final List<Integer> running)
    {
        final int[] leader = {-1};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        {
            int leaders = 0;
            for (final int i : running)
            {
                assertThat(get(i, "/health").statusCode()).as("member " + i + " ready").isEqualTo(200);
                if (scrape(i).get(series("dx_cluster_role", i, "role=\"leader\"")) == 1.0)
                {
                    leaders++;
                    leader[0] = i;
                }
                assertThat(scrape(i).get(series("dx_cluster_election_in_progress", i))).isZero();
            }
            assertThat(leaders).as("leaders").isEqualTo(1);
        });
        return leader[0];
    }

    private Map<String, Double> scrape(final int member) throws Exception
    {
        final HttpResponse<String> response = get(member, "/metrics");
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

    private HttpResponse<String> get(final int member, final String path) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servers[member].port() + path))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String series(final String name, final int member)
    {
        return name + "{member=\"" + member + "\"}";
    }

    private static String series(final String name, final int member, final String label)
    {
        return name + "{" + (label.compareTo("member") < 0 ? label + ",member=\"" + member + "\"" :
            "member=\"" + member + "\"," + label) + "}";
    }

    /**
     * @param count ports wanted.
     * @return the first of {@code count} consecutive ports free for TCP and UDP on loopback now.
     * @throws IOException when there is no such block.
     */
    static int freePortBlock(final int count) throws IOException
    {
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int base = 30_000 + (int)(System.nanoTime() % 1000) * 16; base < 60_000; base += count)
        {
            boolean free = true;
            for (int port = base; port < base + count && free; port++)
            {
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port));
                    ServerSocket tcp = new ServerSocket())
                {
                    tcp.bind(new InetSocketAddress(loopback, port));
                }
                catch (final IOException ex)
                {
                    free = false;
                }
            }
            if (free)
            {
                return base;
            }
        }
        throw new IOException("no block of " + count + " free ports");
    }
}
