package io.disruptorx.gateway.json;

/**
 * A client's own text (a parameter's name or value) as an error message quotes it: at most
 * {@link #MAX_QUOTED} characters, cut with {@code ...}, so an answer never grows with what the client sent and
 * stays within what a strict JSON reader of the answer accepts.
 */
final class ClientText
{
    /** The most characters of a client's text an error message quotes. */
    static final int MAX_QUOTED = 64;

    private ClientText()
    {
    }

    /**
     * @param text what the client sent.
     * @return {@code text}, or its first {@link #MAX_QUOTED} characters followed by {@code ...}.
     */
    static String cut(final String text)
    {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }
}
