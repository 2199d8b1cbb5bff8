package io.disruptorx.node.shard;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.dashboard.HeadlessChromium;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.http.NodeHttpServer;
import io.disruptorx.node.http.ShardGatewayHttp;
import io.disruptorx.shard.link.RemoteShardClient;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code dx shard-gateway --http} serves, against two real shards (embedded nodes behind their shard link
 * servers) reached over the link as the gateway reaches them, the page in a real browser (headless chromium):
 * {@code /metrics} with each shard's link up and the instruments the routing table gives it (together all of the
 * venue's), {@code /health} UP, the shard card with both links up. The gateway's client moves an instrument (the
 * calls its mover makes: hold, then follow the next table): the card shows the move in progress, then the new table
 * version listed under routing changes and marked on the latency and throughput charts. Once one shard's link server
 * closes, the gateway's link to it goes down and all three say so: the gauge 0, {@code /health} 503 DOWN, the card's
 * link DOWN; no console errors. Screenshot {@code target/dashboard-shard-gateway-screenshot.png}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShardGatewayHttpTest
{
    private static final int[] INSTRUMENTS = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final long CONNECT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int STALE_ATTEMPTS = 5;

    @TempDir
    Path dir;

    private WebDriver browser;

    @Test
    void shouldServeTheShardCardAndEachLinksState() throws Exception
    {
        final EmbeddedNode[] nodes = new EmbeddedNode[2];
        final ShardLinkServer[] servers = new ShardLinkServer[2];
        final RemoteShardClient[] links = new RemoteShardClient[2];
        final HttpClient http = HttpClient.newHttpClient();
        try
        {
            for (int i = 0; i < 2; i++)
            {
                final NodeConfig config = NodeConfig.defaults(dir.resolve("shard-" + i))
                    .withSegmentSize(16 * 1024 * 1024);
                nodes[i] = EmbeddedNode.start(config, null, null);
                servers[i] = new ShardLinkServer(nodes[i], config, new InetSocketAddress("127.0.0.1", 0));
                links[i] = RemoteShardClient.connect(servers[i].address(), CONNECT_NANOS);
            }
            final ShardedVenueClient client =
                new ShardedVenueClient(RoutingTable.initial(List.of("east", "west"), 64), links);
            try (NodeHttpServer server = ShardGatewayHttp.serve(new InetSocketAddress("127.0.0.1", 0),
                new MetricsRegistry(), client, shard -> links[shard].connected(), INSTRUMENTS))
            {
                final String base = "http://127.0.0.1:" + server.port();
                final String metrics = get(http, base + "/metrics").body();
                assertThat(metrics).contains("dx_shard_link_up{shard=\"east\"} 1.0")
                    .contains("dx_shard_link_up{shard=\"west\"} 1.0");
                assertThat(instruments(metrics, "east") + instruments(metrics, "west"))
                    .as("the venue's instruments, each on one shard").isEqualTo(INSTRUMENTS.length);
                final HttpResponse<String> health = get(http, base + "/health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"linksUp\":2");

                browser = HeadlessChromium.start(dir.resolve("chrome-profile"));
                browser.get(base + "/dashboard/");
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> link("east").equals("up") &&
                    link("west").equals("up"));

                final int moving = 3;
                final int to = 1 - client.table().shardOf(moving);
                client.beginMove(moving);
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                    moves("move in progress").equals("instrument " + moving));
                client.endMove(client.table().withOverride(moving, to));
                await().atMost(Duration.ofSeconds(10)).until(() ->
                    text(By.id("routing-changes")).contains("instrument 3 moved, table v2"));
                assertThat(moves("move in progress")).isEqualTo("none");
                assertThat(moves("routing table version")).isEqualTo("2");
                for (final String chart : new String[]{"chart-latency", "chart-throughput"})
                {
                    assertThat(Integer.parseInt(browser.findElement(By.id(chart)).getAttribute("data-marks")))
                        .as("the move marked on %s", chart).isEqualTo(1);
                }
                ((JavascriptExecutor)browser).executeScript(
                    "document.getElementById('shards-card').scrollIntoView()");
                final Path screenshot = Path.of("target", "dashboard-shard-gateway-screenshot.png");
                Files.copy(((TakesScreenshot)browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                    StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(screenshot)).isGreaterThan(10_000);

                servers[1].close();
                await().atMost(Duration.ofSeconds(20)).until(() ->
                {
                    links[1].poll(ShardGatewayHttpTest::ignore, 64);
                    return !links[1].connected();
                });
                assertThat(get(http, base + "/metrics").body()).contains("dx_shard_link_up{shard=\"west\"} 0.0")
                    .contains("dx_shard_link_up{shard=\"east\"} 1.0");
                final HttpResponse<String> down = get(http, base + "/health");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("\"linksUp\":1");
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> link("west").equals("DOWN"));
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> link("east").equals("up"));
                assertThat(HeadlessChromium.consoleErrors(browser)).isEmpty();
            }
        }
        finally
        {
            if (browser != null)
            {
                browser.quit();
            }
            for (int i = 0; i < 2; i++)
            {
                if (links[i] != null)
                {
                    links[i].close();
                }
                if (servers[i] != null)
                {
                    servers[i].close();
                }
                if (nodes[i] != null)
                {
                    nodes[i].close();
                }
            }
        }
    }

    private String link(final String shard)
    {
        return text(By.cssSelector("[data-name='link'][data-shard='" + shard + "']"));
    }

    private String moves(final String name)
    {
        return text(By.cssSelector("#moves dd[data-name='" + name + "']"));
    }

    /**
     * The element's text, found again when the page replaced the element between finding and reading it (the page
     * re-renders a card on every update).
     */
    private String text(final By by)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return browser.findElement(by).getText();
            }
            catch (final StaleElementReferenceException ex)
            {
                if (attempt == STALE_ATTEMPTS)
                {
                    throw ex;
                }
            }
        }
    }

    private static void ignore(final long sequence, final DirectBuffer events, final int offset, final int length)
    {
        assertThat(length).isPositive();
    }

    private static HttpResponse<String> get(final HttpClient http, final String url) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int instruments(final String metrics, final String shard)
    {
        final String prefix = "dx_shard_instruments{shard=\"" + shard + "\"} ";
        final int at = metrics.indexOf(prefix);
        assertThat(at).as("%s in /metrics", prefix).isGreaterThanOrEqualTo(0);
        final int end = metrics.indexOf('\n', at);
        return (int)Double.parseDouble(metrics.substring(at + prefix.length(), end).trim());
    }
}
