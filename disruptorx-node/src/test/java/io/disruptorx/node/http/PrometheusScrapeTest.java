package io.disruptorx.node.http;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.core.net.TestPorts;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Prometheus, started from {@code deploy/prometheus/prometheus.yml} and its rules, scrapes a running node:
 * through Prometheus's HTTP API the target is up, the key series exist, a counter moves as orders flow and the
 * recording rules evaluate. Needs the {@code prometheus} binary (Debian's package, which {@code .ci/run} installs);
 * without it the test fails, saying so.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PrometheusScrapeTest
{
    private static final Path DEPLOY = Path.of("..", "deploy", "prometheus");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void shouldBeScrapedByARealPrometheusWithItsSeriesMoving() throws Exception
    {
        final String prometheus = binary("prometheus");
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withSegmentSize(1024 * 1024).withRingSizes(1024, 4096).withSnapshotEvery(0, 0), null, null);
            NodeHttpServer server = NodeApi.serve(node, new InetSocketAddress("127.0.0.1", 0)))
        {
            final NodeClient client = node.newClient(true);
            client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
            client.adjustBalance(1, 0, 1_000_000_000L);
            sendOrders(node, client, 0, 10);

            final int webPort = TestPorts.port();
            final Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, Files.readString(DEPLOY.resolve("prometheus.yml"))
                .replace("127.0.0.1:8080", "127.0.0.1:" + server.port())
                .replace("- dx-rules.yml", "- " + DEPLOY.resolve("dx-rules.yml").toAbsolutePath()));
            final Process process = new ProcessBuilder(prometheus, "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + webPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try
            {
                final String api = "http://127.0.0.1:" + webPort + "/api/v1/";
                await(() -> get(api + "targets"), body -> body.contains("\"health\":\"up\""), "target up", process);
                final double before = await(() -> value(get(api + "query?query=" +
                    encode("dx_order_reports_total{job=\"disruptorx\"}"))), v -> v >= 10, "reports scraped",
                    process);
                sendOrders(node, client, 10, 20);
                await(() -> value(get(api + "query?query=" + encode("dx_order_reports_total{job=\"disruptorx\"}"))),
                    v -> v > before, "dx_order_reports_total moving", process);
                for (final String series : new String[]{
                    "dx_stage_latency_seconds_bucket{stage=\"journal\",le=\"+Inf\"}",
                    "dx_order_to_report_latency_seconds_count", "dx_journal_failed",
                    "dx_jvm_gc_pause_seconds_total", "dx:input_ring_used:ratio"})
                {
                    await(() -> get(api + "query?query=" + encode(series)), body -> body.contains("\"value\""),
                        series, process);
                }
            }
            finally
            {
                process.destroy();
                assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("prometheus stopped").isTrue();
            }
        }
    }

    private static void sendOrders(final EmbeddedNode node, final NodeClient client, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            client.newOrder(1, i, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 9_000 + i, 1);
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (node.orderReports() < to)
        {
            assertThat(System.nanoTime()).as("orders reported").isLessThan(deadline);
            Thread.yield();
        }
    }

    private <T> T await(final Probe<T> probe, final Predicate<T> done, final String what, final Process process)
        throws Exception
    {
        final AtomicReference<T> last = new AtomicReference<>();
        try
        {
            return Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() ->
                {
                    assertThat(process.isAlive()).as("prometheus running (see %s)", dir.resolve("prometheus.log"))
                        .isTrue();
                    last.set(null);
                    last.set(probe.get());
                    return last.get();
                }, answer -> answer != null && done.test(answer));
        }
        catch (final ConditionTimeoutException ex)
        {
            throw new AssertionError("timed out waiting for " + what + "; last answer: " + last.get() + "; log: " +
                Files.readString(dir.resolve("prometheus.log")), ex);
        }
    }

    private String get(final String uri) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Double value(final String body)
    {
        final Matcher matcher = Pattern.compile("\"value\":\\[[0-9.]+,\"([0-9.eE+-]+)\"]").matcher(body);
        return matcher.find() ? Double.valueOf(matcher.group(1)) : null;
    }

    private static String encode(final String query)
    {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static String binary(final String name)
    {
        for (final String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            final Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate))
            {
                return candidate.toString();
            }
        }
        throw new AssertionError(name + " not found on PATH: install Debian's prometheus package "
            + "(apt-get install prometheus; .ci/run does this) to run the scrape test");
    }

    /**
     * One look at Prometheus's API.
     *
     * @param <T> what it reads.
     */
    @FunctionalInterface
    private interface Probe<T>
    {
        T get() throws Exception;
    }
}
