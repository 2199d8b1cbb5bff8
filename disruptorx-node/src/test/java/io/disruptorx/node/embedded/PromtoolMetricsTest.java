package io.disruptorx.node.embedded;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.metrics.JvmMetrics;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.feed.FeedMetrics;
import io.disruptorx.node.feed.NodeFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running node's scrape, its feed's metrics included, passes {@code promtool check metrics} (Prometheus's own
 * linter: types, units, {@code _total} suffixes). Needs {@code promtool} (Debian's {@code prometheus} package, which
 * {@code .ci/run} installs); without it the test fails, saying so.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PromtoolMetricsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPassPromtoolCheckMetrics() throws Exception
    {
        final String promtool = promtool();
        final NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXLINT").build());
        try
        {
            final EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024)
                .withRingSizes(1024, 4096).withSnapshotEvery(0, 0), feed.sink(), null);
            try
            {
                JvmMetrics.register(node.metrics());
                FeedMetrics.register(node.metrics(), feed.server());
                FeedMetrics.registerClient(node.metrics(), "s1", feed.addSubscriber(null, null, 1).client().counters());
                final NodeClient client = node.newClient(true);
                client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
                client.adjustBalance(1, 0, 1_000_000_000L);
                client.newOrder(1, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                    SelfTradePrevention.CANCEL_NEWEST, 9_000, 1);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (node.orderReports() < 1)
                {
                    assertThat(System.nanoTime()).as("the order reported").isLessThan(deadline);
                    Thread.yield();
                }
                final String scrape = new PrometheusCollector(node.metrics()).scrapeText();
                assertThat(scrape).contains("dx_stage_latency_seconds_bucket", "dx_feed_packets_sent_total");

                final Process process = new ProcessBuilder(promtool, "check", "metrics")
                    .redirectErrorStream(true).start();
                try (OutputStream in = process.getOutputStream())
                {
                    in.write(scrape.getBytes(StandardCharsets.UTF_8));
                }
                final String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("promtool finished").isTrue();
                assertThat(report).as("promtool check metrics findings").isEmpty();
                assertThat(process.exitValue()).isZero();
            }
            finally
            {
                node.close();
            }
        }
        finally
        {
            feed.close();
        }
    }

    private static String promtool()
    {
        for (final String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            final Path candidate = Path.of(directory, "promtool");
            if (Files.isExecutable(candidate))
            {
                return candidate.toString();
            }
        }
        throw new AssertionError("promtool not found on PATH: install Debian's prometheus package "
            + "(apt-get install prometheus; .ci/run does this) to lint the metrics");
    }
}
