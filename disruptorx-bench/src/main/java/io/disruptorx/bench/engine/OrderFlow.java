package io.disruptorx.bench.engine;

/**
 * A pre-generated order flow held in arrays of primitives, so that replaying it costs a few array reads per
 * command and generating it is never timed. Every system under test replays the same flow.
 *
 * <p>A flow is one <em>cycle</em>: {@link #preloadCount()} passive GTC orders fill the books, then
 * {@link #mixCount()} commands follow the exchange-core-like mix, then {@link #cleanupCount()} cancels empty
 * every book again. Because a cycle starts and ends with empty books, it can be replayed any number of times
 * against the same engine (order ids in the flow are renumbered by each system as it needs).
 *
 * <p>Orders are named by their <em>flow order number</em>: 1 for the first new order of the flow, 2 for the
 * next, and so on. A new order's {@code orderRef} is its own number; a cancel, reduce or move names its target
 * by number. Prices are in ticks (tick 1), quantities in lots (lot 1), so notional is price times quantity.
 */
public final class OrderFlow
{
    /** New limit GTC order. */
    public static final byte NEW_GTC = 0;
    /** New limit IOC order. */
    public static final byte NEW_IOC = 1;
    /** Cancel a resting order. */
    public static final byte CANCEL = 2;
    /** Reduce a resting order's open quantity in place (keeps priority). */
    public static final byte REDUCE = 3;
    /** Move a resting order to a new price, keeping its open quantity (loses priority). */
    public static final byte MOVE = 4;

    /** Side code of a buy. */
    public static final byte BUY = 0;
    /** Side code of a sell. */
    public static final byte SELL = 1;

    final byte[] type;
    final int[] instrument;
    final int[] account;
    final byte[] side;
    final long[] price;
    final long[] quantity;
    final long[] reduceBy;
    final int[] orderRef;

    final int commandCount;
    final int preloadCount;
    final int mixCount;
    final int orderCount;
    final int instruments;
    final int accounts;
    final long seed;
    final long maxPrice;
    final long referencePrice;
    final long expectedTrades;
    final long expectedVolume;
    final int[] mixTypeCounts;

    OrderFlow(
        final byte[] type,
        final int[] instrument,
        final int[] account,
        final byte[] side,
        final long[] price,
        final long[] quantity,
        final long[] reduceBy,
        final int[] orderRef,
        final int commandCount,
        final int preloadCount,
        final int mixCount,
        final int orderCount,
        final int instruments,
        final int accounts,
        final long seed,
        final long maxPrice,
        final long referencePrice,
        final long expectedTrades,
        final long expectedVolume,
        final int[] mixTypeCounts)
    {
        this.type = type;
        this.instrument = instrument;
        this.account = account;
        this.side = side;
        this.price = price;
        this.quantity = quantity;
        this.reduceBy = reduceBy;
        this.orderRef = orderRef;
        this.commandCount = commandCount;
        this.preloadCount = preloadCount;
        this.mixCount = mixCount;
        this.orderCount = orderCount;
        this.instruments = instruments;
        this.accounts = accounts;
        this.seed = seed;
        this.maxPrice = maxPrice;
        this.referencePrice = referencePrice;
        this.expectedTrades = expectedTrades;
        this.expectedVolume = expectedVolume;
        this.mixTypeCounts = mixTypeCounts;
    }

    /** @return commands in one cycle (preload, mix and cleanup). */
    public int commandCount()
    {
        return commandCount;
    }

    /** @return passive GTC orders at the start of the cycle. */
    public int preloadCount()
    {
        return preloadCount;
    }

    /** @return commands that follow the mix. */
    public int mixCount()
    {
        return mixCount;
    }

    /** @return cancels at the end of the cycle that empty every book. */
    public int cleanupCount()
    {
        return commandCount - preloadCount - mixCount;
    }

    /** @return new orders in the cycle; flow order numbers run from 1 to this. */
    public int orderCount()
    {
        return orderCount;
    }

    /** @return instruments, numbered 1 to this. */
    public int instruments()
    {
        return instruments;
    }

    /** @return trading accounts, numbered 1 to this. */
    public int accounts()
    {
        return accounts;
    }

    /** @return seed the flow was generated from. */
    public long seed()
    {
        return seed;
    }

    /** @return highest price of any order or move in the flow (exchange-core reserves bids at it). */
    public long maxPrice()
    {
        return maxPrice;
    }

    /** @return starting mid price of every instrument. */
    public long referencePrice()
    {
        return referencePrice;
    }

    /** @return trades one cycle produces under price-time priority (from the generator's reference book). */
    public long expectedTrades()
    {
        return expectedTrades;
    }

    /** @return traded quantity in one cycle, from the generator's reference book. */
    public long expectedVolume()
    {
        return expectedVolume;
    }

    /**
     * @param commandType one of the command type codes.
     * @return how many commands of that type the mix part holds.
     */
    public int mixCount(final byte commandType)
    {
        return mixTypeCounts[commandType];
    }

    /**
     * @param i command index, 0 to {@link #commandCount()} - 1.
     * @return its type code.
     */
    public byte commandType(final int i)
    {
        return type[i];
    }

    /**
     * @param i command index.
     * @return its instrument.
     */
    public int instrument(final int i)
    {
        return instrument[i];
    }

    /**
     * @param i command index.
     * @return the account that sends it (for a cancel, reduce or move: the order's owner).
     */
    public int account(final int i)
    {
        return account[i];
    }

    /**
     * @param i command index.
     * @return side code of the new or targeted order.
     */
    public byte side(final int i)
    {
        return side[i];
    }

    /**
     * @param i command index.
     * @return limit price of a new order, new price of a move, current price for a reduce or cancel.
     */
    public long price(final int i)
    {
        return price[i];
    }

    /**
     * @param i command index.
     * @return quantity of a new order, new open quantity of a reduce, open quantity kept by a move.
     */
    public long quantity(final int i)
    {
        return quantity[i];
    }

    /**
     * @param i command index.
     * @return for a reduce, by how much the open quantity goes down (exchange-core's form); otherwise 0.
     */
    public long reduceBy(final int i)
    {
        return reduceBy[i];
    }

    /**
     * @param i command index.
     * @return flow order number of the new order, or of the targeted order.
     */
    public int orderRef(final int i)
    {
        return orderRef[i];
    }

    /** @return the mix as a short human-readable line. */
    public String describe()
    {
        final double m = mixCount;
        return String.format(
            "%,d commands/cycle = %,d preload GTC + %,d mix (GTC %.1f%%, IOC %.1f%%, cancel %.1f%%, reduce %.1f%%, "
            + "move %.1f%%) + %,d cleanup cancels; %d instrument(s), %d accounts, seed %d; %,d trades, volume %,d",
            commandCount, preloadCount, mixCount,
            100 * mixTypeCounts[NEW_GTC] / m, 100 * mixTypeCounts[NEW_IOC] / m, 100 * mixTypeCounts[CANCEL] / m,
            100 * mixTypeCounts[REDUCE] / m, 100 * mixTypeCounts[MOVE] / m, cleanupCount(), instruments, accounts,
            seed, expectedTrades, expectedVolume);
    }
}
