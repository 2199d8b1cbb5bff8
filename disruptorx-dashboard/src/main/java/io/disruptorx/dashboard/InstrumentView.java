package io.disruptorx.dashboard;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.disruptorx.marketdata.book.BookSide;
import io.disruptorx.marketdata.book.InstrumentBook;

/**
 * One instrument as the dashboard shows it: the top {@link #DEPTH} price levels of each side, the trading state, the
 * last trade price, the traded volume and one-second {@link Candles}. One thread writes it (the market data
 * subscriber's), copying into preallocated arrays; any thread reads it through a sequence lock ({@link #read}),
 * retrying while a write is under way. The writer marks a write begun with an opaque store and a store-store fence,
 * and done with a release store: no full fence per trade on the feed's thread (the readers read the version as a
 * volatile and fence their loads).
 */
public final class InstrumentView
{
    /** Price levels kept per side. */
    public static final int DEPTH = 10;

    private static final VarHandle VERSION;

    static
    {
        try
        {
            VERSION = MethodHandles.lookup().findVarHandle(InstrumentView.class, "version", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final int instrumentId;
    private final long[] levels = new long[2 * DEPTH * 3];
    private final int[] levelCounts = new int[2];
    private int state;
    private long lastPrice;
    private long volume;
    private long trades;
    private long bookSequence;
    private final Candles candles = new Candles();
    private volatile long version;

    InstrumentView(final int instrumentId)
    {
        this.instrumentId = instrumentId;
    }

    /**
     * @return the instrument id.
     */
    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return changes so far (even when no write is under way); a reader compares it to see whether anything changed.
     */
    public long version()
    {
        return version;
    }

    void copyBook(final long sequence, final InstrumentBook book)
    {
        bookSequence = sequence;
        final long v = version;
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence();
        copySide(0, book.bids());
        copySide(1, book.asks());
        state = book.state();
        VERSION.setRelease(this, v + 2);
    }

    void trade(final long timestamp, final long price, final long quantity)
    {
        final long v = version;
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence();
        lastPrice = price;
        volume += quantity;
        trades++;
        candles.add(timestamp, price, quantity);
        VERSION.setRelease(this, v + 2);
    }

    /**
     * @return the feed sequence of the last book copied in (the writer's thread only).
     */
    long bookSequence()
    {
        return bookSequence;
    }

    void reset()
    {
        final long v = version;
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence();
        levelCounts[0] = 0;
        levelCounts[1] = 0;
        VERSION.setRelease(this, v + 2);
    }

    private void copySide(final int side, final BookSide from)
    {
        final int count = Math.min(DEPTH, from.levels());
        final int base = side * DEPTH * 3;
        for (int level = 0; level < count; level++)
        {
            final int at = base + level * 3;
            levels[at] = from.price(level);
            levels[at + 1] = from.quantity(level);
            levels[at + 2] = from.orderCount(level);
        }
        levelCounts[side] = count;
    }

    /**
     * Copies a consistent picture into {@code into}.
     *
     * @param into where to copy.
     * @return the version copied.
     */
    public long read(final BookCopy into)
    {
        while (true)
        {
            final long before = version;
            if ((before & 1) == 0)
            {
                System.arraycopy(levels, 0, into.levels, 0, levels.length);
                into.bidLevels = Math.min(DEPTH, levelCounts[0]);
                into.askLevels = Math.min(DEPTH, levelCounts[1]);
                into.halted = state == InstrumentBook.HALTED;
                into.lastPrice = lastPrice;
                into.volume = volume;
                into.trades = trades;
                candles.copyTo(into.candles);
                VarHandle.loadLoadFence();
                if (version == before)
                {
                    into.instrumentId = instrumentId;
                    return before;
                }
            }
            Thread.onSpinWait();
        }
    }

    /**
     * A reader's copy of an {@link InstrumentView}.
     */
    public static final class BookCopy
    {
        final long[] levels = new long[2 * DEPTH * 3];
        final Candles candles = new Candles();
        int instrumentId;
        int bidLevels;
        int askLevels;
        boolean halted;
        long lastPrice;
        long volume;
        long trades;

        /**
         * @param side 0 bids, 1 asks.
         * @return levels copied on that side.
         */
        public int levels(final int side)
        {
            return side == 0 ? bidLevels : askLevels;
        }

        /**
         * @param side  0 bids, 1 asks.
         * @param level 0 is the best.
         * @return the level's price.
         */
        public long price(final int side, final int level)
        {
            return levels[side * DEPTH * 3 + level * 3];
        }

        /**
         * @param side  0 bids, 1 asks.
         * @param level 0 is the best.
         * @return the level's quantity.
         */
        public long quantity(final int side, final int level)
        {
            return levels[side * DEPTH * 3 + level * 3 + 1];
        }

        /**
         * @param side  0 bids, 1 asks.
         * @param level 0 is the best.
         * @return orders at the level.
         */
        public long orders(final int side, final int level)
        {
            return levels[side * DEPTH * 3 + level * 3 + 2];
        }

        /**
         * @return the instrument.
         */
        public int instrumentId()
        {
            return instrumentId;
        }

        /**
         * @return whether it is halted.
         */
        public boolean halted()
        {
            return halted;
        }

        /**
         * @return the last trade's price (0 before any).
         */
        public long lastPrice()
        {
            return lastPrice;
        }

        /**
         * @return quantity traded since the view started.
         */
        public long volume()
        {
            return volume;
        }

        /**
         * @return the one-second candles.
         */
        public Candles candles()
        {
            return candles;
        }

        /**
         * @return trades since the view started.
         */
        public long trades()
        {
            return trades;
        }
    }
}
