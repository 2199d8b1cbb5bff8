package io.disruptorx.core.config;

/**
 * One invalid setting.
 *
 * @param key      the path, e.g. {@code bus.ring-size}.
 * @param value    what was found (rendered), or {@code <missing>}.
 * @param expected what would have been accepted.
 */
public record ConfigError(String key, String value, String expected)
{
    @Override
    public String toString()
    {
        return key + " = " + value + ": expected " + expected;
    }
}
