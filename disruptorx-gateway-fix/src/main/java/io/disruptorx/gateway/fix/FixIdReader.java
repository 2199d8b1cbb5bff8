package io.disruptorx.gateway.fix;

import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.codec.Decimals;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The ids a FIX request names, read from its text as the gateway's numbers, for {@link FixRequests}: ClOrdID(11),
 * OrigClOrdID(41) and OrdStatusReqID(790) as client order ids ({@link ClientOrderIds}: up to 10 letters and digits,
 * or up to 18 digits), Account(1) and OrderID(37) as decimal numbers, Symbol(55) as an instrument id. Each reads
 * either Artio's decoded {@code char[]} or, for {@link FixOrderDecoder}, the message's bytes in place. The inverse of
 * {@link FixIds}. Allocates nothing; gateway thread only.
 */
final class FixIdReader
{
    private static final int SCRATCH = 64;

    private final InstrumentDirectory instruments;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[SCRATCH]);

    /**
     * @param instruments the instruments a Symbol(55) may name.
     */
    FixIdReader(final InstrumentDirectory instruments)
    {
        this.instruments = instruments;
    }

    /**
     * @return the client order id the text stands for ({@link ClientOrderIds}), {@link ClientOrderIds#INVALID} when it
     * stands for none.
     */
    long clientOrderId(final char[] text, final int length)
    {
        if (length > SCRATCH)
        {
            return ClientOrderIds.INVALID;
        }
        for (int i = 0; i < length; i++)
        {
            scratch.putByte(i, (byte)text[i]);
        }
        return ClientOrderIds.encode(scratch, 0, length);
    }

    /** As {@link #clientOrderId(char[], int)}, for text in place in an array. */
    static long clientOrderId(final byte[] bytes, final int offset, final int length)
    {
        return length > SCRATCH ? ClientOrderIds.INVALID : ClientOrderIds.encode(bytes, offset, length);
    }

    /** As {@link #instrumentId(char[], int)}, for a symbol in place in an array. */
    int instrumentId(final byte[] bytes, final int offset, final int length)
    {
        if (length > InstrumentSpec.MAX_SYMBOL_LENGTH)
        {
            return 0;
        }
        long packed = 0;
        for (int i = 0; i < InstrumentSpec.MAX_SYMBOL_LENGTH; i++)
        {
            packed = (packed << 8) | (i < length ? bytes[offset + i] & 0xFF : ' ');
        }
        final InstrumentSpec instrument = instruments.bySymbol(packed);
        return instrument == null ? 0 : instrument.id();
    }

    /**
     * @return the id of the instrument the Symbol(55) names (space-padded to {@link InstrumentSpec#MAX_SYMBOL_LENGTH}),
     * 0 when it names none.
     */
    int instrumentId(final char[] symbol, final int length)
    {
        if (length > InstrumentSpec.MAX_SYMBOL_LENGTH)
        {
            return 0;
        }
        long packed = 0;
        for (int i = 0; i < InstrumentSpec.MAX_SYMBOL_LENGTH; i++)
        {
            packed = (packed << 8) | (i < length ? symbol[i] & 0xFF : ' ');
        }
        final InstrumentSpec instrument = instruments.bySymbol(packed);
        return instrument == null ? 0 : instrument.id();
    }

    /**
     * Account(1) and OrderID(37).
     *
     * @return the decimal number, or -1 when the text is not one (an account no user is entitled to).
     */
    static long number(final char[] text, final int length)
    {
        if (length == 0 || length > Decimals.MAX_DIGITS)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final char c = text[i];
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** As {@link #number(char[], int)}, for text in place in an array. */
    static long number(final byte[] bytes, final int offset, final int length)
    {
        if (length == 0 || length > Decimals.MAX_DIGITS)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final byte c = bytes[offset + i];
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
