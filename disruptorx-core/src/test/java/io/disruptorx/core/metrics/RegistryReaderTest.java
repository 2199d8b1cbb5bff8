package io.disruptorx.core.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryReaderTest
{
    private record Point(Labels labels, double value, double quantile)
    {
    }

    @Test
    void shouldReadEveryFamilyAsCollectCurrentExposesIt()
    {
        final MetricsRegistry registry = new MetricsRegistry(Duration.ofDays(1));
        registry.counter("dx_orders_total", "orders", "shard", "b").add(7);
        registry.counter("dx_orders_total", "orders", "shard", "a").add(3);
        registry.counter("dx_orders_total", "orders", () -> 11, "shard", "c");
        registry.counter("dx_pause_seconds_total", "pause", () -> 1_500, 0.001);
        registry.gauge("dx_depth", "depth", () -> 5, "ring", "out");
        registry.gauge("dx_depth", "depth", () -> -2, "ring", "in");
        registry.gauge("dx_plain", "plain").set(42);
        final LatencyRecorder journal = registry.latency("dx_stage_latency_seconds", "stage", "stage", "journal");
        final LatencyRecorder engine = registry.latency("dx_stage_latency_seconds", "stage", "stage", "engine");
        registry.latency("dx_idle_latency_seconds", "never recorded");
        for (int i = 1; i <= 1_000; i++)
        {
            journal.record(i * 1_000L);
            engine.record(i * 37L);
        }
        final AtomicLongArray perInstrument = new AtomicLongArray(12);
        perInstrument.set(2, 4);
        perInstrument.set(10, 9);
        registry.counterArray("dx_instrument_commands_total", "per instrument", "instrument", perInstrument,
            "shard", "s1");
        final KeyedLongMetric pnl = registry.keyed("dx_pnl", "pnl", "strategy", 4);
        pnl.register(2, "beta");
        pnl.register(1, "alpha");
        pnl.set(2, -30);
        pnl.set(1, 20);
        final KeyedLongMetric volume = registry.keyedCounter("dx_volume_total", "volume", "instrument", 4);
        volume.register(9, "9");
        volume.register(3, "3");
        volume.add(9, 100);
        final PrometheusCollector collector = new PrometheusCollector(registry);
        final RegistryReader reader = new RegistryReader(registry);

        final List<String> expectedNames = new ArrayList<>();
        for (final MetricSnapshot snapshot : collector.collectCurrent())
        {
            final String name =
                snapshot.getMetadata().getName() + (snapshot instanceof CounterSnapshot ? "_total" : "");
            expectedNames.add(name);
            assertThat(read(reader, name)).as(name).containsExactlyElementsOf(expected(snapshot));
        }

        assertThat(reader.names()).containsExactlyInAnyOrderElementsOf(expectedNames);
        assertThat(read(reader, "dx_stage_latency_window_seconds")).hasSize(10)
            .allSatisfy(point -> assertThat(point.value()).isPositive());
        assertThat(read(reader, "dx_idle_latency_window_seconds")).hasSize(5)
            .allSatisfy(point -> assertThat(point.value()).isNaN());
        assertThat(read(reader, "dx_orders_total")).extracting(Point::value).containsExactly(3.0, 7.0, 11.0);
        assertThat(read(reader, "dx_instrument_commands_total")).extracting(Point::value).containsExactly(9.0, 4.0);
        assertThat(read(reader, "dx_pause_seconds_total")).extracting(Point::value).containsExactly(1.5);
        assertThat(read(reader, "dx_no_such_family")).isEmpty();
    }

    @Test
    void shouldReadOnlyTheFamilyAskedForAndFindFamiliesRegisteredLater()
    {
        final MetricsRegistry registry = new MetricsRegistry();
        final AtomicInteger calls = new AtomicInteger();
        registry.gauge("dx_costly", "read on demand", () -> calls.incrementAndGet());
        registry.gauge("dx_cheap", "cheap", () -> 1);
        final RegistryReader reader = new RegistryReader(registry);

        assertThat(read(reader, "dx_cheap")).extracting(Point::value).containsExactly(1.0);
        assertThat(reader.names()).containsExactly("dx_costly", "dx_cheap");
        assertThat(calls).hasValue(0);
        assertThat(read(reader, "dx_costly")).extracting(Point::value).containsExactly(1.0);
        assertThat(calls).hasValue(1);

        registry.gauge("dx_cheap", "cheap", () -> 2, "side", "b");
        registry.counter("dx_later_total", "later").add(5);

        assertThat(reader.names()).containsExactly("dx_costly", "dx_cheap", "dx_later_total");
        assertThat(read(reader, "dx_cheap")).extracting(Point::value).containsExactly(1.0, 2.0);
        assertThat(read(reader, "dx_later_total")).extracting(Point::value).containsExactly(5.0);
    }

    private static List<Point> read(final RegistryReader reader, final String name)
    {
        final List<Point> points = new ArrayList<>();
        reader.read(name, System.nanoTime(),
            (labels, value, quantile) -> points.add(new Point(labels, value, quantile)));
        return points;
    }

    private static List<Point> expected(final MetricSnapshot snapshot)
    {
        final List<Point> points = new ArrayList<>();
        for (final DataPointSnapshot point : snapshot.getDataPoints())
        {
            if (point instanceof CounterSnapshot.CounterDataPointSnapshot counter)
            {
                points.add(new Point(point.getLabels(), counter.getValue(), Double.NaN));
            }
            else if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot gauge)
            {
                points.add(new Point(point.getLabels(), gauge.getValue(), Double.NaN));
            }
            else
            {
                for (final Quantile quantile : ((SummarySnapshot.SummaryDataPointSnapshot)point).getQuantiles())
                {
                    points.add(new Point(point.getLabels(), quantile.getValue(), quantile.getQuantile()));
                }
            }
        }
        return points;
    }
}
