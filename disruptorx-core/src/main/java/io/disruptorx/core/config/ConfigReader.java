package io.disruptorx.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;

/**
 * Typed, validating access to a parsed configuration. Each getter records a {@link ConfigError} instead of
 * throwing and returns a placeholder, so that one pass reports every problem; {@link #finish} throws them all.
 */
public final class ConfigReader
{
    private static final String MISSING = "<missing>";

    private final Config config;
    private final String source;
    private final List<ConfigError> errors = new ArrayList<>();

    /**
     * @param config parsed configuration.
     * @param source description for messages (file path).
     */
    public ConfigReader(final Config config, final String source)
    {
        this.config = config;
        this.source = source;
    }

    /**
     * @param key path.
     * @param min smallest accepted.
     * @param max largest accepted.
     * @return the value, or {@code min} after recording an error.
     */
    public int intIn(final String key, final int min, final int max)
    {
        return (int)longIn(key, min, max);
    }

    /**
     * @param key path.
     * @param min smallest accepted.
     * @param max largest accepted.
     * @return the value, or {@code min} after recording an error.
     */
    public long longIn(final String key, final long min, final long max)
    {
        final String expected = "an integer in [" + min + ", " + max + "]";
        final String raw = raw(key, expected);
        if (raw != null)
        {
            try
            {
                final long value = config.getLong(key);
                if (value >= min && value <= max)
                {
                    return value;
                }
            }
            catch (final ConfigException ex)
            {
                // not a number: reported below like a number out of range
            }
            errors.add(new ConfigError(key, raw, expected));
        }
        return min;
    }

    /**
     * @param key path.
     * @param min smallest accepted, a power of two.
     * @param max largest accepted, a power of two.
     * @return the value, or {@code min} after recording an error.
     */
    public int powerOfTwoIn(final String key, final int min, final int max)
    {
        final String expected = "a power of two in [" + min + ", " + max + "]";
        final int before = errors.size();
        final int value = intIn(key, min, max);
        if (errors.size() > before)
        {
            errors.set(errors.size() - 1, new ConfigError(key, errors.get(errors.size() - 1).value(), expected));
            return min;
        }
        if (Integer.bitCount(value) != 1)
        {
            errors.add(new ConfigError(key, Integer.toString(value), expected));
            return min;
        }
        return value;
    }

