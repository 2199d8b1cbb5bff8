package io.disruptorx.bench.node;

/**
 * The command mix of the latency benchmarks (our node and exchange-core), a
 * pure function of the command index so that it needs no storage: mostly resting GTC limit orders that do not cross
 * (bids 9,971-9,990, asks 10,010-10,029), one new order in 16 an IOC that crosses for one lot (a trade), and, from
 * command {@link #CANCEL_LAG} on, every odd command a cancel of the order sent {@code CANCEL_LAG} commands earlier,
 * so the book stays at about {@code CANCEL_LAG / 2} resting orders. Buyers and sellers are different accounts (no
 * self-trades). Command {@code i} has id {@code i + 1}: the client order id of a new order, the request id of a
 * cancel.
 */
public final class OfferedFlow
{
    /** Commands between an order and its cancel (odd). */
    public static final int CANCEL_LAG = 2_001;
    /** Accounts on each side. */
    public static final int ACCOUNTS_PER_SIDE = 32;
    /** Reference price. */
    public static final long REFERENCE_PRICE = 10_000;

    private static final int IOC_EVERY = 16;
    private static final int PRICE_LEVELS = 20;
    private static final int MAX_QUANTITY = 5;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private OfferedFlow()
    {
    }

    /**
     * @param index command index.
     * @return whether it is a cancel of {@code index - CANCEL_LAG}.
     */
    public static boolean isCancel(final long index)
    {
        return (index & 1) == 1 && index >= CANCEL_LAG;
    }

    /**
     * @param index index of a cancel.
     * @return index of the new order it cancels.
     */
    public static long cancelTarget(final long index)
    {
        return index - CANCEL_LAG;
    }

    /**
     * @param index index of a new order.
     * @return whether it buys.
     */
    public static boolean isBuy(final long index)
    {
        return ((index >> 1) & 1) == 0;
    }

    /**
     * @param index index of a new order.
     * @return whether it is a crossing IOC.
     */
    public static boolean isIoc(final long index)
    {
        return (index >> 2) % IOC_EVERY == IOC_EVERY - 1;
    }

    /**
     * @param index index of a new order.
     * @return account, 1 to {@code 2 * ACCOUNTS_PER_SIDE}, buyers first.
     */
    public static long account(final long index)
    {
        return (isBuy(index) ? 1 : 1 + ACCOUNTS_PER_SIDE) + (index >> 2) % ACCOUNTS_PER_SIDE;
    }

    /**
     * @param index index of a new order.
     * @return limit price.
     */
    public static long price(final long index)
    {
        final boolean buy = isBuy(index);
        if (isIoc(index))
        {
            return buy ? REFERENCE_PRICE + 30 : REFERENCE_PRICE - 30;
        }
        final long level = hash(index) % PRICE_LEVELS;
        return buy ? REFERENCE_PRICE - 10 - level : REFERENCE_PRICE + 10 + level;
    }

    /**
     * @param index index of a new order.
     * @return quantity.
     */
    public static long quantity(final long index)
    {
        return isIoc(index) ? 1 : 1 + (hash(index) >>> 8) % MAX_QUANTITY;
    }

    private static long hash(final long index)
    {
        return (index * GOLDEN) >>> 40;
    }
}
