package io.disruptorx.marketdata.server;

import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.MarketBook;

/**
 * Another component's view of the book a server already follows the store with ({@link StoreBook}), told on the
 * server's thread: the whole book once when it is attached, then each message the book applies (as a
 * {@link MarketDataListener}: books changed, trades, instrument states) and the end of each catch-up. It lets a reader
 * in the same process (the node's dashboard) show the feed's book without applying the feed's messages to a second
 * book of its own. Its methods must be quick and must not block: they run on the feed's server thread.
 */
public interface StoreBookTap extends MarketDataListener
{
    /**
     * The tap is attached: the book as of {@code sequence}, before any message after it is told.
     *
     * @param book      the followed book (read it now, on this thread only).
     * @param sequence  the last sequence applied to it (0 before the first).
     * @param lostTrack whether the book lost track of the store (it is stale and stays so).
     */
    void onAttached(MarketBook book, long sequence, boolean lostTrack);

    /**
     * A catch-up ended (once per duty cycle of the server while attached, messages applied or not).
     *
     * @param sequence  the last sequence applied.
     * @param lostTrack whether the book lost track of the store.
     */
    void onCaughtUp(long sequence, boolean lostTrack);

    /**
     * The tap is detached: nothing more is told until it is attached again.
     */
    void onDetached();
}
