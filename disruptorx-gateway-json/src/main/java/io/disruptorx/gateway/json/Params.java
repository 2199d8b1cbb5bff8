package io.disruptorx.gateway.json;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import io.disruptorx.gateway.codec.Decimals;
import io.disruptorx.gateway.codec.MutableDecimal;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A request's parameters (query, form body or JSON object) with typed, checked access: every getter names the
 * parameter in its error. Strings and decimals must be JSON strings (or form text); integers JSON numbers (or form
 * text); a value of another JSON type is {@link ApiError#INVALID_PARAMETER}; a missing, empty or null mandatory
 * value {@link ApiError#MANDATORY_PARAM_EMPTY_OR_MALFORMED}; a parameter the endpoint does not take
 * {@link ApiError#UNKNOWN_PARAM}.
 */
final class Params
{
    private final Map<String, JsonValue> values;

    Params(final Map<String, JsonValue> values)
    {
        this.values = values;
    }

    Map<String, JsonValue> values()
    {
        return values;
    }

    /**
     * @param allowed the endpoint's parameters.
     * @return this.
     */
    Params only(final Set<String> allowed)
    {
        for (final String name : values.keySet())
        {
            if (!allowed.contains(name))
            {
                throw new ApiException(ApiError.UNKNOWN_PARAM,
                    "An unknown parameter was sent: '" + ClientText.cut(name) + "'.");
            }
        }
        return this;
    }

    boolean has(final String name)
    {
        final JsonValue value = values.get(name);
        return value != null && value.kind() != JsonValue.Kind.NULL;
    }

    String string(final String name)
    {
        final JsonValue value = present(name);
        if (value.kind() != JsonValue.Kind.STRING && value.kind() != JsonValue.Kind.TEXT)
        {
            throw wrongType(name, "a string");
        }
        if (value.text().isEmpty())
        {
            throw missing(name);
        }
        return value.text();
    }

    String string(final String name, final String otherwise)
    {
        return has(name) ? string(name) : otherwise;
    }

    long integer(final String name)
    {
        final JsonValue value = present(name);
        if (value.kind() != JsonValue.Kind.NUMBER && value.kind() != JsonValue.Kind.TEXT)
        {
            throw wrongType(name, "an integer");
        }
        final String text = value.text();
        if (text.isEmpty() || text.length() > 18)
        {
            throw wrongType(name, "an integer");
        }
        long result = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                throw wrongType(name, "a non-negative integer");
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    long integer(final String name, final long otherwise)
    {
        return has(name) ? integer(name) : otherwise;
    }

    /**
     * @param name a decimal parameter, e.g. {@code price}.
     * @param out  receives mantissa and exponent.
     */
    void decimal(final String name, final MutableDecimal out)
    {
        final JsonValue value = present(name);
        if (value.kind() != JsonValue.Kind.STRING && value.kind() != JsonValue.Kind.TEXT)
        {
            throw wrongType(name, "a decimal string such as \"99.50\"");
        }
        if (value.text().isEmpty())
        {
            throw missing(name);
        }
        final byte[] text = value.text().getBytes(StandardCharsets.US_ASCII);
        if (!Decimals.parse(new UnsafeBuffer(text), 0, text.length, out) || out.mantissa() < 0 ||
            text[0] == '+' || text[0] == '-')
        {
            throw new ApiException(ApiError.MANDATORY_PARAM_EMPTY_OR_MALFORMED,
                "Parameter '" + name + "' is not a decimal such as \"99.50\".");
        }
    }

    private JsonValue present(final String name)
    {
        final JsonValue value = values.get(name);
        if (value == null || value.kind() == JsonValue.Kind.NULL)
        {
            throw missing(name);
        }
        return value;
    }

    static ApiException missing(final String name)
    {
        return new ApiException(ApiError.MANDATORY_PARAM_EMPTY_OR_MALFORMED,
            "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
    }

    private static ApiException wrongType(final String name, final String expected)
    {
        return new ApiException(ApiError.INVALID_PARAMETER, "Parameter '" + name + "' must be " + expected + ".");
    }
}
