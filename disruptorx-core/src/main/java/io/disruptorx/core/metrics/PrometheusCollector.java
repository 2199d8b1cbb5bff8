package io.disruptorx.core.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;

/**
 * Exposes a {@link MetricsRegistry} to Prometheus. Counters become counters and gauges gauges. A latency recorder
 * named {@code x_seconds} becomes two families:
 * <ul>
 *     <li>{@code x_seconds}, a histogram in seconds since start ({@link #BUCKETS_SECONDS}, 1 us to 10 s), whose
 *         rates and {@code histogram_quantile} aggregate across instances and ranges;</li>
 *     <li>{@code x_window_seconds}, a summary with quantiles 0.5, 0.9, 0.99, 0.999 and 1 (the maximum) of the last
 *         completed window ({@link MetricsRegistry#latencyWindowNanos()}) and no count or sum (the histogram has
 *         them): what the latency is now.</li>
 * </ul>
 * Register it with a {@code io.prometheus.metrics.model.registry.PrometheusRegistry}, or call {@link #scrapeText()}.
 * <p>
 * Runs on the scraping thread; it allocates, the recording side does not.
 */
public final class PrometheusCollector implements MultiCollector
{
    /** Upper bounds of the latency histogram buckets, in seconds. */
    public static final double[] BUCKETS_SECONDS = {
        0.000_001, 0.000_002_5, 0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5,
        0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** The windowed summaries' quantiles (1: the maximum); also {@link RegistryReader}'s. */
    static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999, 1.0};

    private static final double NANOS_PER_SECOND = 1e9;
    private static final long[] BUCKETS_NANOS = new long[BUCKETS_SECONDS.length];

    static
    {
        for (int i = 0; i < BUCKETS_SECONDS.length; i++)
        {
            BUCKETS_NANOS[i] = Math.round(BUCKETS_SECONDS[i] * NANOS_PER_SECOND);
        }
    }

    private final MetricsRegistry registry;

    /**
     * @param registry the metrics to expose.
     */
    public PrometheusCollector(final MetricsRegistry registry)
    {
        this.registry = registry;
    }

    /**
     * @param latencyName a latency family's name, ending with {@code _seconds}.
     * @return the name of its windowed quantiles.
     */
    public static String windowName(final String latencyName)
    {
        return latencyName.substring(0, latencyName.length() - "_seconds".length()) + "_window_seconds";
    }

    @Override
    public MetricSnapshots collect()
    {
        return collect(true);
    }

    /**
     * What the metrics are now, for a reader that shows current values (a dashboard): the counters, the gauges and
     * the latencies' windowed quantiles, without the latency histograms since start, whose buckets cost a walk over
     * every recorded value of every latency recorder.
     *
     * @return the counters, gauges and {@code x_window_seconds} summaries.
     */
    public MetricSnapshots collectCurrent()
    {
        return collect(false);
    }

