package io.disruptorx.core.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import io.disruptorx.core.AllocationMeter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsTest
{
    @Test
    void shouldReportPercentilesCountAndExactSum()
    {
        final LatencyRecorder recorder = new LatencyRecorder();
        for (long v = 1; v <= 1_000; v++)
        {
            recorder.record(v * 1_000);
        }
        final LatencySnapshot snapshot = recorder.intervalSnapshot();
        assertThat(snapshot.count()).isEqualTo(1_000);
        assertThat(snapshot.sum()).isEqualTo(500_500_000L);
        assertThat(snapshot.p50()).isBetween(499_000L, 501_000L);
        assertThat(snapshot.p90()).isBetween(899_000L, 901_000L);
        assertThat(snapshot.p99()).isBetween(989_000L, 991_000L);
        assertThat(snapshot.p999()).isBetween(998_000L, 1_001_000L);
        assertThat(snapshot.max()).isBetween(999_000L, 1_001_000L);
    }

    @Test
    void shouldResetTheIntervalButKeepTheCumulativeView()
    {
        final LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(100);
        recorder.record(-5);
        recorder.record(Long.MAX_VALUE);
        assertThat(recorder.intervalSnapshot().count()).isEqualTo(3);
        recorder.record(200);
        final LatencySnapshot interval = recorder.intervalSnapshot();
        assertThat(interval.count()).isEqualTo(1);
        assertThat(interval.sum()).isEqualTo(200);
        final LatencySnapshot cumulative = recorder.cumulativeSnapshot();
        assertThat(cumulative.count()).isEqualTo(4);
        assertThat(cumulative.max()).as("clamped, not lost").isGreaterThan(59_000_000_000L);
        assertThat(recorder.intervalSnapshot().count()).isZero();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldLoseNoValueRecordedConcurrentlyWithScrapes() throws Exception
    {
        final LatencyRecorder recorder = new LatencyRecorder();
        final Thread[] writers = new Thread[4];
        for (int t = 0; t < writers.length; t++)
        {
            writers[t] = new Thread(() ->
            {
                for (int i = 0; i < 250_000; i++)
                {
                    recorder.record(1 + (i & 1023));
                }
            });
            writers[t].start();
        }
        long scraped = 0;
        boolean running = true;
        while (running)
        {
            running = false;
            for (final Thread writer : writers)
            {
                running |= writer.isAlive();
            }
            scraped += recorder.intervalSnapshot().count();
        }
        scraped += recorder.intervalSnapshot().count();
        assertThat(scraped).isEqualTo(1_000_000);
        assertThat(recorder.cumulativeSnapshot().count()).isEqualTo(1_000_000);
    }

    @Test
    void shouldRecordWithoutAllocating()
    {
        final MetricsRegistry registry = new MetricsRegistry();
        final LatencyRecorder recorder = registry.latency("dx_test_latency_seconds", "test");
        final Counter counter = registry.counter("dx_test_events_total", "test");
        final Gauge gauge = registry.gauge("dx_test_depth", "test");
        final BusinessMetrics business = new BusinessMetrics(registry, 4);
        business.registerInstrument(7, "BTC-USD");
        business.registerStrategy(1, "mm");
        final long bytes = AllocationMeter.measure(() ->
        {
            for (int i = 0; i < 100_000; i++)
            {
                recorder.record(i);
                counter.increment();
                gauge.set(i);
                business.onTrade(7, 2, 100);
                business.addPnl(1, -3);
            }
        });
        assertThat(bytes).isLessThan(1_024);
    }

    @Test
    void shouldExposeHistogramsWindowsCountersGaugesAndBusinessMetricsAsPrometheusText()
    {
        final MetricsRegistry registry = new MetricsRegistry();
        final LatencyRecorder latency = registry.latency("dx_match_latency_seconds", "Match latency", "shard", "a");
        final Counter orders = registry.counter("dx_orders_total", "Orders received", "shard", "a");
        registry.gauge("dx_queue_depth", "Queue depth", () -> 42L, "shard", "a");
        registry.counter("dx_gc_pause_seconds_total", "GC", () -> 1_500L, 0.001);
        final BusinessMetrics business = new BusinessMetrics(registry, 8);
        business.registerInstrument(1, "BTC-USD");
        business.registerInstrument(2, "ETH-USD");
        business.registerStrategy(9, "arb");
        for (int i = 1; i <= 100; i++)
        {
            latency.record(i * 10_000L);
        }
        orders.add(3);
        business.onTrade(1, 5, 100);
        business.onTrade(1, 7, 101);
        business.onTrade(2, 1, 50);
        business.onTrade(99, 1, 1);
        business.addPnl(9, 250);
        business.addPnl(9, -100);

        final PrometheusCollector collector = new PrometheusCollector(registry);
        final String text = collector.scrapeText();
        assertThat(text)
            .contains("# TYPE dx_match_latency_seconds histogram")
            .contains("dx_match_latency_seconds_bucket{shard=\"a\",le=\"2.5E-4\"} 25")
            .contains("dx_match_latency_seconds_bucket{shard=\"a\",le=\"5.0E-4\"} 50")
            .contains("dx_match_latency_seconds_bucket{shard=\"a\",le=\"0.001\"} 100")
            .contains("dx_match_latency_seconds_bucket{shard=\"a\",le=\"+Inf\"} 100")
            .contains("dx_match_latency_seconds_count{shard=\"a\"} 100")
            .contains("dx_match_latency_seconds_sum{shard=\"a\"} 0.0505")
            .contains("# TYPE dx_match_latency_window_seconds summary")
            .contains("dx_match_latency_window_seconds{shard=\"a\",quantile=\"0.5\"} 5.00")
            .contains("dx_match_latency_window_seconds{shard=\"a\",quantile=\"1.0\"} 0.00100")
            .doesNotContain("dx_match_latency_window_seconds_count")
            .contains("# TYPE dx_orders_total counter")
            .contains("dx_orders_total{shard=\"a\"} 3.0")
            .contains("dx_gc_pause_seconds_total 1.5")
            .contains("# TYPE dx_queue_depth gauge")
            .contains("dx_queue_depth{shard=\"a\"} 42.0")
            .contains("# TYPE dx_traded_volume_total counter")
            .contains("dx_traded_volume_total{instrument=\"BTC-USD\"} 12.0")
            .contains("dx_traded_volume_total{instrument=\"ETH-USD\"} 1.0")
            .contains("dx_traded_notional_total{instrument=\"BTC-USD\"} 1207.0")
            .contains("dx_strategy_pnl{strategy=\"arb\"} 150.0");
        assertThat(business.tradedVolume(99)).isZero();

        final PrometheusRegistry prometheus = new PrometheusRegistry();
        prometheus.register(collector);
        assertThat(prometheus.scrape().size()).isEqualTo(collector.collect().size());
    }

    @Test
    void shouldCollectTheCurrentValuesWithoutTheHistogramsSinceStart()
    {
        final MetricsRegistry registry = new MetricsRegistry();
        final LatencyRecorder latency = registry.latency("dx_match_latency_seconds", "Match latency", "shard", "a");
        registry.counter("dx_orders_total", "Orders received", "shard", "a").add(3);
        registry.gauge("dx_queue_depth", "Queue depth", () -> 42L);
        for (int i = 1; i <= 100; i++)
        {
            latency.record(i * 10_000L);
        }
        final PrometheusCollector collector = new PrometheusCollector(registry);

        final MetricSnapshots current = collector.collectCurrent();

        assertThat(current.stream().map(s -> s.getMetadata().getName()))
            .containsExactlyInAnyOrder("dx_orders", "dx_queue_depth", "dx_match_latency_window_seconds");
        assertThat(current.stream().filter(HistogramSnapshot.class::isInstance)).isEmpty();
        final SummarySnapshot window = (SummarySnapshot)current.stream()
            .filter(s -> s.getMetadata().getName().equals("dx_match_latency_window_seconds")).findFirst().orElseThrow();
        assertThat(window.getDataPoints().get(0).getQuantiles().get(0).getValue()).isBetween(0.000_499, 0.000_501);
        assertThat(collector.collect().stream().filter(HistogramSnapshot.class::isInstance)).hasSize(1);
    }

    @Test
    void shouldShowTheLastCompletedWindowWhileTheHistogramKeepsEverything()
    {
        final LatencyRecorder recorder = LatencyRecorder.singleWriter();
        final long window = 1_000;
        for (int i = 0; i < 10; i++)
        {
            recorder.record(5_000_000);
        }
        // the maximum is reported as the highest value equivalent at 3 significant digits: up to 0.1% above
        assertThat(recorder.windowSnapshot(System.nanoTime() + window, window).max()).isBetween(5_000_000L,
            5_005_000L);
        recorder.record(20_000);
        recorder.record(30_000);
        final long later = System.nanoTime() + 10 * window;
        final LatencySnapshot last = recorder.windowSnapshot(later, window);
        assertThat(last.count()).isEqualTo(2);
        assertThat(last.max()).isBetween(30_000L, 30_030L);
        assertThat(recorder.windowSnapshot(later + window / 2, window)).isEqualTo(last);
        assertThat(recorder.windowSnapshot(later + window, window).count()).isZero();
        final long[] buckets = new long[2];
        final long[] countAndSum = recorder.cumulativeBuckets(new long[]{25_000, 10_000_000}, buckets);
        assertThat(buckets).containsExactly(1, 12);
        assertThat(countAndSum).containsExactly(12, 50_050_000);
        assertThat(recorder.intervalSnapshot().count()).isEqualTo(12);
    }

    @Test
    void shouldRefuseNamesThatBreakTheConventions()
    {
        final MetricsRegistry registry = new MetricsRegistry();
        assertThatThrownBy(() -> registry.counter("dx_orders", "x")).hasMessageContaining("must end with _total");
        assertThatThrownBy(() -> registry.gauge("dx_orders_total", "x")).hasMessageContaining("must not end");
        assertThatThrownBy(() -> registry.latency("dx_match_latency_nanos", "x")).hasMessageContaining("unit");
        assertThatThrownBy(() -> registry.latency("dx_match_latency", "x")).hasMessageContaining("_seconds");
        assertThatThrownBy(() -> registry.gauge("dx_gc_time_ms", "x")).hasMessageContaining("'ms'");
        assertThatThrownBy(() -> registry.gauge("dxQueueDepth", "x")).hasMessageContaining("snake case");
        assertThatThrownBy(() -> registry.gauge("dx_queue_count", "x")).hasMessageContaining("_count");
        assertThatThrownBy(() -> registry.gauge("dx_depth", "x", "Topic", "a")).hasMessageContaining("label");
    }

    @Test
    void shouldRefuseConflictingRegistrations()
    {
        final MetricsRegistry registry = new MetricsRegistry();
        registry.counter("dx_x_total", "x", "a", "1");
        assertThatThrownBy(() -> registry.counter("dx_x_total", "x", "a", "1"))
            .hasMessageContaining("already registered");
        assertThatThrownBy(() -> registry.keyedCounter("dx_x_total", "x", "id", 1))
            .hasMessageContaining("already registered as COUNTER");
        final KeyedLongMetric keyed = registry.keyed("dx_k", "k", "id", 1);
        keyed.register(1, "one");
        keyed.register(1, "one");
        assertThatThrownBy(() -> keyed.register(2, "two")).hasMessageContaining("capacity 1 exhausted");
        keyed.add(3, 1);
        assertThat(keyed.unknownKeyCount()).isEqualTo(1);
    }

    @Test
    void shouldExposeEachNonZeroIndexOfACounterArrayWithItsFixedLabels()
    {
        final MetricsRegistry registry = new MetricsRegistry();
        final AtomicLongArray first = new AtomicLongArray(8);
        final AtomicLongArray second = new AtomicLongArray(8);
        registry.counterArray("dx_item_commands_total", "Commands per item", "item", first, "part", "a");
        registry.counterArray("dx_item_commands_total", "Commands per item", "item", second, "part", "b");
        first.lazySet(3, 5);
        first.lazySet(7, 1);
        second.lazySet(2, 9);

        final String text = new PrometheusCollector(registry).scrapeText();

        assertThat(text).contains("# TYPE dx_item_commands_total counter")
            .contains("dx_item_commands_total{item=\"3\",part=\"a\"} 5.0")
            .contains("dx_item_commands_total{item=\"7\",part=\"a\"} 1.0")
            .contains("dx_item_commands_total{item=\"2\",part=\"b\"} 9.0")
            .doesNotContain("item=\"0\"").doesNotContain("item=\"2\",part=\"a\"");
        assertThatThrownBy(() -> registry.counterArray("dx_item_commands_total", "x", "item", first, "part", "a"))
            .hasMessageContaining("already registered");
    }
}