    /**
     * @param key path; accepts HOCON durations such as {@code 50us}, {@code 2ms}, {@code 1s}.
     * @param min shortest accepted.
     * @param max longest accepted.
     * @return the value, or {@code min} after recording an error.
     */
    public Duration durationIn(final String key, final Duration min, final Duration max)
    {
        final String expected = "a duration in [" + human(min) + ", " + human(max) + "] such as 50us, 2ms, 1s";
        final String raw = raw(key, expected);
        if (raw != null)
        {
            try
            {
                final Duration value = config.getDuration(key);
                if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0)
                {
                    return value;
                }
            }
            catch (final ConfigException ex)
            {
                // not a duration: reported below like a duration out of range
            }
            errors.add(new ConfigError(key, raw, expected));
        }
        return min;
    }

    /**
     * @param key     path.
     * @param type    enum type; values match case-insensitively with {@code -} for {@code _}.
     * @param <T>     the enum.
     * @return the constant, or the first constant after recording an error.
     */
    public <T extends Enum<T>> T enumOf(final String key, final Class<T> type)
    {
        final T[] constants = type.getEnumConstants();
        final StringBuilder names = new StringBuilder("one of");
        for (final T constant : constants)
        {
            names.append(' ').append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        final String raw = raw(key, names.toString());
        if (raw == null)
        {
            return constants[0];
        }
        final String text = stringOrNull(key);
        final String normalised = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (final T constant : constants)
        {
            if (constant.name().equals(normalised))
            {
                return constant;
            }
        }
        errors.add(new ConfigError(key, raw, names.toString()));
        return constants[0];
    }

    /**
     * @param key path; HOCON's boolean spellings are accepted ({@code true}/{@code false}, {@code yes}/{@code no},
     *            {@code on}/{@code off}).
     * @return the value, or {@code false} after recording an error.
     */
    public boolean bool(final String key)
    {
        final String expected = "true or false";
        final String raw = raw(key, expected);
        if (raw == null)
        {
            return false;
        }
        try
        {
            return config.getBoolean(key);
        }
        catch (final ConfigException ex)
        {
            errors.add(new ConfigError(key, raw, expected));
            return false;
        }
    }

    /**
     * Records an error for every key in {@code given} that {@code known} does not have (a misspelt key, or a key
     * under a misspelt section), naming the closest known key when one is close.
     *
     * @param given the keys someone wrote.
     * @param known every valid key, for example the defaults.
     */
    public void rejectUnknownKeys(final Config given, final Config known)
    {
        final Map<String, ConfigValue> sorted = new TreeMap<>();
        for (final Map.Entry<String, ConfigValue> entry : given.entrySet())
        {
            sorted.put(entry.getKey(), entry.getValue());
        }
        final List<String> knownKeys = new ArrayList<>();
        for (final Map.Entry<String, ConfigValue> entry : known.entrySet())
        {
            knownKeys.add(entry.getKey());
        }
        knownKeys.sort(null);
        for (final Map.Entry<String, ConfigValue> entry : sorted.entrySet())
        {
            if (!known.hasPath(entry.getKey()))
            {
                final String closest = closest(entry.getKey(), knownKeys);
                errors.add(new ConfigError(entry.getKey(), entry.getValue().render(),
                    closest == null ? "a known key (see the defaults)" : "a known key: did you mean " + closest + "?"));
            }
        }
    }

    /**
     * @return the known key within a few edits of {@code key}, or {@code null}.
     */
    private static String closest(final String key, final List<String> knownKeys)
    {
        String best = null;
        int bestDistance = Math.max(3, key.length() / 4) + 1;
        for (final String candidate : knownKeys)
        {
            final int distance = editDistance(key, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int editDistance(final String a, final String b)
    {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * @param key path.
     * @return a non-blank string, or "" after recording an error.
     */
    public String nonBlank(final String key)
    {
        final String raw = raw(key, "a non-blank string");
        if (raw == null)
        {
            return "";
        }
        final String value = stringOrNull(key);
        if (value == null)
        {
            errors.add(new ConfigError(key, raw, "a non-blank string"));
            return "";
        }
        if (value.isBlank())
        {
            errors.add(new ConfigError(key, "\"" + value + "\"", "a non-blank string"));
        }
        return value;
    }

    /**
     * @return the value as a string, or {@code null} when it is an object or a list (a {@code .properties} file makes
     * {@code a.b} an object when it also has {@code a.b.c}), which the caller reports as an error.
     */
    private String stringOrNull(final String key)
    {
        try
        {
            return config.getString(key);
        }
        catch (final ConfigException ex)
        {
            return null;
        }
    }

    /**
     * @param key path.
     * @return true if present.
     */
    public boolean has(final String key)
    {
        return config.hasPath(key);
    }

    /**
     * Adds a cross-field error.
     *
     * @param key      the key to blame.
     * @param value    its value.
     * @param expected what would have been accepted.
     */
    public void reject(final String key, final String value, final String expected)
    {
        errors.add(new ConfigError(key, value, expected));
    }

    /**
     * @param result the bound value.
     * @param <T>    its type.
     * @return {@code result} if no error was recorded.
     * @throws ConfigValidationException listing every error.
     */
    public <T> T finish(final T result)
    {
        if (!errors.isEmpty())
        {
            throw new ConfigValidationException(source, errors);
        }
        return result;
    }

    private static String human(final Duration duration)
    {
        final long nanos = duration.toNanos();
        if (nanos % 1_000_000_000L == 0)
        {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0)
        {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos % 1_000L == 0)
        {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }

    private String raw(final String key, final String expected)
    {
        if (!config.hasPath(key))
        {
            errors.add(new ConfigError(key, MISSING, expected));
            return null;
        }
        return config.getValue(key).render();
    }
}
