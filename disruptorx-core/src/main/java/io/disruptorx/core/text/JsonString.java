package io.disruptorx.core.text;

/**
 * A JSON string as every writer of JSON here spells it (the dashboard, the JSON gateway, the audit log): in
 * double quotes, with {@code "} and {@code \} escaped by a backslash and control characters as {@code \}{@code uXXXX};
 * everything else as it is.
 */
public final class JsonString
{
    private JsonString()
    {
    }

    /**
     * @param out   where the string goes.
     * @param value the text.
     * @return {@code out}.
     */
    public static StringBuilder append(final StringBuilder out, final CharSequence value)
    {
        out.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
