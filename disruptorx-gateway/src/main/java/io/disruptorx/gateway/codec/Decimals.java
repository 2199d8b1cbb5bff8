package io.disruptorx.gateway.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Decimals at the edge and the engine's fixed-point units. A decimal is {@code mantissa x 10^exponent}; an
 * instrument's units are {@code value x 10^scale}. Conversion is exact or refused: a value with more decimal places
 * than the scale is {@link #PRECISION_LOSS}, never rounded; one whose units do not fit in a long is
 * {@link #OUT_OF_RANGE}. Nothing here allocates.
 */
public final class Decimals
{
    /** Result of a conversion that would drop non-zero digits. */
    public static final long PRECISION_LOSS = Long.MIN_VALUE;

    /** Result of a conversion whose units do not fit. */
    public static final long OUT_OF_RANGE = Long.MIN_VALUE + 1;

    /** Most decimal digits a long holds in full. */
    public static final int MAX_DIGITS = 18;

    private static final long[] POWERS = new long[MAX_DIGITS + 1];

    static
    {
        long power = 1;
        for (int i = 0; i <= MAX_DIGITS; i++)
        {
            POWERS[i] = power;
            power *= 10;
        }
    }

    private Decimals()
    {
    }

    /**
     * @param exponent 0 to 18.
     * @return 10 to that power.
     */
    public static long powerOfTen(final int exponent)
    {
        return POWERS[exponent];
    }

    /**
     * @param mantissa decimal mantissa.
     * @param exponent decimal exponent.
     * @param scale    decimal places of the units.
     * @return {@code mantissa x 10^(exponent + scale)} exactly, or {@link #PRECISION_LOSS} or {@link #OUT_OF_RANGE}.
     */
    public static long toUnits(final long mantissa, final int exponent, final int scale)
    {
        if (mantissa <= OUT_OF_RANGE)
        {
            return OUT_OF_RANGE;
        }
        if (mantissa == 0)
        {
            return 0;
        }
        final int shift = exponent + scale;
        if (shift == 0)
        {
            return mantissa;
        }
        if (shift > 0)
        {
            if (shift > MAX_DIGITS)
            {
                return OUT_OF_RANGE;
            }
            final long factor = POWERS[shift];
            final long bound = Long.MAX_VALUE / factor;
            return mantissa > bound || mantissa < -bound ? OUT_OF_RANGE : mantissa * factor;
        }
        if (-shift > MAX_DIGITS)
        {
            return PRECISION_LOSS;
        }
        final long divisor = POWERS[-shift];
        return mantissa % divisor != 0 ? PRECISION_LOSS : mantissa / divisor;
    }

    /**
     * @param units a conversion result.
     * @return whether it is a value rather than a failure.
     */
    public static boolean isValue(final long units)
    {
        return units > OUT_OF_RANGE;
    }

    /**
     * Parses ASCII decimal text such as {@code -12.50} or {@code 3}: an optional sign, digits, an optional point
     * followed by digits. No exponent, no grouping, at most 18 significant digits.
     *
     * @param buffer holding the text.
     * @param offset of the first character.
     * @param length of the text.
     * @param out    receives mantissa and exponent (trailing zeros of the fraction are kept).
     * @return whether the text is such a decimal.
     */
    public static boolean parse(final DirectBuffer buffer, final int offset, final int length, final MutableDecimal out)
    {
        int i = offset;
        final int end = offset + length;
        boolean negative = false;
        if (i < end && (buffer.getByte(i) == '-' || buffer.getByte(i) == '+'))
        {
            negative = buffer.getByte(i) == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        int significant = 0;
        for (; i < end; i++)
        {
            final byte c = buffer.getByte(i);
            if (c == '.' && fraction < 0)
            {
                fraction = 0;
                continue;
            }
            if (c < '0' || c > '9')
            {
                return false;
            }
            digits++;
            if (fraction >= 0)
            {
                fraction++;
            }
            if (mantissa != 0 || c != '0')
            {
                if (++significant > MAX_DIGITS)
                {
                    return false;
                }
            }
            mantissa = mantissa * 10 + (c - '0');
        }
        if (digits == 0 || fraction == 0)
        {
            return false;
        }
        out.set(negative ? -mantissa : mantissa, fraction < 0 ? 0 : -fraction);
        return true;
    }

    /**
     * Writes units as ASCII decimal text with exactly {@code scale} decimal places ({@code 1250} at scale 2 is
     * {@code 12.50}).
     *
     * @param units  value in units.
     * @param scale  decimal places, 0 to 18.
     * @param buffer destination.
     * @param offset where to write.
     * @return characters written.
     */
    public static int format(final long units, final int scale, final MutableDirectBuffer buffer, final int offset)
    {
        int position = offset;
        long value = units;
        if (value < 0)
        {
            buffer.putByte(position++, (byte)'-');
        }
        final int digitsStart = position;
        int written = 0;
        do
        {
            final long digit = Math.abs(value % 10);
            buffer.putByte(position++, (byte)('0' + digit));
            value /= 10;
            written++;
            if (written == scale)
            {
                buffer.putByte(position++, (byte)'.');
                if (value == 0)
                {
                    buffer.putByte(position++, (byte)'0');
                }
            }
        }
        while (value != 0 || written < scale);
        reverse(buffer, digitsStart, position - 1);
        return position - offset;
    }

    private static void reverse(final MutableDirectBuffer buffer, final int from, final int to)
    {
        int left = from;
        int right = to;
        while (left < right)
        {
            final byte swap = buffer.getByte(left);
            buffer.putByte(left++, buffer.getByte(right));
            buffer.putByte(right--, swap);
        }
    }
}
