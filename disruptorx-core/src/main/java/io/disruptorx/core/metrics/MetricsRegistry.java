package io.disruptorx.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * The metrics of one process: counters, gauges, latency recorders and keyed business metrics, each with a name,
 * help text and fixed labels. Registration allocates and takes a lock; recording on the returned objects does
 * neither. {@link PrometheusCollector} exposes a registry.
 */
public final class MetricsRegistry
{
    /** Kinds of registered metric. */
    enum Kind
    {
        COUNTER, GAUGE, LATENCY, KEYED
    }

    /**
     * One registered series.
     *
     * @param kind   what it is.
     * @param name   family name.
     * @param help   help text.
     * @param labels fixed labels.
     * @param metric the Counter, LongSupplier, LatencyRecorder or KeyedLongMetric.
     */
    record Entry(Kind kind, String name, String help, Labels labels, Object metric)
    {
    }

    private final List<Entry> entries = new ArrayList<>();

    /**
     * @param name        family name, e.g. {@code dx_bus_rejected} (exposed with a {@code _total} suffix).
     * @param help        help text.
     * @param labelPairs  label name, value, name, value...
     * @return the counter to increment.
     */
    public Counter counter(final String name, final String help, final String... labelPairs)
    {
        final Counter counter = new Counter();
        add(new Entry(Kind.COUNTER, name, help, Labels.of(labelPairs), counter));
        return counter;
    }

    /**
     * Registers an existing counter, e.g. one owned by a topic.
     *
     * @param counter    the counter.
     * @param name       family name.
     * @param help       help text.
     * @param labelPairs label name, value...
     */
    public void register(final Counter counter, final String name, final String help, final String... labelPairs)
    {
        add(new Entry(Kind.COUNTER, name, help, Labels.of(labelPairs), counter));
    }

    /**
     * @param name       family name.
     * @param help       help text.
     * @param labelPairs label name, value...
     * @return the gauge to set.
     */
    public Gauge gauge(final String name, final String help, final String... labelPairs)
    {
        final Gauge gauge = new Gauge();
        add(new Entry(Kind.GAUGE, name, help, Labels.of(labelPairs), (LongSupplier) gauge::get));
        return gauge;
    }

    /**
     * A gauge read at scrape time from its owner, e.g. a ring's backlog.
     *
     * @param name       family name.
     * @param help       help text.
     * @param supplier   read on the scraping thread.
     * @param labelPairs label name, value...
     */
    public void gauge(final String name, final String help, final LongSupplier supplier, final String... labelPairs)
    {
        add(new Entry(Kind.GAUGE, name, help, Labels.of(labelPairs), supplier));
    }

    /**
     * @param name       family name, e.g. {@code dx_step_latency_nanos}.
     * @param help       help text.
     * @param labelPairs label name, value...
     * @return the recorder.
     */
    public LatencyRecorder latency(final String name, final String help, final String... labelPairs)
    {
        final LatencyRecorder recorder = new LatencyRecorder();
        add(new Entry(Kind.LATENCY, name, help, Labels.of(labelPairs), recorder));
        return recorder;
    }

    /**
     * Registers an existing recorder, e.g. a single-writer one owned by a ring handler.
     *
     * @param recorder   the recorder.
     * @param name       family name.
     * @param help       help text.
     * @param labelPairs label name, value...
     */
    public void register(final LatencyRecorder recorder, final String name, final String help,
        final String... labelPairs)
    {
        add(new Entry(Kind.LATENCY, name, help, Labels.of(labelPairs), recorder));
    }

    /**
     * @param name      family name.
     * @param help      help text.
     * @param labelName label carrying the key text.
     * @param capacity  maximum keys.
     * @return the keyed metric.
     */
    public KeyedLongMetric keyed(final String name, final String help, final String labelName, final int capacity)
    {
        final KeyedLongMetric metric = new KeyedLongMetric(name, help, labelName, capacity);
        add(new Entry(Kind.KEYED, name, help, Labels.EMPTY, metric));
        return metric;
    }

    private synchronized void add(final Entry entry)
    {
        for (final Entry existing : entries)
        {
            if (existing.name().equals(entry.name()) && existing.kind() != entry.kind())
            {
                throw new IllegalArgumentException("metric " + entry.name() + " already registered as "
                    + existing.kind());
            }
            if (existing.name().equals(entry.name()) && existing.labels().equals(entry.labels()))
            {
                throw new IllegalArgumentException("metric " + entry.name() + entry.labels() + " already registered");
            }
        }
        entries.add(entry);
    }

    synchronized List<Entry> entries()
    {
        return new ArrayList<>(entries);
    }
}
