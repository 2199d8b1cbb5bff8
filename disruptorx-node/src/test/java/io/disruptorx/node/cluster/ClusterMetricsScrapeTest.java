package io.disruptorx.node.cluster;

import java.net.InetSocketAddress;
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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.aeron.driver.MediaDriver;
import io.disruptorx.cluster.ClusterMember;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.MemberAddress;
import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.cluster.service.ServiceConfig;
import io.disruptorx.core.net.TestPorts;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.node.http.NodeHttpServer;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.plan.InstrumentRates;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three real cluster members in this JVM, each with the HTTP endpoint {@code dx cluster-node --http} serves: the
 * scrapes show one leader and two followers in one term, every member ready; when the leader stops, a survivor
 * leads in a later term and the election is counted. Commands a client sends are counted per instrument on every
 * member's page alike ({@code dx_instrument_commands_total}), which {@code dx shard plan --metrics} reads.
 */
@Timeout(180)
class ClusterMetricsScrapeTest
{
    private static final int MEMBERS = 3;
    private static final int INSTRUMENT_LIMIT = 16;
    private static final long GATEWAY = 11;
    private static final long BUYER = 1;
    private static final long SELLER = 2;

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
        final int base = TestPorts.block(MEMBERS * 10);
        final List<MemberAddress> addresses = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++)
        {
            addresses.add(new MemberAddress(i, "localhost", base + i * 10));
        }
        for (int i = 0; i < MEMBERS; i++)
        {
            final ClusterMemberConfig config = new ClusterMemberConfig(i, addresses, root.resolve("member-" + i),
                ClusterTimeouts.tuned(), ServiceConfig.of(new EngineConfig(INSTRUMENT_LIMIT, 8, 10_000, 1024, 0,
                PostOnlyMode.REJECT)));
            members[i] = ClusterMember.launch(config, System.err);
            servers[i] = ClusterMetrics.serve(members[i], new InetSocketAddress("127.0.0.1", 0));
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
        assertEveryMemberCountsCommandsPerInstrument(root, addresses);

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

    /**
     * Commands through a real cluster client: every member's page counts each command once on its instrument (the
     * listing, whose status event names it, an accepted sell, an order that is accepted and trades, a halt on
     * instrument 3; six rejected orders on the unknown instrument 5), none for a cancel of an unknown order or for
     * an id at or above the limit, and the page is one {@code dx shard plan --metrics} reads.
     */
    private void assertEveryMemberCountsCommandsPerInstrument(final Path root, final List<MemberAddress> addresses)
        throws Exception
    {
        final int[] trades = {0};
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final VenueEventHandler events = (sequence, buffer, offset, length) ->
            trades[0] += header.wrap(buffer, offset).templateId() == TradeDecoder.TEMPLATE_ID ? 1 : 0;
        try (MediaDriver driver = ClientDriver.launch(root.resolve("client-aeron"));
            ClusterVenueClient client = ClusterVenueClient.create(ClusterClientConfig.of(GATEWAY,
                ClusterMemberConfig.ingressEndpoints(addresses), driver.aeronDirectoryName())))
        {
            final SbeCommandEncoder encoder = new SbeCommandEncoder();
            final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
            send(client, command, encoder.addInstrument(command, 0, 0, 3, 3, 0, 1, 1, 2, 0, 0, 1, 10_000, 5_000,
                1_000), events);
            send(client, command, encoder.adjustBalance(command, 0, 0, BUYER, 0, 1_000_000_000L), events);
            send(client, command, encoder.adjustBalance(command, 0, 0, SELLER, 3, 1_000_000L), events);
            send(client, command, order(encoder, command, SELLER, 1, 3, Side.SELL, TimeInForce.GTC), events);
            send(client, command, order(encoder, command, BUYER, 2, 3, Side.BUY, TimeInForce.IOC), events);
            send(client, command, encoder.cancelOrder(command, 0, 0, BUYER, 3, 987_654), events);
            for (int i = 0; i < 6; i++)
            {
                send(client, command, order(encoder, command, BUYER, 10 + i, 5, Side.BUY, TimeInForce.GTC), events);
            }
            send(client, command, order(encoder, command, BUYER, 20, INSTRUMENT_LIMIT, Side.BUY, TimeInForce.GTC),
                events);
            send(client, command, encoder.haltInstrument(command, 0, 0, 3), events);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (trades[0] == 0 && System.nanoTime() - deadline < 0)
            {
                pollOnce(client, events);
            }
            assertThat(trades[0]).as("the buy traded with the resting sell").isEqualTo(1);
        }
        for (int i = 0; i < MEMBERS; i++)
        {
            final int member = i;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(scrape(member)).as("member %d", member)
                    .containsEntry("dx_instrument_commands_total{instrument=\"3\"}", 4.0)
                    .containsEntry("dx_instrument_commands_total{instrument=\"5\"}", 6.0)
                    .containsEntry("dx_instrument_commands_limit", (double)INSTRUMENT_LIMIT));
            final Map<String, Double> scrape = scrape(member);
            assertThat(scrape.keySet()).filteredOn(name -> name.startsWith("dx_instrument_commands_total"))
                .as("member %d counts instruments 3 and 5 only", member).hasSize(2);
            final InstrumentRates.Reading reading = InstrumentRates.read(http,
                URI.create("http://127.0.0.1:" + servers[member].port() + "/metrics"), "shard-1");
            assertThat(reading.counts()).isEqualTo(Map.of("shard-1", new TreeMap<>(Map.of(3, 4L, 5, 6L))));
        }
    }

    private static int order(final SbeCommandEncoder encoder, final UnsafeBuffer command, final long account,
        final long clientOrderId, final int instrument, final Side side, final TimeInForce timeInForce)
    {
        return encoder.newOrder(command, 0, 0, account, clientOrderId, instrument, side, OrderType.LIMIT, timeInForce,
            false, SelfTradePrevention.CANCEL_NEWEST, 10_000, 1);
    }

    /**
     * Offers the command until the client takes it (it connects and finds the leader as it is polled).
     */
    private static void send(final ClusterVenueClient client, final UnsafeBuffer command, final int length,
        final VenueEventHandler events)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long result;
        while ((result = client.offer(command, 0, length)) < 0)
        {
            assertThat(result).as("client closed").isNotEqualTo(VenueClient.CLOSED);
            assertThat(System.nanoTime() - deadline).as("command not taken: " + result).isNegative();
            pollOnce(client, events);
        }
    }

    private static void pollOnce(final ClusterVenueClient client, final VenueEventHandler events)
    {
        if (client.poll(events, 64) == 0)
        {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
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
}
