package io.disruptorx.dashboard;

/**
 * One open page (one WebSocket session) as the update builder sees it: the instrument it shows, when it was last
 * sent an update and what that update covered, so the next one carries only what changed. The instrument is set
 * from the session's I/O thread; everything else is touched only by the dashboard's timer thread. Pages in the same
 * state get the same update, built once ({@link #sameState}).
 */
public final class DashboardView
{
    private volatile int requestedInstrument;
    int shownInstrument = -1;
    long lastSentNanos;
    boolean sentOnce;
    long bookVersion = -1;
    long tapePosition;
    long candleSecond = Candles.NONE;
    long metricsVersion;
    int instrumentCount = -1;
    String feedStatus = "";

    /**
     * @param instrumentId the instrument to show; 0 follows the first instrument the feed has.
     */
    public void select(final int instrumentId)
    {
        requestedInstrument = instrumentId;
    }

    int requestedInstrument()
    {
        return requestedInstrument;
    }

    /**
     * @param other     a copy of another page's view.
     * @param requested the instrument this page asks for (read once by the caller: the I/O thread may change it).
     * @param nowNanos  the tick's time.
     * @return whether the two would get the same update now: same instrument asked for and shown, same book,
     *     tape, candles, metrics, instruments and feed state sent, and both due (or both not).
     */
    boolean sameState(final DashboardView other, final int requested, final long nowNanos)
    {
        return requested == other.requestedInstrument && shownInstrument == other.shownInstrument &&
            sentOnce == other.sentOnce && due(nowNanos) == other.due(nowNanos) && bookVersion == other.bookVersion &&
            tapePosition == other.tapePosition && candleSecond == other.candleSecond &&
            metricsVersion == other.metricsVersion && instrumentCount == other.instrumentCount &&
            feedStatus.equals(other.feedStatus);
    }

    /**
     * Takes another view's state, all but the instrument the page asks for (which only its I/O thread sets).
     *
     * @param other the view whose state this one takes.
     */
    void copyState(final DashboardView other)
    {
        shownInstrument = other.shownInstrument;
        lastSentNanos = other.lastSentNanos;
        sentOnce = other.sentOnce;
        bookVersion = other.bookVersion;
        tapePosition = other.tapePosition;
        candleSecond = other.candleSecond;
        metricsVersion = other.metricsVersion;
        instrumentCount = other.instrumentCount;
        feedStatus = other.feedStatus;
    }

    boolean due(final long nowNanos)
    {
        return !sentOnce || nowNanos - lastSentNanos >= DashboardUpdates.MIN_INTERVAL_NANOS;
    }
}
