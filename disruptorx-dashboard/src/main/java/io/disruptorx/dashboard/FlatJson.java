package io.disruptorx.dashboard;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the one kind of JSON the page sends the server: a flat object of string and integer members, such as
 * {@code {"action":"halt","instrument":3}}. Anything else (nesting, arrays, fractions, a member twice) is refused.
 */
final class FlatJson
{
    private static final int MAX_LENGTH = 4096;

    private final String text;
    private int at;

    private FlatJson(final String text)
    {
        this.text = text;
    }

    /**
     * @param text the request body.
     * @return its members (strings as String, integers as Long), or null when it is not such an object.
     */
    static Map<String, Object> parse(final String text)
    {
        if (text == null || text.length() > MAX_LENGTH)
        {
            return null;
        }
        try
        {
            return new FlatJson(text).object();
        }
        catch (final IllegalArgumentException | StringIndexOutOfBoundsException ex)
        {
            return null;
        }
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> members = new HashMap<>();
        expect('{');
        boolean more = peek() != '}';
        if (!more)
        {
            at++;
        }
        while (more)
        {
            final String name = string();
            expect(':');
            final Object value = peek() == '"' ? string() : integer();
            if (members.put(name, value) != null)
            {
                throw new IllegalArgumentException("member twice: " + name);
            }
            final char separator = next();
            if (separator != ',' && separator != '}')
            {
                throw new IllegalArgumentException("expected , or }");
            }
            more = separator == ',';
        }
        if (peek() != 0)
        {
            throw new IllegalArgumentException("text after the object");
        }
        return members;
    }

    private String string()
    {
        expect('"');
        final StringBuilder out = new StringBuilder();
        for (char c = text.charAt(at++); c != '"'; c = text.charAt(at++))
        {
            if (c == '\\')
            {
                final char escaped = text.charAt(at++);
                switch (escaped)
                {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'u' ->
                    {
                        out.append((char)Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw new IllegalArgumentException("escape \\" + escaped);
                }
            }
            else if (c < 0x20)
            {
                throw new IllegalArgumentException("control character in a string");
            }
            else
            {
                out.append(c);
            }
        }
        return out.toString();
    }

    private Long integer()
    {
        skipSpace();
        final int start = at;
        if (at < text.length() && text.charAt(at) == '-')
        {
            at++;
        }
        while (at < text.length() && Character.isDigit(text.charAt(at)))
        {
            at++;
        }
        if (at - start > 19 || at == start)
        {
            throw new IllegalArgumentException("not an integer");
        }
        return Long.parseLong(text.substring(start, at));
    }

    private void expect(final char c)
    {
        if (next() != c)
        {
            throw new IllegalArgumentException("expected " + c);
        }
    }

    private char next()
    {
        skipSpace();
        return at < text.length() ? text.charAt(at++) : 0;
    }

    private char peek()
    {
        skipSpace();
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void skipSpace()
    {
        while (at < text.length() && Character.isWhitespace(text.charAt(at)))
        {
            at++;
        }
    }
}