    private MetricSnapshots collect(final boolean withHistograms)
    {
        final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();
        final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
        final Map<String, HistogramSnapshot.Builder> histograms = new LinkedHashMap<>();
        final Map<String, SummarySnapshot.Builder> summaries = new LinkedHashMap<>();
        final long now = System.nanoTime();
        final long[] buckets = new long[BUCKETS_NANOS.length];
        for (final MetricsRegistry.Entry entry : registry.entries())
        {
            switch (entry.kind())
            {
                case COUNTER:
                    counter(counters, entry, entry.labels(), ((Counter)entry.metric()).get());
                    break;
                case COUNTER_FUNCTION:
                    counter(counters, entry, entry.labels(),
                        ((LongSupplier)entry.metric()).getAsLong() * entry.scale());
                    break;
                case GAUGE:
                    gauges.computeIfAbsent(entry.name(), n -> GaugeSnapshot.builder().name(n).help(entry.help()))
                        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(entry.labels())
                            .value(((LongSupplier)entry.metric()).getAsLong() * entry.scale()).build());
                    break;
                case LATENCY:
                    if (withHistograms)
                    {
                        histogram(histograms, entry, buckets);
                    }
                    window(summaries, entry, now);
                    break;
                case COUNTER_ARRAY:
                    counterArray(counters, entry);
                    break;
                case KEYED_GAUGE:
                case KEYED_COUNTER:
                    keyed(counters, gauges, entry);
                    break;
                default:
                    throw new IllegalStateException("unknown kind " + entry.kind());
            }
        }
        final MetricSnapshots.Builder result = MetricSnapshots.builder();
        counters.values().forEach(b -> result.metricSnapshot(b.build()));
        gauges.values().forEach(b -> result.metricSnapshot(b.build()));
        histograms.values().forEach(b -> result.metricSnapshot(b.build()));
        summaries.values().forEach(b -> result.metricSnapshot(b.build()));
        return result.build();
    }

    private static void counter(final Map<String, CounterSnapshot.Builder> counters,
        final MetricsRegistry.Entry entry, final Labels labels, final double value)
    {
        counters.computeIfAbsent(entry.name(), n -> CounterSnapshot.builder().name(baseName(n)).help(entry.help()))
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build());
    }

    private static void counterArray(final Map<String, CounterSnapshot.Builder> counters,
        final MetricsRegistry.Entry entry)
    {
        final MetricsRegistry.CounterArray array = (MetricsRegistry.CounterArray)entry.metric();
        final AtomicLongArray values = array.values();
        for (int i = 0; i < values.length(); i++)
        {
            final long value = values.get(i);
            if (value != 0)
            {
                counter(counters, entry, entry.labels().add(array.labelName(), Integer.toString(i)), value);
            }
        }
    }

    private static String baseName(final String counterName)
    {
        return counterName.substring(0, counterName.length() - "_total".length());
    }

    private static void histogram(final Map<String, HistogramSnapshot.Builder> histograms,
        final MetricsRegistry.Entry entry, final long[] buckets)
    {
        final LatencyRecorder recorder = (LatencyRecorder)entry.metric();
        final long[] countAndSum = recorder.cumulativeBuckets(BUCKETS_NANOS, buckets);
        final long[] perBucket = new long[BUCKETS_NANOS.length + 1];
        final double[] bounds = new double[BUCKETS_NANOS.length + 1];
        for (int i = 0; i < BUCKETS_NANOS.length; i++)
        {
            bounds[i] = BUCKETS_SECONDS[i];
            perBucket[i] = i == 0 ? buckets[0] : buckets[i] - buckets[i - 1];
        }
        bounds[BUCKETS_NANOS.length] = Double.POSITIVE_INFINITY;
        perBucket[BUCKETS_NANOS.length] = countAndSum[0] - buckets[BUCKETS_NANOS.length - 1];
        histograms.computeIfAbsent(entry.name(), n -> HistogramSnapshot.builder().name(n).help(entry.help()))
            .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .labels(entry.labels())
                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, perBucket))
                .sum(countAndSum[1] / NANOS_PER_SECOND)
                .build());
    }

    private void window(final Map<String, SummarySnapshot.Builder> summaries, final MetricsRegistry.Entry entry,
        final long now)
    {
        final LatencyRecorder recorder = (LatencyRecorder)entry.metric();
        final LatencySnapshot window = recorder.windowSnapshot(now, registry.latencyWindowNanos());
        final double[] values = {window.p50(), window.p90(), window.p99(), window.p999(), window.max()};
        final Quantile[] quantiles = new Quantile[QUANTILES.length];
        for (int i = 0; i < QUANTILES.length; i++)
        {
            quantiles[i] = new Quantile(QUANTILES[i], window.count() == 0 ? Double.NaN : values[i] / NANOS_PER_SECOND);
        }
        summaries.computeIfAbsent(windowName(entry.name()), n -> SummarySnapshot.builder().name(n)
            .help(entry.help() + ", quantiles of the last " + registry.latencyWindowNanos() / 1_000_000 +
                " ms window"))
            .dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder()
                .labels(entry.labels())
                .quantiles(Quantiles.of(quantiles))
                .build());
    }

    private static void keyed(final Map<String, CounterSnapshot.Builder> counters,
        final Map<String, GaugeSnapshot.Builder> gauges, final MetricsRegistry.Entry entry)
    {
        final KeyedLongMetric keyed = (KeyedLongMetric)entry.metric();
        final String[] labelValues = keyed.labelValues();
        if (entry.kind() == MetricsRegistry.Kind.KEYED_COUNTER)
        {
            for (int i = 0; i < labelValues.length; i++)
            {
                counter(counters, entry, Labels.of(keyed.labelName(), labelValues[i]), keyed.valueAt(i));
            }
            return;
        }
        final GaugeSnapshot.Builder builder = gauges.computeIfAbsent(
            keyed.name(), n -> GaugeSnapshot.builder().name(n).help(keyed.help()));
        for (int i = 0; i < labelValues.length; i++)
        {
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of(keyed.labelName(), labelValues[i])).value(keyed.valueAt(i)).build());
        }
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
