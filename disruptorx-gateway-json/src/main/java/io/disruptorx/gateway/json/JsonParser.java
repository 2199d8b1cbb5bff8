package io.disruptorx.gateway.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser of the edge's flat JSON messages: one object whose values are strings, numbers, booleans, null
 * or (down to {@link #MAX_DEPTH}) objects of the same; no arrays, unless asked for ({@link #parseObject(String,
 * boolean)}: then flat arrays of at most {@link #MAX_MEMBERS} scalars). It is edge code facing anyone, so it is
 * bounded:
 * nesting, members per object and string lengths have limits, a key may not repeat, nothing may follow the object,
 * and it never recurses deeper than {@link #MAX_DEPTH}. Every failure is an {@link ApiException} with a precise
 * code: {@link ApiError#ILLEGAL_CHARS} for what is not such JSON, {@link ApiError#TOO_MANY_PARAMETERS} for a repeated
 * key or too many members.
 */
public final class JsonParser
{
    /** Objects nest at most this deep (a WebSocket request's {@code params} is depth 2). */
    public static final int MAX_DEPTH = 2;
    /** Members of one object at most. */
    public static final int MAX_MEMBERS = 32;
    /** Characters of one string or number at most. */
    public static final int MAX_TEXT = 512;

    private final String text;
    private final boolean arrays;
    private int position;

    private JsonParser(final String text, final boolean arrays)
    {
        this.text = text;
        this.arrays = arrays;
    }

    /**
     * @param text a JSON document.
     * @return its top-level object's members.
     * @throws ApiException when it is not a JSON object within the limits.
     */
    public static Map<String, JsonValue> parseObject(final String text)
    {
        return parseObject(text, false);
    }

    /**
     * @param text   a JSON document.
     * @param arrays whether values may be flat arrays of scalars ({@link JsonValue.Kind#ARRAY}).
     * @return its top-level object's members.
     * @throws ApiException when it is not a JSON object within the limits.
     */
    public static Map<String, JsonValue> parseObject(final String text, final boolean arrays)
    {
        final JsonParser parser = new JsonParser(text, arrays);
        parser.skipSpace();
        final Map<String, JsonValue> members = parser.object(1);
        parser.skipSpace();
        if (parser.position != text.length())
        {
            throw parser.malformed("unexpected characters after the object");
        }
        return members;
    }

    private Map<String, JsonValue> object(final int depth)
    {
        expect('{');
        final Map<String, JsonValue> members = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}')
        {
            position++;
            return members;
        }
        while (true)
        {
            skipSpace();
            final String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            final JsonValue value = value(depth);
            if (members.put(key, value) != null)
            {
                throw new ApiException(ApiError.TOO_MANY_PARAMETERS, "Duplicate field '" + key + "'.");
            }
            if (members.size() > MAX_MEMBERS)
            {
                throw new ApiException(ApiError.TOO_MANY_PARAMETERS, "More than " + MAX_MEMBERS + " fields.");
            }
            skipSpace();
            final char next = next();
            if (next == '}')
            {
                return members;
            }
            if (next != ',')
            {
                throw malformed("expected , or }");
            }
        }
    }

    private JsonValue value(final int depth)
    {
        final char c = peek();
        switch (c)
        {
            case '"':
                return new JsonValue(JsonValue.Kind.STRING, string(), null);
            case '{':
                if (depth >= MAX_DEPTH)
                {
                    throw malformed("objects nest at most " + MAX_DEPTH + " deep");
                }
                return new JsonValue(JsonValue.Kind.OBJECT, null, object(depth + 1));
            case '[':
                if (!arrays || depth < 0)
                {
                    throw malformed(arrays ? "arrays may hold only strings, numbers, booleans and null" :
                        "arrays are not accepted");
                }
                return new JsonValue(JsonValue.Kind.ARRAY, null, null, array());
            case 't':
                literal("true");
                return new JsonValue(JsonValue.Kind.BOOLEAN, "true", null);
            case 'f':
                literal("false");
                return new JsonValue(JsonValue.Kind.BOOLEAN, "false", null);
            case 'n':
                literal("null");
                return new JsonValue(JsonValue.Kind.NULL, null, null);
            default:
                return new JsonValue(JsonValue.Kind.NUMBER, number(), null);
        }
    }

    private List<JsonValue> array()
    {
        expect('[');
        final List<JsonValue> elements = new ArrayList<>();
        skipSpace();
        if (peek() == ']')
        {
            position++;
            return elements;
        }
        while (true)
        {
            skipSpace();
            if (peek() == '{')
            {
                throw malformed("arrays may hold only strings, numbers, booleans and null");
            }
            elements.add(value(-1));
            if (elements.size() > MAX_MEMBERS)
            {
                throw new ApiException(ApiError.TOO_MANY_PARAMETERS, "More than " + MAX_MEMBERS + " elements.");
            }
            skipSpace();
            final char next = next();
            if (next == ']')
            {
                return elements;
            }
            if (next != ',')
            {
                throw malformed("expected , or ]");
            }
        }
    }

    private String number()
    {
        final int start = position;
        if (peek() == '-')
        {
            position++;
        }
        if (peek() == '0')
        {
            position++;
        }
        else
        {
            digits();
        }
        if (peek() == '.')
        {
            position++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E')
        {
            position++;
            if (peek() == '+' || peek() == '-')
            {
                position++;
            }
            digits();
        }
        if (position - start > MAX_TEXT)
        {
            throw malformed("a number longer than " + MAX_TEXT + " characters");
        }
        return text.substring(start, position);
    }

    private void digits()
    {
        final int start = position;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9')
        {
            position++;
        }
        if (position == start)
        {
            throw malformed("expected a value");
        }
    }

    private String string()
    {
        expect('"');
        final StringBuilder out = new StringBuilder();
        while (true)
        {
            final char c = next();
            if (c == '"')
            {
                return out.toString();
            }
            if (c < 0x20)
            {
                throw malformed("a control character in a string");
            }
            if (c == '\\')
            {
                out.append(escape());
            }
            else
            {
                out.append(c);
            }
            if (out.length() > MAX_TEXT)
            {
                throw malformed("a string longer than " + MAX_TEXT + " characters");
            }
        }
    }

    private char escape()
    {
        final char c = next();
        switch (c)
        {
            case '"':
            case '\\':
            case '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (position + 4 > text.length())
                {
                    throw malformed("a truncated \\u escape");
                }
                int value = 0;
                for (int i = 0; i < 4; i++)
                {
                    final int digit = Character.digit(text.charAt(position++), 16);
                    if (digit < 0)
                    {
                        throw malformed("a bad \\u escape");
                    }
                    value = value * 16 + digit;
                }
                return (char)value;
            default:
                throw malformed("a bad escape");
        }
    }

    private void literal(final String word)
    {
        if (!text.startsWith(word, position))
        {
            throw malformed("expected a value");
        }
        position += word.length();
    }

    private void expect(final char c)
    {
        if (next() != c)
        {
            throw malformed("expected " + c);
        }
    }

    private char next()
    {
        if (position >= text.length())
        {
            throw malformed("unexpected end");
        }
        return text.charAt(position++);
    }

    private char peek()
    {
        return position < text.length() ? text.charAt(position) : 0;
    }

    private void skipSpace()
    {
        while (position < text.length())
        {
            final char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                return;
            }
            position++;
        }
    }

    private ApiException malformed(final String what)
    {
        return new ApiException(ApiError.ILLEGAL_CHARS, "Malformed JSON at character " + position + ": " + what + ".");
    }
}
