package io.disruptorx.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * Reads a {@link MetricsRegistry}'s current values one family at a time, as
 * {@link PrometheusCollector#collectCurrent()} exposes them (the same family names, labels, values and order of
 * series within a family) but without building the Prometheus model (builders, name and label validation,
 * snapshots), and only the families asked for: a gauge's
 * function is called, a latency recorder drained into its window, only when its family is read. For a reader that
 * shows a few families now and then (the dashboard's once-a-second reading), where {@code collectCurrent()} reads
 * and models every series of the registry.
 * <p>
 * Family names as exposed: a counter's {@code x_total}, a gauge's {@code x}, a latency recorder's windowed quantiles
 * {@code x_window_seconds} ({@link PrometheusCollector#windowName}), five series per recorder: the quantiles 0.5,
 * 0.9, 0.99, 0.999 and 1 (the maximum) of the last completed window, in seconds, NaN when nothing was recorded in it.
 * The entries are indexed by name once, and again only for those registered since. Used by one thread; it allocates
 * (a family's series), the recording side does not.
 */
public final class RegistryReader
{
    private static final double NANOS_PER_SECOND = 1e9;

    private final MetricsRegistry registry;
    private final Map<String, List<MetricsRegistry.Entry>> byName = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Point> points = new ArrayList<>();
    private int indexed;

    /** Receives a family's series. */
    @FunctionalInterface
    public interface SeriesConsumer
    {
        /**
         * @param labels   the series' labels.
         * @param value    its value (a quantile in seconds, NaN when nothing was recorded in the window).
         * @param quantile the quantile of a latency's windowed series (0.5, 0.9, 0.99, 0.999 or 1), NaN for a counter
         *                 or a gauge.
         */
        void accept(Labels labels, double value, double quantile);
    }

    private record Point(Labels labels, double value, double quantile)
    {
    }

    /**
     * @param registry the metrics to read.
     */
    public RegistryReader(final MetricsRegistry registry)
    {
        this.registry = registry;
    }

    /**
     * @return the families' names as exposed, in the order they were first registered (a copy).
     */
    public List<String> names()
    {
        index();
        return List.copyOf(names);
    }

    /**
     * Reads one family now: gives its series to {@code consumer} in the order {@code collectCurrent()} has them
     * (sorted by labels); nothing when the registry has no such family.
     *
     * @param name     the family's name as exposed.
     * @param nowNanos the time ({@link System#nanoTime()}) at which latency windows are read.
     * @param consumer receives each series.
     */
    public void read(final String name, final long nowNanos, final SeriesConsumer consumer)
    {
        index();
        final List<MetricsRegistry.Entry> entries = byName.get(name);
        if (entries == null)
        {
            return;
        }
        points.clear();
        for (final MetricsRegistry.Entry entry : entries)
        {
            expand(entry, nowNanos);
        }
        boolean sorted = true;
        for (int i = 1; i < points.size() && sorted; i++)
        {
            sorted = points.get(i - 1).labels().compareTo(points.get(i).labels()) <= 0;
        }
        if (!sorted)
        {
            points.sort((a, b) -> a.labels().compareTo(b.labels()));
        }
        for (final Point point : points)
        {
            consumer.accept(point.labels(), point.value(), point.quantile());
        }
        points.clear();
    }

    private void expand(final MetricsRegistry.Entry entry, final long nowNanos)
    {
        switch (entry.kind())
        {
            case COUNTER:
                add(entry.labels(), ((Counter)entry.metric()).get());
                break;
            case COUNTER_FUNCTION:
            case GAUGE:
                add(entry.labels(), ((LongSupplier)entry.metric()).getAsLong() * entry.scale());
                break;
            case LATENCY:
                window(entry, nowNanos);
                break;
            case COUNTER_ARRAY:
                final MetricsRegistry.CounterArray array = (MetricsRegistry.CounterArray)entry.metric();
                final AtomicLongArray values = array.values();
                for (int i = 0; i < values.length(); i++)
                {
                    final long value = values.get(i);
                    if (value != 0)
                    {
                        add(entry.labels().add(array.labelName(), Integer.toString(i)), value);
                    }
                }
                break;
            case KEYED_GAUGE:
            case KEYED_COUNTER:
                final KeyedLongMetric keyed = (KeyedLongMetric)entry.metric();
                final String[] labelValues = keyed.labelValues();
                for (int i = 0; i < labelValues.length; i++)
                {
                    add(Labels.of(keyed.labelName(), labelValues[i]), keyed.valueAt(i));
                }
                break;
            default:
                throw new IllegalStateException("unknown kind " + entry.kind());
        }
    }

    private void add(final Labels labels, final double value)
    {
        points.add(new Point(labels, value, Double.NaN));
    }

    private void window(final MetricsRegistry.Entry entry, final long nowNanos)
    {
        final LatencySnapshot window = ((LatencyRecorder)entry.metric())
            .windowSnapshot(nowNanos, registry.latencyWindowNanos());
        final boolean empty = window.count() == 0;
        final double[] quantiles = PrometheusCollector.QUANTILES;
        final long[] values = {window.p50(), window.p90(), window.p99(), window.p999(), window.max()};
        for (int i = 0; i < quantiles.length; i++)
        {
            points.add(new Point(entry.labels(), empty ? Double.NaN : values[i] / NANOS_PER_SECOND, quantiles[i]));
        }
    }

    private void index()
    {
        if (registry.size() == indexed)
        {
            return;
        }
        final List<MetricsRegistry.Entry> entries = registry.entries();
        for (int i = indexed; i < entries.size(); i++)
        {
            final MetricsRegistry.Entry entry = entries.get(i);
            final String name = exposedName(entry);
            byName.computeIfAbsent(name, n ->
            {
                names.add(n);
                return new ArrayList<>();
            }).add(entry);
        }
        indexed = entries.size();
    }

    private static String exposedName(final MetricsRegistry.Entry entry)
    {
        switch (entry.kind())
        {
            case LATENCY:
                return PrometheusCollector.windowName(entry.name());
            case KEYED_GAUGE:
                return ((KeyedLongMetric)entry.metric()).name();
            default:
                return entry.name();
        }
    }
}
