package io.disruptorx.dashboard;

import io.disruptorx.core.text.JsonString;

/**
 * The little JSON the dashboard writes: numbers (NaN and infinities as {@code null}) and escaped strings.
 */
final class Json
{
    private Json()
    {
    }

    static StringBuilder number(final StringBuilder out, final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return out.append("null");
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return out.append((long)value);
        }
        return out.append(Math.round(value * 1000) / 1000.0);
    }

    static StringBuilder string(final StringBuilder out, final String value)
    {
        return JsonString.append(out, value);
    }
}
