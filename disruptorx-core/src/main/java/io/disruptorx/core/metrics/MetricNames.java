package io.disruptorx.core.metrics;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming rules every registered metric follows, checked when it is registered so a wrong name fails at start-up
 * rather than in an operator's {@code promtool check metrics}:
 * <ul>
 *     <li>snake case: {@code [a-z][a-z0-9_]*}, no double or trailing underscore;</li>
 *     <li>a counter ends with {@code _total}; nothing else does;</li>
 *     <li>a latency (a histogram) ends with {@code _seconds}: it is recorded in nanoseconds and exposed in the base
 *         unit;</li>
 *     <li>units are spelled out and in base units ({@code _seconds}, {@code _bytes}): no {@code _ms}, {@code _ns},
 *         {@code _nanos}, {@code _millis}, {@code _nanoseconds}, no {@code _kb};</li>
 *     <li>no name ends with a suffix the exposition adds ({@code _count}, {@code _sum}, {@code _bucket},
 *         {@code _created}, {@code _info}).</li>
 * </ul>
 * Label names are snake case too.
 */
public final class MetricNames
{
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Set<String> ABBREVIATED_OR_NON_BASE_UNITS = Set.of(
        "s", "ms", "us", "ns", "sec", "secs", "msec", "usec", "nsec", "nanos", "micros", "millis",
        "milliseconds", "microseconds", "nanoseconds", "minutes", "hours", "days", "b", "kb", "mb", "gb", "tb",
        "kilobytes", "megabytes", "gigabytes", "kib", "mib", "gib");
    private static final String[] RESERVED_SUFFIXES = {"_count", "_sum", "_bucket", "_created", "_info"};

    private MetricNames()
    {
    }

    /**
     * @param name a counter's name.
     * @throws IllegalArgumentException when it breaks a rule, saying which.
     */
    public static void checkCounter(final String name)
    {
        checkCommon(name);
        if (!name.endsWith("_total"))
        {
            throw new IllegalArgumentException("counter " + name + " must end with _total");
        }
    }

    /**
     * @param name a gauge's name.
     * @throws IllegalArgumentException when it breaks a rule, saying which.
     */
    public static void checkGauge(final String name)
    {
        checkCommon(name);
        if (name.endsWith("_total"))
        {
            throw new IllegalArgumentException("gauge " + name + " must not end with _total (only counters do)");
        }
    }

    /**
     * @param name a latency histogram's name.
     * @throws IllegalArgumentException when it breaks a rule, saying which.
     */
    public static void checkLatency(final String name)
    {
        checkGauge(name);
        if (!name.endsWith("_seconds"))
        {
            throw new IllegalArgumentException("latency " + name + " must end with _seconds (recorded in "
                + "nanoseconds, exposed in seconds)");
        }
    }

    /**
     * @param labelName a label's name.
     * @throws IllegalArgumentException when it is not snake case or is reserved.
     */
    public static void checkLabel(final String labelName)
    {
        if (!SNAKE_CASE.matcher(labelName).matches() || "le".equals(labelName) || "quantile".equals(labelName))
        {
            throw new IllegalArgumentException("label " + labelName + " must be snake case and not le or quantile");
        }
    }

    private static void checkCommon(final String name)
    {
        if (name == null || !SNAKE_CASE.matcher(name).matches())
        {
            throw new IllegalArgumentException("metric " + name + " must be snake case: [a-z][a-z0-9_]*");
        }
        for (final String suffix : RESERVED_SUFFIXES)
        {
            if (name.endsWith(suffix))
            {
                throw new IllegalArgumentException("metric " + name + " must not end with " + suffix +
                    " (the exposition adds it)");
            }
        }
        for (final String part : name.split("_"))
        {
            if (ABBREVIATED_OR_NON_BASE_UNITS.contains(part))
            {
                throw new IllegalArgumentException("metric " + name + " names the unit '" + part +
                    "': spell base units out (_seconds, _bytes)");
            }
        }
    }
}
