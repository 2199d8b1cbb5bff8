package io.disruptorx.gateway.codec;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Textual client order ids (POE's 16-byte Order ID, FIX's ClOrdID) as the engine's {@code long} clientOrderId,
 * by a stateless, reversible encoding, so a gateway restart or a second gateway maps an id the same way:
 *
 * <ul>
 *     <li>1 to 10 characters of {@code [0-9A-Za-z]}: bijective base 62 (digit value + 1 per character), giving
 *     1 to {@link #BASE62_MAX}; {@code "7"}, {@code "07"} and {@code "007"} are three ids;</li>
 *     <li>otherwise 11 to 18 decimal digits without a leading zero: {@link #DECIMAL_TAG} plus the number;</li>
 *     <li>otherwise the form parity's own clients generate, {@code HH:MM:SS-NNNNNNN} (a time of day and a
 *     7-digit count): {@link #PARITY_TAG} plus {@code secondOfDay x 10^7 + count};</li>
 *     <li>anything else (longer, other characters, empty) does not fit and is refused with
 *     {@code INVALID_CLIENT_ORDER_ID}.</li>
 * </ul>
 *
 * Trailing spaces are padding (POE pads text fields with spaces) and are ignored. Every id produced is positive.
 * {@link #decode} turns any id in these two ranges back into its text; other longs (native clients may use any
 * positive long) have no text form.
 */
public final class ClientOrderIds
{
    /** The largest id of 1 to 10 base-62 characters ({@code "zzzzzzzzzz"}). */
    public static final long BASE62_MAX;

    /** Added to the value of an 11 to 18 digit decimal id. */
    public static final long DECIMAL_TAG = 1L << 60;

    /** Added to the value of a parity-style {@code HH:MM:SS-NNNNNNN} id. */
    public static final long PARITY_TAG = 1L << 61;

    /** Returned by {@link #encode} for text that does not fit. */
    public static final long INVALID = 0;

    /** Longest text {@link #decode} writes. */
    public static final int MAX_TEXT_LENGTH = 18;

    private static final int MAX_BASE62_LENGTH = 10;
    private static final int BASE = 62;
    private static final byte[] ALPHABET =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
    private static final long SMALLEST_DECIMAL = DECIMAL_TAG + Decimals.powerOfTen(MAX_BASE62_LENGTH);
    private static final long DECIMAL_END = DECIMAL_TAG + Decimals.powerOfTen(Decimals.MAX_DIGITS);
    private static final int PARITY_LENGTH = 16;
    private static final long PARITY_COUNTS = 10_000_000L;
    private static final long PARITY_END = PARITY_TAG + 86_400L * PARITY_COUNTS;

    static
    {
        long max = 0;
        for (int i = 0; i < MAX_BASE62_LENGTH; i++)
        {
            max = max * BASE + BASE;
        }
        BASE62_MAX = max;
    }

    private ClientOrderIds()
    {
    }

    /**
     * @param buffer holding the text.
     * @param offset of its first character.
     * @param length of the field (trailing spaces are dropped).
     * @return the id, or {@link #INVALID}.
     */
    public static long encode(final DirectBuffer buffer, final int offset, final int length)
    {
        int end = offset + length;
        while (end > offset && buffer.getByte(end - 1) == ' ')
        {
            end--;
        }
        final int textLength = end - offset;
        if (textLength == 0)
        {
            return INVALID;
        }
        if (textLength <= MAX_BASE62_LENGTH)
        {
            long value = 0;
            for (int i = offset; i < end; i++)
            {
                final int digit = digit(buffer.getByte(i));
                if (digit < 0)
                {
                    return INVALID;
                }
                value = value * BASE + digit + 1;
            }
            return value;
        }
        if (textLength == PARITY_LENGTH && buffer.getByte(offset + 2) == ':')
        {
            return parityStyle(buffer, offset);
        }
        if (textLength > Decimals.MAX_DIGITS || buffer.getByte(offset) == '0')
        {
            return INVALID;
        }
        long value = 0;
        for (int i = offset; i < end; i++)
        {
            final byte c = buffer.getByte(i);
            if (c < '0' || c > '9')
            {
                return INVALID;
            }
            value = value * 10 + (c - '0');
        }
        return DECIMAL_TAG + value;
    }

    /**
     * As {@link #encode(DirectBuffer, int, int)}, from an array (the same ids for the same bytes).
     *
     * @param bytes  holding the text.
     * @param offset of its first character.
     * @param length of the field (trailing spaces are dropped).
     * @return the id, or {@link #INVALID}.
     */
    public static long encode(final byte[] bytes, final int offset, final int length)
    {
        int end = offset + length;
        while (end > offset && bytes[end - 1] == ' ')
        {
            end--;
        }
        final int textLength = end - offset;
        if (textLength == 0)
        {
            return INVALID;
        }
        if (textLength <= MAX_BASE62_LENGTH)
        {
            long value = 0;
            for (int i = offset; i < end; i++)
            {
                final int digit = digit(bytes[i]);
                if (digit < 0)
                {
                    return INVALID;
                }
                value = value * BASE + digit + 1;
            }
            return value;
        }
        if (textLength == PARITY_LENGTH && bytes[offset + 2] == ':')
        {
            return parityStyle(bytes, offset);
        }
        if (textLength > Decimals.MAX_DIGITS || bytes[offset] == '0')
        {
            return INVALID;
        }
        long value = 0;
        for (int i = offset; i < end; i++)
        {
            final byte c = bytes[i];
            if (c < '0' || c > '9')
            {
                return INVALID;
            }
            value = value * 10 + (c - '0');
        }
        return DECIMAL_TAG + value;
    }

    /**
     * @param text an id as text.
     * @return the id, or {@link #INVALID}.
     */
    public static long encode(final CharSequence text)
    {
        final int length = text.length();
        if (length > MAX_TEXT_LENGTH)
        {
            return INVALID;
        }
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[length]);
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c > 127)
            {
                return INVALID;
            }
            scratch.putByte(i, (byte)c);
        }
        return encode(scratch, 0, length);
    }

    /**
     * @param id an id.
     * @return whether {@link #decode} has a text for it.
     */
    public static boolean hasText(final long id)
    {
        return (id > 0 && id <= BASE62_MAX) || (id >= SMALLEST_DECIMAL && id < DECIMAL_END) ||
            (id >= PARITY_TAG && id < PARITY_END);
    }

    /**
     * Writes the text of an id.
     *
     * @param id     an id for which {@link #hasText} holds.
     * @param buffer destination, with room for {@link #MAX_TEXT_LENGTH} characters.
     * @param offset where to write.
     * @return characters written, or -1 when the id has no text.
     */
    public static int decode(final long id, final MutableDirectBuffer buffer, final int offset)
    {
        if (!hasText(id))
        {
            return -1;
        }
        int position = offset;
        if (id <= BASE62_MAX)
        {
            long value = id;
            while (value > 0)
            {
                final long digit = (value - 1) % BASE;
                buffer.putByte(position++, ALPHABET[(int)digit]);
                value = (value - 1) / BASE;
            }
        }
        else if (id >= PARITY_TAG)
        {
            final long value = id - PARITY_TAG;
            final long second = value / PARITY_COUNTS;
            position = digits(value % PARITY_COUNTS, 7, buffer, position);
            buffer.putByte(position++, (byte)'-');
            position = digits(second % 60, 2, buffer, position);
            buffer.putByte(position++, (byte)':');
            position = digits(second / 60 % 60, 2, buffer, position);
            buffer.putByte(position++, (byte)':');
            position = digits(second / 3600, 2, buffer, position);
        }
        else
        {
            position = digits(id - DECIMAL_TAG, 1, buffer, position);
        }
        for (int left = offset, right = position - 1; left < right; left++, right--)
        {
            final byte swap = buffer.getByte(left);
            buffer.putByte(left, buffer.getByte(right));
            buffer.putByte(right, swap);
        }
        return position - offset;
    }

    /**
     * As {@link #decode(long, MutableDirectBuffer, int)}, into an array (the same text).
     *
     * @param id     an id for which {@link #hasText} holds.
     * @param bytes  destination, with room for {@link #MAX_TEXT_LENGTH} characters from {@code offset}.
     * @param offset where to write.
     * @return characters written, or -1 when the id has no text.
     */
    public static int decode(final long id, final byte[] bytes, final int offset)
    {
        if (!hasText(id))
        {
            return -1;
        }
        int position = offset;
        if (id <= BASE62_MAX)
        {
            long value = id;
            while (value > 0)
            {
                final long next = (value - 1) / BASE;
                bytes[position++] = ALPHABET[(int)(value - 1 - next * BASE)];
                value = next;
            }
        }
        else if (id >= PARITY_TAG)
        {
            final long value = id - PARITY_TAG;
            final long second = value / PARITY_COUNTS;
            position = digits(value % PARITY_COUNTS, 7, bytes, position);
            bytes[position++] = '-';
            position = digits(second % 60, 2, bytes, position);
            bytes[position++] = ':';
            position = digits(second / 60 % 60, 2, bytes, position);
            bytes[position++] = ':';
            position = digits(second / 3600, 2, bytes, position);
        }
        else
        {
            position = digits(id - DECIMAL_TAG, 1, bytes, position);
        }
        for (int left = offset, right = position - 1; left < right; left++, right--)
        {
            final byte swap = bytes[left];
            bytes[left] = bytes[right];
            bytes[right] = swap;
        }
        return position - offset;
    }

    /**
     * @param id an id.
     * @return its text, or its decimal value prefixed with {@code #} when it has none (for tools and logs).
     */
    public static String toText(final long id)
    {
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MAX_TEXT_LENGTH]);
        final int length = decode(id, scratch, 0);
        return length < 0 ? "#" + id : scratch.getStringWithoutLengthAscii(0, length);
    }

    /**
     * Writes a number's digits least significant first, at least {@code width} of them.
     */
    private static int digits(final long number, final int width, final MutableDirectBuffer buffer, final int from)
    {
        int position = from;
        long value = number;
        int written = 0;
        do
        {
            buffer.putByte(position++, (byte)('0' + value % 10));
            value /= 10;
            written++;
        }
        while (value > 0 || written < width);
        return position;
    }

    private static int digits(final long number, final int width, final byte[] bytes, final int from)
    {
        int position = from;
        long value = number;
        int written = 0;
        do
        {
            final long next = value / 10;
            bytes[position++] = (byte)('0' + value - next * 10);
            value = next;
            written++;
        }
        while (value > 0 || written < width);
        return position;
    }

    private static long parityStyle(final byte[] bytes, final int offset)
    {
        final int hours = twoDigits(bytes, offset);
        final int minutes = twoDigits(bytes, offset + 3);
        final int seconds = twoDigits(bytes, offset + 6);
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 ||
            bytes[offset + 5] != ':' || bytes[offset + 8] != '-')
        {
            return INVALID;
        }
        long count = 0;
        for (int i = offset + 9; i < offset + PARITY_LENGTH; i++)
        {
            final byte c = bytes[i];
            if (c < '0' || c > '9')
            {
                return INVALID;
            }
            count = count * 10 + (c - '0');
        }
        return PARITY_TAG + (hours * 3600L + minutes * 60L + seconds) * PARITY_COUNTS + count;
    }

    private static int twoDigits(final byte[] bytes, final int offset)
    {
        final byte tens = bytes[offset];
        final byte units = bytes[offset + 1];
        if (tens < '0' || tens > '9' || units < '0' || units > '9')
        {
            return -1;
        }
        return (tens - '0') * 10 + units - '0';
    }

    private static long parityStyle(final DirectBuffer buffer, final int offset)
    {
        final int hours = twoDigits(buffer, offset);
        final int minutes = twoDigits(buffer, offset + 3);
        final int seconds = twoDigits(buffer, offset + 6);
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 ||
            buffer.getByte(offset + 5) != ':' || buffer.getByte(offset + 8) != '-')
        {
            return INVALID;
        }
        long count = 0;
        for (int i = offset + 9; i < offset + PARITY_LENGTH; i++)
        {
            final byte c = buffer.getByte(i);
            if (c < '0' || c > '9')
            {
                return INVALID;
            }
            count = count * 10 + (c - '0');
        }
        return PARITY_TAG + (hours * 3600L + minutes * 60L + seconds) * PARITY_COUNTS + count;
    }

    private static int twoDigits(final DirectBuffer buffer, final int offset)
    {
        final byte tens = buffer.getByte(offset);
        final byte units = buffer.getByte(offset + 1);
        if (tens < '0' || tens > '9' || units < '0' || units > '9')
        {
            return -1;
        }
        return (tens - '0') * 10 + units - '0';
    }

    private static int digit(final byte c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z')
        {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z')
        {
            return c - 'a' + 36;
        }
        return -1;
    }
}
