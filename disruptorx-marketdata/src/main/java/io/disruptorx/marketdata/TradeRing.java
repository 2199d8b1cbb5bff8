package io.disruptorx.marketdata;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The newest trades of every instrument in preallocated arrays: one thread writes (no allocation per trade), any
 * thread reads with a sequence lock, copying the trades it wants and retrying if the writer moved past the slots
 * it looked at. The node's recent trades and the dashboard's trade tape both keep their trades here. A trade is
 * published with a release store of the position (no full fence per trade on the writer's thread), and a
 * store-store fence keeps the next trade's slot writes after that release: a reader that sees any of them also
 * sees the position that covers them, so its check never accepts a slot being rewritten (on x86 the fence costs
 * nothing, it only keeps the compiler from moving the slot writes up).
 */
public final class TradeRing
{
    /** An instrument id that asks {@link #copyNewest} for the trades of every instrument. */
    public static final int ANY_INSTRUMENT = Integer.MIN_VALUE;

    private static final VarHandle WRITTEN;

    static
    {
        try
        {
            WRITTEN = MethodHandles.lookup().findVarHandle(TradeRing.class, "written", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final int capacity;
    private final Columns slots;
    private volatile long written;

    /**
     * @param capacity slots, a power of two; {@code capacity - 1} trades can be read.
     */
    public TradeRing(final int capacity)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two, was " + capacity);
        }
        this.capacity = capacity;
        this.slots = new Columns(capacity);
    }

    /**
     * @return slots, a power of two.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * Records one trade; called by the one writing thread only.
     *
     * @param tradeId       trade id.
     * @param timestamp     command timestamp, epoch nanoseconds.
     * @param instrumentId  instrument.
     * @param price         price.
     * @param quantity      quantity.
     * @param aggressorSide the aggressor side's code.
     */
    public void add(
        final long tradeId,
        final long timestamp,
        final int instrumentId,
        final long price,
        final long quantity,
        final byte aggressorSide)
    {
        final long next = written;
        final int slot = (int)(next & (capacity - 1));
        VarHandle.storeStoreFence();
        slots.tradeIds[slot] = tradeId;
        slots.timestamps[slot] = timestamp;
        slots.instrumentIds[slot] = instrumentId;
        slots.prices[slot] = price;
        slots.quantities[slot] = quantity;
        slots.aggressorSides[slot] = aggressorSide;
        WRITTEN.setRelease(this, next + 1);
    }

    /**
     * @return trades written since start: the position after the newest.
     */
    public long position()
    {
        return written;
    }

    /**
     * Copies, newest first, up to {@link Copy#capacity()} of the newest trades written at or after {@code from}, of
     * one instrument or of any; trades overwritten before they could be read are not copied.
     *
     * @param from         position of the first trade wanted (0 for all, or a previous call's return value).
     * @param instrumentId the instrument, or {@link #ANY_INSTRUMENT}.
     * @param into         where the trades go; its count says how many.
     * @return the position after the newest trade looked at: pass it as {@code from} next time.
     */
    public long copyNewest(final long from, final int instrumentId, final Copy into)
    {
        final int max = into.capacity();
        while (true)
        {
            final long end = written;
            final long start = Math.max(Math.max(from, end - (capacity - 1)), 0);
            int found = 0;
            long i = end - 1;
            for (; i >= start && found < max; i--)
            {
                final int slot = (int)(i & (capacity - 1));
                if (instrumentId == ANY_INSTRUMENT || slots.instrumentIds[slot] == instrumentId)
                {
                    into.trades.copy(found++, slots, slot);
                }
            }
            VarHandle.loadLoadFence();
            if (written - (i + 1) < capacity)
            {
                into.count = found;
                return end;
            }
        }
    }

    /**
     * Trades copied out of a {@link TradeRing}, newest first; reusable.
     */
    public static final class Copy
    {
        private final Columns trades;
        private int count;

        /**
         * @param capacity most trades copied at once.
         */
        public Copy(final int capacity)
        {
            trades = new Columns(capacity);
        }

        /**
         * @return most trades copied at once.
         */
        public int capacity()
        {
            return trades.tradeIds.length;
        }

        /**
         * @return trades copied by the last {@link TradeRing#copyNewest}.
         */
        public int count()
        {
            return count;
        }

        /**
         * @param k index, 0 for the newest.
         * @return trade id.
         */
        public long tradeId(final int k)
        {
            return trades.tradeIds[k];
        }

        /**
         * @param k index, 0 for the newest.
         * @return command timestamp, epoch nanoseconds.
         */
        public long timestamp(final int k)
        {
            return trades.timestamps[k];
        }

        /**
         * @param k index, 0 for the newest.
         * @return instrument.
         */
        public int instrumentId(final int k)
        {
            return trades.instrumentIds[k];
        }

        /**
         * @param k index, 0 for the newest.
         * @return price.
         */
        public long price(final int k)
        {
            return trades.prices[k];
        }

        /**
         * @param k index, 0 for the newest.
         * @return quantity.
         */
        public long quantity(final int k)
        {
            return trades.quantities[k];
        }

        /**
         * @param k index, 0 for the newest.
         * @return the aggressor side's code.
         */
        public byte aggressorSide(final int k)
        {
            return trades.aggressorSides[k];
        }
    }

    /**
     * Trades as one array per field.
     */
    private static final class Columns
    {
        final long[] tradeIds;
        final long[] timestamps;
        final int[] instrumentIds;
        final long[] prices;
        final long[] quantities;
        final byte[] aggressorSides;

        Columns(final int capacity)
        {
            tradeIds = new long[capacity];
            timestamps = new long[capacity];
            instrumentIds = new int[capacity];
            prices = new long[capacity];
            quantities = new long[capacity];
            aggressorSides = new byte[capacity];
        }

        void copy(final int k, final Columns from, final int slot)
        {
            tradeIds[k] = from.tradeIds[slot];
            timestamps[k] = from.timestamps[slot];
            instrumentIds[k] = from.instrumentIds[slot];
            prices[k] = from.prices[slot];
            quantities[k] = from.quantities[slot];
            aggressorSides[k] = from.aggressorSides[slot];
        }
    }
}
