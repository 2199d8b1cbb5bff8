package io.disruptorx.gateway.json;

/**
 * A client's own text (a parameter's name or value) as an error message quotes it: at most
 * {@link #MAX_QUOTED} characters, cut with {@code ...}, so an answer never grows with what the client sent and
 * stays within what a strict JSON reader of the answer accepts. Where an error answer is encoded, the whole message
 * is held to {@link #MAX_MESSAGE} characters ({@link #message}): a backstop for a quote that was not cut.
 */
final class ClientText
{
    /** The most characters of a client's text an error message quotes. */
    static final int MAX_QUOTED = 64;
    /** The most characters of an error message in an answer, {@code ...} included. */
    static final int MAX_MESSAGE = 256;

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

    /**
     * @param message an error message about to be encoded into an answer.
     * @return {@code message}, or its first characters followed by {@code ...}, {@link #MAX_MESSAGE} in all (never
     * splitting a surrogate pair).
     */
    static String message(final String message)
    {
        if (message.length() <= MAX_MESSAGE)
        {
            return message;
        }
        int end = MAX_MESSAGE - 3;
        if (Character.isHighSurrogate(message.charAt(end - 1)))
        {
            end--;
        }
        return message.substring(0, end) + "...";
    }
}
