package io.disruptorx.dashboard;

/**
 * One open page (one WebSocket session) as the update builder sees it: the instrument it shows, when it was last
 * sent an update and what that update covered, so the next one carries only what changed. The instrument is set
 * from the session's I/O thread; everything else is touched only by the dashboard's timer thread.
 */
public final class DashboardView
{
    private volatile int requestedInstrument;
    int shownInstrument = -1;
    long lastSentNanos;
    boolean sentOnce;
    long bookVersion = -1;
    long tapePosition;
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
}
