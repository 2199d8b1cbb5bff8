package io.disruptorx.gateway.soupbintcp;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The ASCII fields of SoupBinTCP login packets: text padded with spaces on either side, and right-justified
 * numbers. Used at login only, so Strings are fine here.
 */
final class LoginFields
{
    private LoginFields()
    {
    }

    /**
     * @return the field without its padding spaces.
     */
    static String text(final DirectBuffer buffer, final int offset, final int length)
    {
        int start = offset;
        int end = offset + length;
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
     * @return the number, 0 for a blank field, -1 when the field is not a number.
     */
    static long number(final DirectBuffer buffer, final int offset, final int length)
    {
        long value = 0;
        boolean digits = false;
        for (int i = offset; i < offset + length; i++)
        {
            final byte c = buffer.getByte(i);
            if (c == ' ' && !digits)
            {
                continue;
            }
            if (c < '0' || c > '9' || value > (Long.MAX_VALUE - 9) / 10)
            {
                return -1;
            }
            digits = true;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Writes text right-justified, space-padded on the left.
     */
    static void putRight(final MutableDirectBuffer buffer, final int offset, final int length, final String text)
    {
        final int pad = length - text.length();
        for (int i = 0; i < pad; i++)
        {
            buffer.putByte(offset + i, (byte)' ');
        }
        for (int i = 0; i < text.length(); i++)
        {
            buffer.putByte(offset + pad + i, (byte)text.charAt(i));
        }
    }

    /**
     * Writes text left-justified, space-padded on the right.
     */
    static void putLeft(final MutableDirectBuffer buffer, final int offset, final int length, final String text)
    {
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(offset + i, (byte)(i < text.length() ? text.charAt(i) : ' '));
        }
    }
}
