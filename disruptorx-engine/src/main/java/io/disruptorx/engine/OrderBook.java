package io.disruptorx.engine;

/**
 * The two sides of one instrument's book.
 */
final class OrderBook
{
    final BookSide bids;
    final BookSide asks;

    OrderBook(final LevelPool levelPool)
    {
        bids = new BookSide(Side.BUY, levelPool, 64);
        asks = new BookSide(Side.SELL, levelPool, 64);
    }

    BookSide side(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }

    /**
     * @param incoming side of an incoming order.
     * @return the side it trades against.
     */
    BookSide opposite(final Side incoming)
    {
        return incoming == Side.BUY ? asks : bids;
    }
}
