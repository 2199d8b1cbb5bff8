package io.disruptorx.engine;

/**
 * Exact fixed-point helpers that never overflow silently.
 */
final class Arithmetic
{
    private Arithmetic()
    {
    }

    /**
     * @param exponent 0 to 18.
     * @return ten to that power.
     */
    static long powerOfTen(final int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }

    /**
     * @param value a non-negative amount.
     * @param bps   basis points, 0 to 10,000.
     * @return {@code floor(value * bps / 10,000)} without overflow.
     */
    static long bpsOf(final long value, final int bps)
    {
        return value / Instrument.BPS * bps + value % Instrument.BPS * bps / Instrument.BPS;
    }

    /**
     * @param a non-negative.
     * @param b non-negative.
     * @return {@code a * b}, or -1 when it does not fit.
     */
    static long multiply(final long a, final long b)
    {
        if (Math.multiplyHigh(a, b) != 0)
        {
            return -1;
        }
        final long product = a * b;
        return product < 0 ? -1 : product;
    }

    /**
     * @param a non-negative.
     * @param b non-negative.
     * @return {@code a + b}, or -1 when it does not fit.
     */
    static long add(final long a, final long b)
    {
        final long sum = a + b;
        return sum < 0 ? -1 : sum;
    }
}
