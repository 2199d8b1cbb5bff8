package io.disruptorx.dashboard;

/**
 * Told when the first dashboard page opens and when the last one closes, so that what feeds the pages (the node's
 * market data) runs only while someone watches, and just before each round of updates while pages are open, so that
 * it can bring the {@link MarketView} up to date then. {@link #firstOpened()} and {@link #lastClosed()} come one at a
 * time, in the order the pages opened and closed, on the HTTP server's I/O thread: {@link #firstOpened()} before the
 * first update goes to that page, and then {@link #lastClosed()}, never two of the same in a row;
 * {@link #beforeUpdates()} on the dashboard's timer thread (the I/O thread on a node's server).
 */
public interface PageWatch
{
    /**
     * The first page opened (no page was open).
     */
    void firstOpened();

    /**
     * The last page closed (no page is open now).
     */
    void lastClosed();

    /**
     * The dashboard is about to build the open pages' updates (at most ten times a second, only while a page is open).
     */
    void beforeUpdates();
}
