package io.disruptorx.node.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real node counts the commands of each instrument on its output path ({@code dx_instrument_commands_total}, what
 * {@code dx shard plan --metrics} reads): each command once, on the instrument its first event names, whatever
 * events it makes (an IOC order's accept and cancel are one command); a cancel of an order the engine does not have
 * names no instrument and is not counted; an order for an unknown instrument is counted on that id.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InstrumentCommandsMetricTest
{
    private static final long BUYER = 1;
    private static final long SELLER = 2;

    @TempDir
    Path dir;

    @Test
    void shouldCountEachCommandOnceOnItsInstrument()
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024)
            .withSnapshotEvery(0, 0), null, null))
        {
            final Map<Long, Long> orderIds = new ConcurrentHashMap<>();
            node.subscribe(BUYER, new EngineListenerAdapter()
            {
                @Override
                public void onOrderAccepted(
                    final long timestamp, final long orderId, final long clientOrderId, final long accountId,
                    final int instrumentId, final Side side, final OrderType type, final TimeInForce tif,
                    final long price, final long quantity)
                {
                    orderIds.put(clientOrderId, orderId);
                }
            });
            final MetricsRegistry shared = new MetricsRegistry();
            node.exportInstrumentCommands(shared, "shard", "shard-3");
            final NodeClient client = node.newClient(true);
            client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
            client.addInstrument(2, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
            client.adjustBalance(BUYER, 0, 1_000_000_000L);
            client.adjustBalance(SELLER, 1, 1_000_000L);
            order(client, BUYER, 0, 1, Side.BUY, TimeInForce.GTC, 9_000);
            awaitReports(node, 1);
            final String empty = scrape(node.metrics());
            assertThat(empty).contains("dx_instrument_commands_limit 4096.0");
            final long before1 = count(empty, "instrument=\"1\"");
            final long before2 = count(empty, "instrument=\"2\"");

            for (int i = 0; i < 30; i++)
            {
                order(client, BUYER, 100 + i, 1, Side.BUY, TimeInForce.GTC, 9_000 + i);
            }
            awaitReports(node, 31);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> orderIds.size() == 31);
            for (int i = 0; i < 10; i++)
            {
                client.cancelOrder(BUYER, 500 + i, orderIds.get(100L + i));
            }
            client.cancelOrder(BUYER, 600, 987_654);
            for (int i = 0; i < 7; i++)
            {
                order(client, SELLER, 200 + i, 2, Side.SELL, TimeInForce.IOC, 11_000);
            }
            client.haltInstrument(2);
            order(client, BUYER, 300, 99, Side.BUY, TimeInForce.GTC, 9_000);
            order(client, BUYER, 301, 1, Side.BUY, TimeInForce.GTC, 9_000);
            awaitReports(node, 31 + 7 + 2);

            final String page = scrape(node.metrics());
            assertThat(count(page, "instrument=\"1\"") - before1).as("30 orders, 10 cancels and 1 order")
                .isEqualTo(41);
            assertThat(count(page, "instrument=\"2\"") - before2).as("7 IOC orders (accepted and cancelled) and a halt")
                .isEqualTo(8);
            assertThat(count(page, "instrument=\"99\"")).as("an order for an unknown instrument").isEqualTo(1);
            assertThat(page).doesNotContain("dx_instrument_commands_total{instrument=\"3\"}");
            final String exported = scrape(shared);
            assertThat(exported).contains("dx_instrument_commands_limit{shard=\"shard-3\"} 4096.0")
                .contains("dx_instrument_commands_total{instrument=\"99\",shard=\"shard-3\"} 1.0");
        }
    }

    private static long order(final NodeClient client, final long account, final long clientOrderId,
        final int instrument, final Side side, final TimeInForce timeInForce, final long price)
    {
        return client.newOrder(account, clientOrderId, instrument, side, OrderType.LIMIT, timeInForce, false,
            SelfTradePrevention.CANCEL_NEWEST, price, 1);
    }

    /**
     * Waits until the output path has delivered that many accepts and rejects: the last command sent is an order, so
     * every event before its report has been counted too.
     */
    private static void awaitReports(final EmbeddedNode node, final long reports)
    {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
            .until(() -> node.orderReports() >= reports);
        assertThat(node.orderReports()).isEqualTo(reports);
    }

    private static String scrape(final MetricsRegistry metrics)
    {
        return new PrometheusCollector(metrics).scrapeText();
    }

    private static long count(final String page, final String labels)
    {
        final Matcher matcher = Pattern.compile("(?m)^dx_instrument_commands_total\\{" + Pattern.quote(labels) +
            "} (\\S+)$").matcher(page);
        return matcher.find() ? (long)Double.parseDouble(matcher.group(1)) : 0;
    }
}
