package io.disruptorx.gateway.codec;

/**
 * A reusable decimal {@code mantissa x 10^exponent}, the output of {@link Decimals#parse}.
 */
public final class MutableDecimal
{
    private long mantissa;
    private int exponent;

    /**
     * @param mantissa mantissa.
     * @param exponent exponent.
     */
    public void set(final long mantissa, final int exponent)
    {
        this.mantissa = mantissa;
        this.exponent = exponent;
    }

    /**
     * @return the mantissa.
     */
    public long mantissa()
    {
        return mantissa;
    }

    /**
     * @return the exponent.
     */
    public int exponent()
    {
        return exponent;
    }
}
