package io.disruptorx.gateway.fix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Where a tag=value field's value ends in a FIX message held in an array: the next SOH, found eight bytes at a time,
 * with the check that every byte before it is ASCII. For {@link FixOrderDecoder}.
 */
final class FixValueEnd
{
    private static final byte SOH = 1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long SOH_BYTES = LOW_BITS * SOH;

    private FixValueEnd()
    {
    }

    /**
     * Finds the SOH that ends a value, eight bytes at a time: in each little-endian word, the lowest byte equal to
     * SOH is the lowest high bit of {@code (x - 0x01..01) & ~x & 0x80..80} with {@code x = word ^ 0x01..01} (a
     * borrow can only mark bytes above a true match), and a byte that is not ASCII has its high bit set.
     *
     * @return the index of the first SOH in {@code [from, end)}, or -1 when there is none or a byte before it is not
     * ASCII.
     */
    static int find(final byte[] message, final int from, final int end)
    {
        int at = from;
        while (at + Long.BYTES <= end)
        {
            final long word = (long)LONGS.get(message, at);
            final long x = word ^ SOH_BYTES;
            final long soh = (x - LOW_BITS) & ~x & HIGH_BITS;
            final long notAscii = word & HIGH_BITS;
            if (soh != 0)
            {
                final int index = Long.numberOfTrailingZeros(soh) >>> 3;
                return (notAscii & ((1L << (index << 3)) - 1)) != 0 ? -1 : at + index;
            }
            if (notAscii != 0)
            {
                return -1;
            }
            at += Long.BYTES;
        }
        while (at < end)
        {
            final byte b = message[at];
            if (b == SOH)
            {
                return at;
            }
            if (b < 0)
            {
                return -1;
            }
            at++;
        }
        return -1;
    }
}
