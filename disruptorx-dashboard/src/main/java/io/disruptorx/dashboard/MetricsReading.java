package io.disruptorx.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.core.metrics.RegistryReader;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * One reading of a {@link MetricsRegistry}, as {@code /metrics} would show it (through {@link PrometheusCollector}),
 * looked up by series name: counters by their {@code _total} name, gauges, and the latency families' windowed
 * quantiles ({@code x_window_seconds}). A name absent from the registry reads as NaN (shown as null). Reads the
 * current values only, and only the families asked for ({@link RegistryReader}: no Prometheus model, no latency
 * histograms since start, no recorder drained nor function called for a family the page does not show), each family
 * once per reading, when it is first asked for: a value asked for twice in one reading is the same.
 */
final class MetricsReading
{
    private static final String SESSIONS_PREFIX = "dx_gateway_";

    private final RegistryReader reader;
    private final long nowNanos;
    private final Map<String, List<Series>> byName = new HashMap<>();

    private record Series(Labels labels, double value, double quantile)
    {
    }

    private MetricsReading(final RegistryReader reader, final long nowNanos)
    {
        this.reader = reader;
        this.nowNanos = nowNanos;
    }

    /**
     * @param reader the registry's reader (used by the reading's thread only).
     * @return the registry read now: each family when first asked for.
     */
    static MetricsReading of(final RegistryReader reader)
    {
        return new MetricsReading(reader, System.nanoTime());
    }

    private List<Series> named(final String name)
    {
        List<Series> series = byName.get(name);
        if (series == null)
        {
            final List<Series> read = new ArrayList<>();
            reader.read(name, nowNanos, (labels, value, quantile) -> read.add(new Series(labels, value, quantile)));
            series = read;
            byName.put(name, series);
        }
        return series;
    }

    private static String label(final Labels labels, final String name)
    {
        for (int i = 0; i < labels.size(); i++)
        {
            if (labels.getName(i).equals(name))
            {
                return labels.getValue(i);
            }
        }
        return null;
    }

    /**
     * @param name a gauge or counter without labels.
     * @return its value, or NaN when there is none.
     */
    double value(final String name)
    {
        for (final Series s : named(name))
        {
            if (s.labels().isEmpty())
            {
                return s.value();
            }
        }
        return Double.NaN;
    }

    /**
     * @param name a gauge or counter family.
     * @return the sum over its label values, or NaN when there is none.
     */
    double sum(final String name)
    {
        double sum = Double.NaN;
        for (final Series s : named(name))
        {
            sum = (Double.isNaN(sum) ? 0 : sum) + s.value();
        }
        return sum;
    }

    /**
     * @param name     a windowed latency family.
     * @param stage    the {@code stage} label's value, or empty for a family without labels.
     * @param quantile 0.5, 0.9, 0.99, 0.999 or 1.
     * @return the quantile in seconds, or NaN when there is none (or nothing was recorded in the window).
     */
    double quantile(final String name, final String stage, final double quantile)
    {
        for (final Series s : named(name))
        {
            if (s.quantile() == quantile &&
                (stage.isEmpty() ? s.labels().isEmpty() : stage.equals(label(s.labels(), "stage"))))
            {
                return s.value();
            }
        }
        return Double.NaN;
    }

    /**
     * @param name  a gauge or counter family.
     * @param label a label name.
     * @param value the label's value.
     * @return the sum over the series with that label value, or NaN when there is none.
     */
    double sumWhere(final String name, final String label, final String value)
    {
        double sum = Double.NaN;
        for (final Series s : named(name))
        {
            if (value.equals(label(s.labels(), label)))
            {
                sum = (Double.isNaN(sum) ? 0 : sum) + s.value();
            }
        }
        return sum;
    }

    /**
     * @param name  a family.
     * @param label a label name.
     * @return that label's values in the family, in registration order.
     */
    Set<String> labelValues(final String name, final String label)
    {
        final Set<String> values = new LinkedHashSet<>();
        for (final Series s : named(name))
        {
            final String value = label(s.labels(), label);
            if (value != null)
            {
                values.add(value);
            }
        }
        return values;
    }

    /**
     * @param name  a family.
     * @param label a label name.
     * @return values by that label's value (summed over any other labels).
     */
    Map<String, Double> byLabel(final String name, final String label)
    {
        return byLabelWhere(name, label, null, null);
    }

    /**
     * @param name       a family.
     * @param label      a label name.
     * @param whereLabel another label, or null for every series.
     * @param whereValue the value that label must have.
     * @return values by {@code label}'s value (summed over any other labels) of the series with that other label's
     *     value.
     */
    Map<String, Double> byLabelWhere(
        final String name, final String label, final String whereLabel, final String whereValue)
    {
        final Map<String, Double> values = new LinkedHashMap<>();
        for (final Series s : named(name))
        {
            final String value = label(s.labels(), label);
            if (value != null && (whereLabel == null || whereValue.equals(label(s.labels(), whereLabel))))
            {
                values.merge(value, s.value(), Double::sum);
            }
        }
        return values;
    }

    /**
     * @return the gateways' session gauges ({@code dx_gateway_*sessions*}) by name and labels, e.g.
     * {@code dx_gateway_sessions{gateway="binary"}}.
     */
    Map<String, Double> sessions()
    {
        final Map<String, Double> values = new LinkedHashMap<>();
        for (final String name : reader.names())
        {
            if (!name.startsWith(SESSIONS_PREFIX) || !name.contains("sessions") || name.endsWith("_total"))
            {
                continue;
            }
            for (final Series s : named(name))
            {
                if (Double.isNaN(s.quantile()))
                {
                    final StringBuilder key = new StringBuilder(name);
                    for (int i = 0; i < s.labels().size(); i++)
                    {
                        key.append(i == 0 ? "{" : ",").append(s.labels().getName(i)).append("=\"")
                            .append(s.labels().getValue(i)).append('"');
                    }
                    values.put(s.labels().isEmpty() ? key.toString() : key.append('}').toString(), s.value());
                }
            }
        }
        return values;
    }
}
