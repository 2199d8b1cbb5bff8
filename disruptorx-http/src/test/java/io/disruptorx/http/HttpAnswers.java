package io.disruptorx.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what an {@link HttpServer} wrote on one connection as a client would, and refuses anything that is not a
 * sequence of whole, well-formed HTTP/1.1 responses, followed (after a {@code 101 Switching Protocols}) by whole,
 * well-formed WebSocket frames from a server: a status line {@code HTTP/1.1 NNN reason}, header lines
 * {@code token: value} of printable characters (so no client text split a header), one {@code Content-Length} on every
 * final response and exactly that many body bytes (none after a {@code HEAD}, which this reader cannot tell apart
 * but by what follows), unmasked frames with no reserved bits and a known opcode, close frames with a code, text in
 * UTF-8.
 */
final class HttpAnswers
{
    private static final byte[] STATUS_PREFIX = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEAD_BYTES = 4096;

    /**
     * One response.
     *
     * @param status      its status code.
     * @param headers     its headers by lower-case name.
     * @param body        its body (empty for a {@code HEAD}).
     * @param closes      whether it says {@code Connection: close}.
     */
    record Answer(int status, Map<String, String> headers, byte[] body, boolean closes)
    {
        String contentType()
        {
            return headers.getOrDefault("content-type", "");
        }
    }

    /**
     * All that was read.
     *
     * @param answers    the responses, in order.
     * @param frames     WebSocket frames after an upgrade.
     * @param closeFrame whether the last frame was a close frame.
     */
    record Reading(List<Answer> answers, int frames, boolean closeFrame)
    {
        Answer last()
        {
            return answers.isEmpty() ? null : answers.get(answers.size() - 1);
        }
    }

    private HttpAnswers()
    {
    }

    /**
     * @param bytes  what was read.
     * @param length how many of them.
     * @return the responses and frames.
     * @throws AssertionError naming the offset and the fault when the bytes are not well-formed answers.
     */
    static Reading read(final byte[] bytes, final int length)
    {
        final List<Answer> answers = new ArrayList<>();
        int position = 0;
        boolean upgraded = false;
        int frames = 0;
        boolean closeFrame = false;
        while (position < length)
        {
            if (upgraded)
            {
                final int frameType = bytes[position] & 0x0F;
                position = frame(bytes, position, length);
                frames++;
                closeFrame = frameType == 0x8;
                continue;
            }
            final int headEnd = headEnd(bytes, position, length);
            final String[] lines = new String(bytes, position, headEnd - position, StandardCharsets.ISO_8859_1)
                .split("\r\n", -1);
            final int status = statusOf(lines[0], position);
            final Map<String, String> headers = headers(lines, position);
            int bodyStart = headEnd + 4;
            byte[] body = new byte[0];
            if (status == 101)
            {
                upgraded = true;
            }
            else if (status >= 200)
            {
                final int contentLength = contentLength(headers, position);
                if (fits(bytes, bodyStart + contentLength, length))
                {
                    body = Arrays.copyOfRange(bytes, bodyStart, bodyStart + contentLength);
                    bodyStart += contentLength;
                }
                else if (!fits(bytes, bodyStart, length))
                {
                    throw new AssertionError("at " + position + ": a " + status + " whose body is not " +
                        contentLength + " bytes (nor none, as after a HEAD): " + preview(bytes, position, length));
                }
            }
            answers.add(new Answer(status, headers, body,
                "close".equalsIgnoreCase(headers.getOrDefault("connection", ""))));
            position = bodyStart;
        }
        return new Reading(answers, frames, closeFrame);
    }

    /**
     * @return whether a response may end at {@code end}: the end of what was read, or the start of another.
     */
    private static boolean fits(final byte[] bytes, final int end, final int length)
    {
        return end == length || end < length && startsWith(bytes, end, length, STATUS_PREFIX);
    }

    private static int headEnd(final byte[] bytes, final int position, final int length)
    {
        for (int i = position; i + 3 < length && i - position < MAX_HEAD_BYTES; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }
        throw new AssertionError("at " + position + ": no whole response head: " + preview(bytes, position, length));
    }

    private static int statusOf(final String line, final int position)
    {
        if (!line.matches("HTTP/1\\.1 [1-5][0-9][0-9] [\\x20-\\x7E]*"))
        {
            throw new AssertionError("at " + position + ": not a status line: " + line);
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    private static Map<String, String> headers(final String[] lines, final int position)
    {
        final Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++)
        {
            if (!lines[i].matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+: [\\x20-\\x7E]*"))
            {
                throw new AssertionError("at " + position + ": not a header line: " + lines[i]);
            }
            final int colon = lines[i].indexOf(':');
            final String name = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
            if (headers.put(name, lines[i].substring(colon + 2)) != null)
            {
                throw new AssertionError("at " + position + ": header " + name + " twice");
            }
        }
        return headers;
    }

    private static int contentLength(final Map<String, String> headers, final int position)
    {
        final String value = headers.get("content-length");
        if (value == null || !value.matches("[0-9]{1,9}"))
        {
            throw new AssertionError("at " + position + ": a final response without a Content-Length: " + headers);
        }
        return Integer.parseInt(value);
    }

    /**
     * @return the offset after one whole frame from the server.
     */
    private static int frame(final byte[] bytes, final int position, final int length)
    {
        if (position + 2 > length)
        {
            throw new AssertionError("at " + position + ": half a frame header");
        }
        final int first = bytes[position] & 0xFF;
        final int second = bytes[position + 1] & 0xFF;
        final int opcode = first & 0x0F;
        if ((first & 0x70) != 0 || (second & 0x80) != 0 || !(opcode == 1 || opcode == 2 || opcode >= 8 && opcode <= 10))
        {
            throw new AssertionError("at " + position + ": not a server's frame: " + Integer.toHexString(first) + " " +
                Integer.toHexString(second));
        }
        int header = 2;
        long payload = second & 0x7F;
        if (payload == 126)
        {
            header = 4;
            payload = position + 4 <= length ? (bytes[position + 2] & 0xFFL) << 8 | bytes[position + 3] & 0xFFL : -1;
        }
        else if (payload == 127)
        {
            header = 10;
            payload = position + 10 <= length ? ByteBuffer.wrap(bytes, position + 2, 8).getLong() : -1;
        }
        if (payload < 0 || position + header + payload > length)
        {
            throw new AssertionError("at " + position + ": a frame cut short");
        }
        final int start = position + header;
        final int end = (int)(start + payload);
        if (opcode == 8 && payload == 1)
        {
            throw new AssertionError("at " + position + ": a close frame with one byte");
        }
        if (opcode == 1 || opcode == 8 && payload > 2)
        {
            utf8(bytes, opcode == 1 ? start : start + 2, end, position);
        }
        return end;
    }

    private static void utf8(final byte[] bytes, final int start, final int end, final int position)
    {
        try
        {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, start, end - start));
        }
        catch (final CharacterCodingException ex)
        {
            throw new AssertionError("at " + position + ": a frame's text is not UTF-8", ex);
        }
    }

    private static boolean startsWith(final byte[] bytes, final int position, final int length, final byte[] prefix)
    {
        if (position + prefix.length > length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (bytes[position + i] != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    static String preview(final byte[] bytes, final int position, final int length)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = position; i < Math.min(length, position + 200); i++)
        {
            final int b = bytes[i] & 0xFF;
            text.append(b >= 0x20 && b < 0x7F ? String.valueOf((char)b) : String.format("\\x%02x", b));
        }
        return text.toString();
    }
}
