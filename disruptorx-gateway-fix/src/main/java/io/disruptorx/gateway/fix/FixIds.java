package io.disruptorx.gateway.fix;

import io.disruptorx.gateway.codec.ClientOrderIds;

/**
 * Ids as FIX text, written into reused byte arrays: decimal numbers (OrderID, ExecID, Account) and client order
 * ids in their {@link ClientOrderIds} text form. Allocates nothing.
 */
final class FixIds
{
    /** Longest text an id takes: a sign or {@code #} and 19 digits, with room to spare. */
    static final int TEXT_LENGTH = 24;

    /**
     * @param id          a client order id.
     * @param destination at least {@link #TEXT_LENGTH} bytes.
     * @return the length of the id's text (its ClientOrderIds form), or of {@code #} and its decimal value when it
     * has none.
     */
    int clientOrderId(final long id, final byte[] destination)
    {
        final int length = ClientOrderIds.decode(id, destination, 0);
        if (length < 0)
        {
            destination[0] = '#';
            return 1 + decimalAt(id, destination, 1);
        }
        return length;
    }

    /**
     * @param value       a number.
     * @param destination at least {@link #TEXT_LENGTH} bytes.
     * @return the length of its decimal text.
     */
    static int decimal(final long value, final byte[] destination)
    {
        return decimalAt(value, destination, 0);
    }

    private static int decimalAt(final long value, final byte[] destination, final int offset)
    {
        if (value < 0)
        {
            destination[offset] = '-';
            return 1 + decimalAt(-value, destination, offset + 1);
        }
        int end = offset;
        long rest = value;
        do
        {
            destination[end++] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        while (rest > 0);
        for (int left = offset, right = end - 1; left < right; left++, right--)
        {
            final byte swap = destination[left];
            destination[left] = destination[right];
            destination[right] = swap;
        }
        return end - offset;
    }
}
