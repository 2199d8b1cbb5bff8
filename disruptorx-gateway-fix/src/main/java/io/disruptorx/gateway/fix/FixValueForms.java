package io.disruptorx.gateway.fix;

import io.disruptorx.fix44.ExecInst;
import io.disruptorx.fix44.HandlInst;
import io.disruptorx.fix44.OrdType;
import io.disruptorx.fix44.Side;
import io.disruptorx.fix44.TimeInForce;
import uk.co.real_logic.artio.dictionary.CharArrayWrapper;

/**
 * The value forms {@link FixOrderDecoder} accepts, checked in place in its copy of the message: those Artio's
 * generated FIX 4.4 decoders accept (default codec validation) for the fields it reads, and no others. The
 * dictionary's single-character values of Side(54), OrdType(40), TimeInForce(59) and HandlInst(21); Y or N;
 * ExecInst(18) as the dictionary's characters separated by single spaces; numbers of 1 to 9 digits (BodyLength(9),
 * MsgSeqNum(34)); plain decimals ({@code 123}, {@code 0.5}) in Artio's {@code DecimalFloat} form. Which fields a
 * message may hold, and in what order, is the decoder's. Allocates nothing; gateway thread only.
 */
final class FixValueForms
{
    private static final int MAX_SEQUENCE_DIGITS = 9;
    private static final int MAX_DECIMAL_DIGITS = 18;
    private static final int MAX_DECIMAL_LENGTH = 32;

    private static final boolean[] SIDES = new boolean[128];
    private static final boolean[] ORD_TYPES = new boolean[128];
    private static final boolean[] TIMES_IN_FORCE = new boolean[128];
    private static final boolean[] HANDL_INSTS = new boolean[128];
    private static final boolean[] EXEC_INSTS = new boolean[128];

    static
    {
        final CharArrayWrapper wrapper = new CharArrayWrapper();
        final char[] one = new char[1];
        for (char c = 0; c < 128; c++)
        {
            SIDES[c] = Side.isValid(c);
            ORD_TYPES[c] = OrdType.isValid(c);
            TIMES_IN_FORCE[c] = TimeInForce.isValid(c);
            HANDL_INSTS[c] = HandlInst.isValid(c);
            one[0] = c;
            wrapper.wrap(one, 1);
            EXEC_INSTS[c] = ExecInst.isValid(wrapper);
        }
    }

    /** After {@link #decimal} returned {@code true}: its value and scale as Artio's {@code DecimalFloat} holds them. */
    long decimalValue;
    int decimalScale;
    /** After {@link #execInst} returned {@code true}: whether it held 6 (ParticipateDontInitiate: post only). */
    boolean participateDontInitiate;

    private final byte[] bytes;

    /**
     * @param bytes the array the values are read from; the methods take offsets and lengths into it.
     */
    FixValueForms(final byte[] bytes)
    {
        this.bytes = bytes;
    }

    boolean isSide(final int valueOffset, final int valueLength)
    {
        return oneOf(SIDES, valueOffset, valueLength);
    }

    boolean isOrdType(final int valueOffset, final int valueLength)
    {
        return oneOf(ORD_TYPES, valueOffset, valueLength);
    }

    boolean isTimeInForce(final int valueOffset, final int valueLength)
    {
        return oneOf(TIMES_IN_FORCE, valueOffset, valueLength);
    }

    boolean isHandlInst(final int valueOffset, final int valueLength)
    {
        return oneOf(HANDL_INSTS, valueOffset, valueLength);
    }

    private boolean oneOf(final boolean[] valid, final int valueOffset, final int valueLength)
    {
        return valueLength == 1 && valid[bytes[valueOffset]];
    }

    boolean yesNo(final int valueOffset, final int valueLength)
    {
        final byte value = bytes[valueOffset];
        return valueLength == 1 && (value == 'Y' || value == 'N');
    }

    /**
     * ExecInst(18): single-character values the dictionary has, separated by single spaces; whether it holds 6 goes to
     * {@link #participateDontInitiate}.
     */
    boolean execInst(final int valueOffset, final int valueLength)
    {
        boolean six = false;
        for (int i = 0; i < valueLength; i++)
        {
            final byte value = bytes[valueOffset + i];
            if ((i & 1) == 1 ? value != ' ' : !EXEC_INSTS[value])
            {
                return false;
            }
            six |= value == '6';
        }
        participateDontInitiate = six;
        return (valueLength & 1) == 1;
    }

    /** @return the value of 1 to 9 digits, -1 when it is not that. */
    long digitsValue(final int valueOffset, final int valueLength)
    {
        if (valueLength > MAX_SEQUENCE_DIGITS)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < valueLength; i++)
        {
            final byte digit = bytes[valueOffset + i];
            if (digit < '0' || digit > '9')
            {
                return -1;
            }
            value = value * 10 + (digit - '0');
        }
        return value;
    }

    /**
     * A decimal of the form {@code digits[.digits]} (no sign, spaces, exponent, or dot first or last) with at most
     * 18 significant digits, into {@link #decimalValue} and {@link #decimalScale} as Artio's {@code DecimalFloat}
     * holds it: trailing zeros of the fraction dropped, zero with scale 0.
     *
     * @return whether the value has that form.
     */
    boolean decimal(final int valueOffset, final int valueLength)
    {
        if (valueLength > MAX_DECIMAL_LENGTH)
        {
            return false;
        }
        long value = 0;
        int significant = 0;
        int scale = 0;
        boolean dot = false;
        int digits = 0;
        for (int i = 0; i < valueLength; i++)
        {
            final byte c = bytes[valueOffset + i];
            if (c == '.' && !dot && i > 0)
            {
                dot = true;
                continue;
            }
            if (c < '0' || c > '9')
            {
                return false;
            }
            digits++;
            if (dot)
            {
                scale++;
            }
            if (value != 0 || c != '0')
            {
                if (++significant > MAX_DECIMAL_DIGITS)
                {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
        }
        if (digits == 0 || dot && bytes[valueOffset + valueLength - 1] == '.')
        {
            return false;
        }
        if (value == 0)
        {
            scale = 0;
        }
        while (scale > 0 && value % 10 == 0)
        {
            value /= 10;
            scale--;
        }
        decimalValue = value;
        decimalScale = scale;
        return true;
    }
}
