package io.disruptorx.node.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * The demo's seeded order-flow mix, whichever way its commands travel: market makers quote around a drifting mid,
 * takers cross the spread with IOC and market orders, makers cancel and move recent orders. Each command draws
 * from the random generator in one fixed order, so a seed gives the same flow. Host side only: the engine never
 * sees the generator, only the commands. One thread.
 */
public final class OrderFlowMix
{
    /** What {@link #next(Orders)} returns when the draw sends nothing. */
    public static final int NONE = -1;

    /**
     * Where the drawn commands go; each method returns what the caller wants back (an encoded length, say).
     */
    public interface Orders
    {
        /**
         * @param account     the account.
         * @param instrument  the instrument.
         * @param side        the side.
         * @param timeInForce GTC for a quote, IOC for a taker.
         * @param price       the limit price.
         * @param quantity    the quantity.
         * @return the caller's result.
         */
        int limit(long account, int instrument, Side side, TimeInForce timeInForce, long price, long quantity);

        /**
         * @param account    the account.
         * @param instrument the instrument.
         * @param side       the side.
         * @param quantity   the quantity.
         * @return the caller's result.
         */
        int market(long account, int instrument, Side side, long quantity);

        /**
         * @return how many remembered orders a cancel or replace may pick from (slots 0 to this, exclusive).
         */
        int recentOrders();

        /**
         * @param slot a remembered order.
         * @return whether the flow may cancel or replace it.
         */
        boolean mayTouch(int slot);

        /**
         * @param slot the remembered order to cancel.
         * @return the caller's result.
         */
        int cancel(int slot);

        /**
         * @param slot     the remembered order to move.
         * @param price    its new price.
         * @param quantity its new quantity.
         * @return the caller's result.
         */
        int replace(int slot, long price, long quantity);
    }

    private final SplittableRandom random;
    private final int instruments;
    private final int accounts;
    private final long[] mid;
    private final boolean quoteWhenNothingRests;

    /**
     * @param seed                  the flow's seed.
     * @param instruments           instruments 1..n.
     * @param accounts              accounts 1..n.
     * @param startPrice            every instrument's first mid.
     * @param quoteWhenNothingRests whether a cancel or replace drawn before any order is remembered becomes a quote
     *                              (otherwise it sends nothing).
     */
    public OrderFlowMix(
        final long seed, final int instruments, final int accounts, final long startPrice,
        final boolean quoteWhenNothingRests)
    {
        this.random = new SplittableRandom(seed);
        this.instruments = instruments;
        this.accounts = accounts;
        this.mid = new long[instruments + 1];
        this.quoteWhenNothingRests = quoteWhenNothingRests;
        Arrays.fill(mid, startPrice);
    }

    /**
     * Draws the next command and hands it to {@code orders}.
     *
     * @param orders where it goes.
     * @return what {@code orders} returned, or {@link #NONE} when the draw sends nothing.
     */
    public int next(final Orders orders)
    {
        final int instrument = 1 + random.nextInt(instruments);
        final long account = 1 + random.nextInt(accounts);
        final int action = random.nextInt(100);
        if (action < 2)
        {
            mid[instrument] = Math.max(100, mid[instrument] + random.nextInt(-5, 6));
        }
        final long quantity = 1 + random.nextInt(100);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final int recent = orders.recentOrders();
        if (action < 40 || (recent == 0 && quoteWhenNothingRests))
        {
            final long offset = 1 + random.nextInt(20);
            final long price = side == Side.BUY ? mid[instrument] - offset : mid[instrument] + offset;
            return orders.limit(account, instrument, side, TimeInForce.GTC, price, quantity);
        }
        if (action < 52)
        {
            final long price = side == Side.BUY ? mid[instrument] + 2 : mid[instrument] - 2;
            return orders.limit(account, instrument, side, TimeInForce.IOC, price, quantity);
        }
        if (action < 55)
        {
            return orders.market(account, instrument, side, quantity);
        }
        if (recent == 0)
        {
            return NONE;
        }
        final int slot = random.nextInt(recent);
        if (!orders.mayTouch(slot))
        {
            return NONE;
        }
        if (action < 88)
        {
            return orders.cancel(slot);
        }
        final long offset = 1 + random.nextInt(20);
        final long price = random.nextBoolean() ? mid[instrument] - offset : mid[instrument] + offset;
        return orders.replace(slot, price, quantity);
    }
}
