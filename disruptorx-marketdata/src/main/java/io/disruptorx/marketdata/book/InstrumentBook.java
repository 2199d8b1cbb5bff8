package io.disruptorx.marketdata.book;

/**
 * One instrument's book: bids and asks by price level (with their orders linked in time priority through
 * {@link MarketBook}), and its trading state.
 */
public final class InstrumentBook
{
    /** State code: trading. */
    public static final int TRADING = 0;
    /** State code: halted. */
    public static final int HALTED = 1;

    private final int instrumentId;
    private final BookSide bids = new BookSide(true);
    private final BookSide asks = new BookSide(false);
    private int state = TRADING;
    private int orderCount;

    InstrumentBook(final int instrumentId)
    {
        this.instrumentId = instrumentId;
    }

    /**
     * @return instrument id.
     */
    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return bids, best (highest) first.
     */
    public BookSide bids()
    {
        return bids;
    }

    /**
     * @return asks, best (lowest) first.
     */
    public BookSide asks()
    {
        return asks;
    }

    /**
     * @param side 0 buy, 1 sell.
     * @return that side.
     */
    public BookSide side(final int side)
    {
        return side == 0 ? bids : asks;
    }

    /**
     * @return {@link #TRADING} or {@link #HALTED}.
     */
    public int state()
    {
        return state;
    }

    /**
     * @return resting orders in this book.
     */
    public int orderCount()
    {
        return orderCount;
    }

    void state(final int state)
    {
        this.state = state;
    }

    void addOrderCount(final int delta)
    {
        orderCount += delta;
    }

    void clear()
    {
        bids.clear();
        asks.clear();
        orderCount = 0;
        state = TRADING;
    }
}
