package io.disruptorx.marketdata;

/**
 * The checks the feed's server and client settings share; each message names the setting and the value it got.
 */
public final class SettingChecks
{
    private SettingChecks()
    {
    }

    /**
     * @param name  the setting.
     * @param value its value.
     * @throws IllegalArgumentException unless the value is above zero.
     */
    public static void positive(final String name, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + ": must be positive, got " + value);
        }
    }

    /**
     * @param name  the setting.
     * @param value its value.
     * @throws IllegalArgumentException if the value is below zero.
     */
    public static void notNegative(final String name, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(name + ": must not be negative, got " + value);
        }
    }
}
