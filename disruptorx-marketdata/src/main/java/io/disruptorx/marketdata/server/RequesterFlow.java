package io.disruptorx.marketdata.server;

/**
 * What one requester has been sent and has shown it received, so a client that re-requests on every packet it
 * processes while behind (nassau's {@code MoldUDP64Client} does: each request starts after the packet it just
 * read) gets each message once, paced by its own progress, instead of the whole rest of the range again each time.
 *
 * <p>A request [from, to] says the requester holds everything before {@code from}. The flow sends what it has not
 * sent yet, at most {@code window} messages ahead of {@code from}, and in steps of at least half a window unless
 * that completes the request. It sends from {@code from} again (a restart) when the requester is past everything
 * sent, or when it shows no progress and nothing was sent to it for the retry interval: what was sent must have
 * been lost.
 */
final class RequesterFlow
{
    private long acknowledged;
    private long sentThrough;
    private long lastSentNanos = Long.MIN_VALUE / 2;
    private long refusedNanos = Long.MIN_VALUE / 2;
    private long planFrom;
    private long planTo;
    private boolean planRestart;

    /**
     * Plans the answer to a request; {@link #planFrom()} > {@link #planTo()} when nothing is to be sent now.
     *
     * @param from         first sequence requested: the requester holds everything before it.
     * @param to           last sequence requested (clamped to what can be sent).
     * @param window       messages sent ahead of {@code from} at most.
     * @param retryNanos   silence after which a request without progress restarts from {@code from}.
     * @param nowNanos     the time.
     */
    void plan(final long from, final long to, final int window, final long retryNanos, final long nowNanos)
    {
        final boolean progress = from > acknowledged;
        final boolean silent = nowNanos - lastSentNanos >= retryNanos;
        planRestart = from > sentThrough || (!progress && silent);
        planFrom = planRestart ? from : sentThrough + 1;
        planTo = Math.min(to, from + window - 1);
        if (!planRestart && planTo < to && planTo - planFrom + 1 < window / 2)
        {
            planTo = planFrom - 1;
        }
        if (progress)
        {
            acknowledged = from;
        }
    }

    long planFrom()
    {
        return planFrom;
    }

    long planTo()
    {
        return planTo;
    }

    /**
     * @return whether the plan starts over from the requested sequence (fresh, or a resend after a loss): that is
     * what costs a rate-limit token; extending a flow the requester is consuming does not.
     */
    boolean planRestart()
    {
        return planRestart;
    }

    /**
     * The plan is being sent.
     */
    void sent(final long nowNanos)
    {
        sentThrough = Math.max(sentThrough, planTo);
        lastSentNanos = nowNanos;
    }

    /**
     * At most one refusal per interval: a client that asks again on every packet it receives would otherwise
     * turn refusals into a request/refusal ping-pong.
     */
    boolean mayRefuse(final long nowNanos, final long intervalNanos)
    {
        if (nowNanos - refusedNanos <= intervalNanos)
        {
            return false;
        }
        refusedNanos = nowNanos;
        return true;
    }
}
