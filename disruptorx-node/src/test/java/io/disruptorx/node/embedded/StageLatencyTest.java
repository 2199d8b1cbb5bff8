package io.disruptorx.node.embedded;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StageLatencyTest
{
    private static final long BUYER = 1;
    private static final int ORDERS = 20;

    @TempDir
    Path dir;

    private NodeConfig config()
    {
        return NodeConfig.defaults(dir).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096)
            .withSnapshotEvery(0, 0);
    }

    @Test
    void shouldTimeEveryCommandThroughEachStageAndCountRejectsByReason()
    {
        try (EmbeddedNode node = EmbeddedNode.start(config(), null, null))
        {
            final long reports = sendOrdersAndOneForAnUnknownInstrument(node);
            final long commands = ORDERS + 3;
            final PrometheusCollector collector = new PrometheusCollector(node.metrics());
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // the engine step times a command just after handing its report on: wait for the last one
            while (value(collector.scrapeText(), "dx_stage_latency_seconds_count{stage=\"engine\"}") < commands)
            {
                assertThat(System.nanoTime()).as("engine stage timed every command").isLessThan(deadline);
                Thread.yield();
            }
            final String text = collector.scrapeText();
            assertThat(value(text, "dx_stage_latency_seconds_count{stage=\"journal\"}")).isEqualTo(commands);
            assertThat(value(text, "dx_stage_latency_seconds_count{stage=\"engine\"}")).isEqualTo(commands);
            assertThat(value(text, "dx_stage_latency_seconds_count{stage=\"output\"}")).isEqualTo(reports);
            assertThat(value(text, "dx_order_to_report_latency_seconds_count")).isEqualTo(reports);
            assertThat(value(text, "dx_journal_force_seconds_count")).isPositive();
            assertThat(text)
                .contains("dx_stage_latency_window_seconds{stage=\"engine\",quantile=\"0.99\"}")
                .contains("dx_orders_rejected_total{reason=\"unknown_instrument\"} 1.0")
                .contains("dx_orders_rejected_total{reason=\"insufficient_balance\"} 0.0")
                .contains("dx_input_ring_slots 1024.0")
                .contains("dx_output_ring_slots 4096.0");
        }
    }

    @Test
    void shouldRegisterNoStageLatencyWhenItIsOff()
    {
        try (EmbeddedNode node = EmbeddedNode.start(config().withStageLatency(false), null, null))
        {
            sendOrdersAndOneForAnUnknownInstrument(node);
            assertThat(new PrometheusCollector(node.metrics()).scrapeText())
                .doesNotContain("dx_stage_latency_seconds")
                .doesNotContain("dx_journal_force_seconds")
                .doesNotContain("dx_order_to_report_latency_seconds")
                .contains("dx_orders_rejected_total{reason=\"unknown_instrument\"} 1.0");
            assertThat(node.orderToReportLatency().cumulativeSnapshot().count()).isZero();
        }
    }

    private static long sendOrdersAndOneForAnUnknownInstrument(final EmbeddedNode node)
    {
        final NodeClient client = node.newClient(true);
        client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
        client.adjustBalance(BUYER, 0, 1_000_000_000L);
        for (int i = 0; i < ORDERS; i++)
        {
            client.newOrder(BUYER, i, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 9_000 + i, 1);
        }
        client.newOrder(BUYER, ORDERS, 99, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_000, 1);
        final long reports = ORDERS + 1;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (node.orderReports() < reports)
        {
            assertThat(System.nanoTime()).as("all order reports delivered").isLessThan(deadline);
            Thread.yield();
        }
        return reports;
    }

    private static long value(final String text, final String series)
    {
        final Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(text);
        assertThat(matcher.find()).as(series + " in the scrape").isTrue();
        return (long)Double.parseDouble(matcher.group(1));
    }
}
