package io.disruptorx.core.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * The metrics of one process: counters, gauges, latency recorders and keyed business metrics, each with a name,
 * help text and fixed labels. Registration allocates, takes a lock and checks the name against {@link MetricNames}
 * (a counter ends with {@code _total}, a latency with {@code _seconds}); recording on the returned objects does
 * neither. {@link PrometheusCollector} exposes a registry.
 * <p>
 * Latencies are recorded in nanoseconds and exposed twice: as a Prometheus histogram in seconds (cumulative, so rates
 * and percentiles aggregate across instances) and as quantiles of the last completed window
 * ({@link #latencyWindowNanos()}), so a dashboard sees current latency rather than the whole run's.
 */
public final class MetricsRegistry
{
    /** Default length of the window the latency quantiles cover. */
    public static final Duration DEFAULT_LATENCY_WINDOW = Duration.ofSeconds(5);

    /** Kinds of registered metric. */
    enum Kind
    {
        COUNTER, COUNTER_FUNCTION, GAUGE, LATENCY, KEYED_GAUGE, KEYED_COUNTER, COUNTER_ARRAY
    }

    /**
     * Counters kept by their owner in an array indexed by a small bounded id (commands per instrument id).
     *
     * @param labelName label carrying the index.
     * @param values    the counts, each only ever added to by its owner.
     */
    record CounterArray(String labelName, AtomicLongArray values)
    {
    }

    /**
     * One registered series.
     *
     * @param kind   what it is.
     * @param name   family name.
     * @param help   help text.
     * @param labels fixed labels.
     * @param metric the Counter, LongSupplier, LatencyRecorder or KeyedLongMetric.
     * @param scale  factor applied to a function's value when exposed (1, or 0.001 for milliseconds as seconds).
     */
    record Entry(Kind kind, String name, String help, Labels labels, Object metric, double scale)
    {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final long latencyWindowNanos;

    /**
     * A registry whose latency quantiles cover {@link #DEFAULT_LATENCY_WINDOW}.
     */
    public MetricsRegistry()
    {
        this(DEFAULT_LATENCY_WINDOW);
    }

    /**
     * @param latencyWindow what the exposed latency quantiles cover: the last completed window of this length.
     */
    public MetricsRegistry(final Duration latencyWindow)
    {
        if (latencyWindow.isNegative() || latencyWindow.isZero())
        {
            throw new IllegalArgumentException("latency window must be positive: " + latencyWindow);
        }
        this.latencyWindowNanos = latencyWindow.toNanos();
    }

    /**
     * @return the length of the window the latency quantiles cover, in nanoseconds.
     */
    public long latencyWindowNanos()
    {
        return latencyWindowNanos;
    }

    /**
     * @param name        family name ending with {@code _total}, e.g. {@code dx_bus_rejected_total}.
     * @param help        help text.
     * @param labelPairs  label name, value, name, value...
     * @return the counter to increment.
     */
    public Counter counter(final String name, final String help, final String... labelPairs)
    {
        final Counter counter = new Counter();
        register(counter, name, help, labelPairs);
        return counter;
    }

    /**
     * Registers an existing counter, e.g. one owned by a topic.
     *
     * @param counter    the counter.
     * @param name       family name ending with {@code _total}.
     * @param help       help text.
     * @param labelPairs label name, value...
     */
    public void register(final Counter counter, final String name, final String help, final String... labelPairs)
    {
        MetricNames.checkCounter(name);
        add(new Entry(Kind.COUNTER, name, help, labels(labelPairs), counter, 1));
    }

    /**
     * A counter kept by its owner (a field it increments) and read at scrape time.
     *
     * @param name       family name ending with {@code _total}.
     * @param help       help text.
     * @param supplier   read on the scraping thread; must never decrease.
     * @param labelPairs label name, value...
     */
    public void counter(final String name, final String help, final LongSupplier supplier, final String... labelPairs)
    {
        counter(name, help, supplier, 1, labelPairs);
    }

    /**
     * A counter kept by its owner in another unit, exposed scaled (milliseconds as seconds: scale 0.001).
     *
     * @param name       family name ending with {@code _total}.
     * @param help       help text.
     * @param supplier   read on the scraping thread; must never decrease.
     * @param scale      factor applied to the value.
     * @param labelPairs label name, value...
     */
    public void counter(
        final String name, final String help, final LongSupplier supplier, final double scale,
        final String... labelPairs)
    {
        MetricNames.checkCounter(name);
        add(new Entry(Kind.COUNTER_FUNCTION, name, help, labels(labelPairs), supplier, scale));
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
        gauge(name, help, (LongSupplier)gauge::get, labelPairs);
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
        MetricNames.checkGauge(name);
        add(new Entry(Kind.GAUGE, name, help, labels(labelPairs), supplier, 1));
    }

    /**
     * @param name       family name ending with {@code _seconds}, e.g. {@code dx_stage_latency_seconds}.
     * @param help       help text.
     * @param labelPairs label name, value...
     * @return the recorder, fed nanoseconds.
     */
    public LatencyRecorder latency(final String name, final String help, final String... labelPairs)
    {
        final LatencyRecorder recorder = new LatencyRecorder();
        register(recorder, name, help, labelPairs);
        return recorder;
    }

    /**
     * Registers an existing recorder, e.g. a single-writer one owned by a ring handler.
     *
     * @param recorder   the recorder, fed nanoseconds.
     * @param name       family name ending with {@code _seconds}.
     * @param help       help text.
     * @param labelPairs label name, value...
     */
    public void register(final LatencyRecorder recorder, final String name, final String help,
        final String... labelPairs)
    {
        MetricNames.checkLatency(name);
        add(new Entry(Kind.LATENCY, name, help, labels(labelPairs), recorder, 1));
    }

    /**
     * A family of gauges keyed by a numeric id (PnL per strategy).
     *
     * @param name      family name.
     * @param help      help text.
     * @param labelName label carrying the key text.
     * @param capacity  maximum keys.
     * @return the keyed metric.
     */
    public KeyedLongMetric keyed(final String name, final String help, final String labelName, final int capacity)
    {
        MetricNames.checkGauge(name);
        return keyed(Kind.KEYED_GAUGE, name, help, labelName, capacity);
    }

    /**
     * A family of counters keyed by a numeric id (traded volume per instrument): only ever added to.
     *
     * @param name      family name ending with {@code _total}.
     * @param help      help text.
     * @param labelName label carrying the key text.
     * @param capacity  maximum keys.
     * @return the keyed metric.
     */
    public KeyedLongMetric keyedCounter(final String name, final String help, final String labelName,
        final int capacity)
    {
        MetricNames.checkCounter(name);
        return keyed(Kind.KEYED_COUNTER, name, help, labelName, capacity);
    }

    /**
     * A family of counters kept by their owner in an array indexed by a bounded id, one series per index whose count
     * is not zero (labelled with the index), read at scrape time: the owner adds without allocating, boxing or
     * registering anything per id (commands per instrument id, counted on the node's output path).
     *
     * @param name       family name ending with {@code _total}.
     * @param help       help text.
     * @param labelName  label carrying the index.
     * @param values     the counts; only ever increased.
     * @param labelPairs fixed labels: name, value...
     */
    public void counterArray(final String name, final String help, final String labelName,
        final AtomicLongArray values, final String... labelPairs)
    {
        MetricNames.checkCounter(name);
        MetricNames.checkLabel(labelName);
        add(new Entry(Kind.COUNTER_ARRAY, name, help, labels(labelPairs), new CounterArray(labelName, values), 1));
    }

    private KeyedLongMetric keyed(final Kind kind, final String name, final String help, final String labelName,
        final int capacity)
    {
        MetricNames.checkLabel(labelName);
        final KeyedLongMetric metric = new KeyedLongMetric(name, help, labelName, capacity);
        add(new Entry(kind, name, help, Labels.EMPTY, metric, 1));
        return metric;
    }

    private static Labels labels(final String... labelPairs)
    {
        for (int i = 0; i < labelPairs.length; i += 2)
        {
            MetricNames.checkLabel(labelPairs[i]);
        }
        return Labels.of(labelPairs);
    }

    private synchronized void add(final Entry entry)
    {
        for (final Entry existing : entries)
        {
            if (existing.name().equals(entry.name()) && existing.kind() != entry.kind() &&
                !(counterLike(existing.kind()) && counterLike(entry.kind())))
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

    private static boolean counterLike(final Kind kind)
    {
        return kind == Kind.COUNTER || kind == Kind.COUNTER_FUNCTION || kind == Kind.COUNTER_ARRAY;
    }

    synchronized List<Entry> entries()
    {
        return new ArrayList<>(entries);
    }

    /**
     * @return how many series have been registered: entries are only ever added, so a reader that has seen this
     *     many has seen them all.
     */
    synchronized int size()
    {
        return entries.size();
    }
}
