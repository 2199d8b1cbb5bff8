package io.disruptorx.gateway.json;

import java.util.List;
import java.util.Map;

/**
 * One value of a parsed request: its JSON type and its text (a string's content unescaped, a number's literal,
 * {@code true}/{@code false}), or its members for an object. Form and query parameters are {@link Kind#TEXT}: they
 * have no JSON type and convert to what the field needs.
 *
 * @param kind     what it is.
 * @param text     the text, {@code null} for objects, arrays and null.
 * @param members  an object's members in order, {@code null} otherwise.
 * @param elements an array's elements in order (scalars only), {@code null} otherwise.
 */
public record JsonValue(Kind kind, String text, Map<String, JsonValue> members, List<JsonValue> elements)
{
    /**
     * The type of a value.
     */
    public enum Kind
    {
        /** A JSON string. */
        STRING,
        /** A JSON number. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** {@code null}. */
        NULL,
        /** A JSON object. */
        OBJECT,
        /** A form or query parameter: untyped text. */
        TEXT,
        /** A JSON array of scalars, where the parser was asked to take arrays. */
        ARRAY
    }

    /**
     * A value that is not an array.
     *
     * @param kind    what it is.
     * @param text    the text, {@code null} for objects and null.
     * @param members an object's members in order, {@code null} otherwise.
     */
    public JsonValue(final Kind kind, final String text, final Map<String, JsonValue> members)
    {
        this(kind, text, members, null);
    }

    /**
     * @param text a form or query parameter.
     * @return it as an untyped value.
     */
    public static JsonValue text(final String text)
    {
        return new JsonValue(Kind.TEXT, text, null);
    }
}
