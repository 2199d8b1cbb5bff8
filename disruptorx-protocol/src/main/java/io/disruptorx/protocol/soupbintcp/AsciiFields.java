package io.disruptorx.protocol.soupbintcp;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The space-padded ASCII fields of SoupBinTCP login packets. As the specification says and nassau
 * sends them: numeric fields are decimal digits right-justified and padded on the left with spaces; the session is
 * right-justified too; user name and password are left-justified and padded on the right. Numbers are read and
 * written without allocation; text is read as a {@code String}, which only a login needs.
 */
public final class AsciiFields
{
    private AsciiFields()
    {
    }

    /**
     * Reads a decimal number. Spaces may pad it on either side (right-justified as the specification has it, or
     * left-justified as some clients send it); a blank field is 0.
     *
     * @param buffer holder.
     * @param offset start of the field.
     * @param width  field width.
     * @return the number, or -1 when the field holds anything else (a sign, a space between digits, a number too
     * large for a long).
     */
    public static long parseNumber(final DirectBuffer buffer, final int offset, final int width)
    {
        final int end = offset + width;
        int i = offset;
        while (i < end && buffer.getByte(i) == ' ')
        {
            i++;
        }
        long value = 0;
        while (i < end && buffer.getByte(i) != ' ')
        {
            final byte b = buffer.getByte(i++);
            if (b < '0' || b > '9' || value > (Long.MAX_VALUE - (b - '0')) / 10)
            {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        while (i < end)
        {
            if (buffer.getByte(i++) != ' ')
            {
                return -1;
            }
        }
        return value;
    }

    /**
     * Writes a number right-justified, padded on the left with spaces.
     *
     * @param buffer destination.
     * @param offset start of the field.
     * @param width  field width (20 holds any long).
     * @param value  non-negative number.
     */
    public static void putNumber(final MutableDirectBuffer buffer, final int offset, final int width, final long value)
    {
        long remaining = value;
        for (int i = width - 1; i >= 0; i--)
        {
            if (remaining == 0 && i < width - 1)
            {
                buffer.putByte(offset + i, (byte)' ');
            }
            else
            {
                buffer.putByte(offset + i, (byte)('0' + remaining % 10));
                remaining /= 10;
            }
        }
    }

    /**
     * @param buffer holder.
     * @param offset start of the field.
     * @param width  field width.
     * @return the field without the spaces that pad it on either side (empty when blank).
     */
    public static String text(final DirectBuffer buffer, final int offset, final int width)
    {
        int start = offset;
        int end = offset + width;
        while (start < end && buffer.getByte(start) == ' ')
        {
            start++;
        }
        while (end > start && buffer.getByte(end - 1) == ' ')
        {
            end--;
        }
        return buffer.getStringWithoutLengthAscii(start, end - start);
    }

    /**
     * Writes text right-justified, padded on the left with spaces (the session field).
     *
     * @param buffer destination.
     * @param offset start of the field.
     * @param width  field width.
     * @param value  ASCII, at most {@code width} characters.
     */
    public static void putRight(final MutableDirectBuffer buffer, final int offset, final int width, final String value)
    {
        final int pad = width - value.length();
        for (int i = 0; i < width; i++)
        {
            buffer.putByte(offset + i, i < pad ? (byte)' ' : (byte)value.charAt(i - pad));
        }
    }

    /**
     * Writes text left-justified, padded on the right with spaces (user name, password).
     *
     * @param buffer destination.
     * @param offset start of the field.
     * @param width  field width.
     * @param value  ASCII, at most {@code width} characters.
     */
    public static void putLeft(final MutableDirectBuffer buffer, final int offset, final int width, final String value)
    {
        for (int i = 0; i < width; i++)
        {
            buffer.putByte(offset + i, i < value.length() ? (byte)value.charAt(i) : (byte)' ');
        }
    }
}
