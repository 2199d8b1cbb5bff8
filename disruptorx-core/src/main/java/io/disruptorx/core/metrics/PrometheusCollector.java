package io.disruptorx.core.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;

/**
 * Exposes a {@link MetricsRegistry} to Prometheus. Latency recorders become summaries with quantiles 0.5, 0.9,
 * 0.99 and 0.999 plus count and sum (cumulative since start), and a {@code <name>_max} gauge. Register it with a
 * {@code io.prometheus.metrics.model.registry.PrometheusRegistry}, or call {@link #scrapeText()}.
 * <p>
 * Runs on the scraping thread; it allocates, the recording side does not.
 */
public final class PrometheusCollector implements MultiCollector
{
    private final MetricsRegistry registry;

    /**
     * @param registry the metrics to expose.
     */
    public PrometheusCollector(final MetricsRegistry registry)
    {
        this.registry = registry;
    }

    @Override
    public MetricSnapshots collect()
    {
        final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();
        final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
        final Map<String, SummarySnapshot.Builder> summaries = new LinkedHashMap<>();
        final List<MetricsRegistry.Entry> entries = registry.entries();
        for (final MetricsRegistry.Entry entry : entries)
        {
            switch (entry.kind())
            {
                case COUNTER:
                    counters.computeIfAbsent(entry.name(), n -> CounterSnapshot.builder().name(n).help(entry.help()))
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(entry.labels()).value(((Counter) entry.metric()).get()).build());
                    break;
                case GAUGE:
                    gauge(gauges, entry.name(), entry.help(), entry.labels(),
                        ((LongSupplier) entry.metric()).getAsLong());
                    break;
                case LATENCY:
                    final LatencySnapshot s = ((LatencyRecorder) entry.metric()).cumulativeSnapshot();
                    summaries.computeIfAbsent(entry.name(), n -> SummarySnapshot.builder().name(n).help(entry.help()))
                        .dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                            .labels(entry.labels())
                            .count(s.count())
                            .sum(s.sum())
                            .quantiles(Quantiles.of(
                                new Quantile(0.5, s.p50()),
                                new Quantile(0.9, s.p90()),
                                new Quantile(0.99, s.p99()),
                                new Quantile(0.999, s.p999())))
                            .build());
                    gauge(gauges, entry.name() + "_max", "Maximum of " + entry.name(), entry.labels(), s.max());
                    break;
                case KEYED:
                    final KeyedLongMetric keyed = (KeyedLongMetric) entry.metric();
                    final String[] labelValues = keyed.labelValues();
                    final GaugeSnapshot.Builder builder = gauges.computeIfAbsent(
                        keyed.name(), n -> GaugeSnapshot.builder().name(n).help(keyed.help()));
                    for (int i = 0; i < labelValues.length; i++)
                    {
                        builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                            .labels(Labels.of(keyed.labelName(), labelValues[i])).value(keyed.valueAt(i)).build());
                    }
                    break;
                default:
                    throw new IllegalStateException("unknown kind " + entry.kind());
            }
        }
        final MetricSnapshots.Builder result = MetricSnapshots.builder();
        counters.values().forEach(b -> result.metricSnapshot(b.build()));
        gauges.values().forEach(b -> result.metricSnapshot(b.build()));
        summaries.values().forEach(b -> result.metricSnapshot((MetricSnapshot) b.build()));
        return result.build();
    }

    private static void gauge(final Map<String, GaugeSnapshot.Builder> gauges, final String name, final String help,
        final Labels labels, final double value)
    {
        gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    }

    /**
     * @return the registry in the Prometheus text exposition format (version 0.0.4).
     */
    public String scrapeText()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try
        {
            PrometheusTextFormatWriter.create().write(out, collect());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
