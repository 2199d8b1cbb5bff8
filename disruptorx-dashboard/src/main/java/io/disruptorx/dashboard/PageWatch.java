package io.disruptorx.dashboard;

/**
 * Told when the first dashboard page opens and when the last one closes, so that what feeds the pages (the node's
 * market data subscriber) runs only while someone watches. Calls come one at a time, in the order the pages opened
 * and closed, on the HTTP server's I/O thread: {@link #firstOpened()} before the first update goes to that page,
 * and then {@link #lastClosed()}, never two of the same in a row.
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
}
