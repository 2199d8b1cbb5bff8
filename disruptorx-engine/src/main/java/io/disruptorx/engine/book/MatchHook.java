package io.disruptorx.engine.book;

/**
 * Asked once per resting order, before it would fill with an incoming order: the place for self-trade
 * prevention. Implementations are long-lived objects (no capturing lambdas on the hot path); they may cast the
 * orders to the host's own {@link BookOrder} subclass.
 */
public interface MatchHook
{
    /** Fill the maker. */
    int FILL = 0;
    /** Cancel the maker (the book deletes it) and go on matching. */
    int CANCEL_MAKER = 1;
    /** Stop matching; the maker stays. */
    int STOP = 2;
    /** Cancel the maker, then stop matching. */
    int CANCEL_MAKER_AND_STOP = 3;

    /**
     * @param maker the resting order next in priority.
     * @param taker the incoming order.
     * @return {@link #FILL}, {@link #CANCEL_MAKER}, {@link #STOP} or {@link #CANCEL_MAKER_AND_STOP}.
     */
    int beforeFill(BookOrder maker, BookOrder taker);
}
