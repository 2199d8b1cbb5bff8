package io.disruptorx.marketdata.client;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A feed client's counters. The client's thread writes them with release stores (plain stores on x86, no
 * lock); any thread may read them.
 */
public final class FeedClientCounters
{
    static final int PACKETS_A = 0;
    static final int PACKETS_B = 1;
    static final int PACKETS_RETRANSMITTED = 2;
    static final int MESSAGES_DELIVERED = 3;
    static final int DUPLICATES_DROPPED = 4;
    static final int GAPS_DETECTED = 5;
    static final int GAPS_FILLED = 6;
    static final int REQUESTS_SENT = 7;
    static final int MESSAGES_RECOVERED = 8;
    static final int SNAPSHOTS_REQUESTED = 9;
    static final int SNAPSHOTS_LOADED = 10;
    static final int SNAPSHOT_FAILURES = 11;
    static final int DROPPED_BY_SNAPSHOT = 12;
    static final int TOO_OLD = 13;
    static final int RATE_LIMITED = 14;
    static final int HEARTBEATS = 15;
    static final int GARBAGE = 16;
    static final int BUFFER_OVERFLOWS = 17;
    static final int LAST_RECOVERY_NANOS = 18;
    static final int COPIES_FROM_OTHER_LINE = 19;
    static final int REPEATED_ON_LINE = 20;
    static final int RESENT_ALREADY_HELD = 21;
    static final int OVERSIZED_DROPPED = 22;
    static final int LISTENER_ERRORS = 23;
    static final int REQUEST_FAILURES = 24;
    static final int ERRORS = 25;
    private static final int COUNT = 26;

    private final AtomicLongArray values = new AtomicLongArray(COUNT);

    void increment(final int counter)
    {
        values.lazySet(counter, values.get(counter) + 1);
    }

    void add(final int counter, final long delta)
    {
        values.lazySet(counter, values.get(counter) + delta);
    }

    long value(final int counter)
    {
        return values.get(counter);
    }

    void set(final int counter, final long value)
    {
        values.lazySet(counter, value);
    }

    /**
     * @return packets received on line A.
     */
    public long packetsA()
    {
        return values.get(PACKETS_A);
    }

    /**
     * @return packets received on line B.
     */
    public long packetsB()
    {
        return values.get(PACKETS_B);
    }

    /**
     * @return retransmission responses received.
     */
    public long packetsRetransmitted()
    {
        return values.get(PACKETS_RETRANSMITTED);
    }

    /**
     * @return messages delivered in sequence.
     */
    public long messagesDelivered()
    {
        return values.get(MESSAGES_DELIVERED);
    }

    /**
     * @return every copy dropped because its message was already delivered or buffered: the sum of
     * {@link #copiesFromOtherLine()}, {@link #repeatedOnLine()} and {@link #resentAlreadyHeld()}.
     */
    public long duplicatesDropped()
    {
        return values.get(DUPLICATES_DROPPED);
    }

    /**
     * @return copies dropped by A/B arbitration: the second copy of a message, from the other line. On two healthy
     * lines this is about one per message delivered; it says both lines work, not that anything went wrong.
     */
    public long copiesFromOtherLine()
    {
        return values.get(COPIES_FROM_OTHER_LINE);
    }

    /**
     * @return copies a line delivered again after already carrying them: true duplicates (the network or the
     * sender repeated a packet); 0 expected.
     */
    public long repeatedOnLine()
    {
        return values.get(REPEATED_ON_LINE);
    }

    /**
     * @return retransmitted messages that were already held (a line delivered them before the answer came).
     */
    public long resentAlreadyHeld()
    {
        return values.get(RESENT_ALREADY_HELD);
    }

    /**
     * @return gaps detected.
     */
    public long gapsDetected()
    {
        return values.get(GAPS_DETECTED);
    }

    /**
     * @return gaps closed (by the other line, a retransmission or a snapshot).
     */
    public long gapsFilled()
    {
        return values.get(GAPS_FILLED);
    }

    /**
     * @return retransmission requests sent.
     */
    public long requestsSent()
    {
        return values.get(REQUESTS_SENT);
    }

    /**
     * @return messages delivered that came from retransmission responses.
     */
    public long messagesRecovered()
    {
        return values.get(MESSAGES_RECOVERED);
    }

    /**
     * @return snapshots requested.
     */
    public long snapshotsRequested()
    {
        return values.get(SNAPSHOTS_REQUESTED);
    }

    /**
     * @return snapshots loaded.
     */
    public long snapshotsLoaded()
    {
        return values.get(SNAPSHOTS_LOADED);
    }

    /**
     * @return snapshot fetches that failed.
     */
    public long snapshotFailures()
    {
        return values.get(SNAPSHOT_FAILURES);
    }

    /**
     * @return buffered messages dropped because a snapshot already reflected them.
     */
    public long droppedBySnapshot()
    {
        return values.get(DROPPED_BY_SNAPSHOT);
    }

    /**
     * @return "too old" refusals received.
     */
    public long tooOld()
    {
        return values.get(TOO_OLD);
    }

    /**
     * @return "rate limited" refusals received.
     */
    public long rateLimited()
    {
        return values.get(RATE_LIMITED);
    }

    /**
     * @return heartbeats received.
     */
    public long heartbeats()
    {
        return values.get(HEARTBEATS);
    }

    /**
     * @return packets ignored as malformed or of another session.
     */
    public long garbage()
    {
        return values.get(GARBAGE);
    }

    /**
     * @return times the gap buffer could not hold the traffic ahead of a gap.
     */
    public long bufferOverflows()
    {
        return values.get(BUFFER_OVERFLOWS);
    }

    /**
     * @return duration of the last closed gap, from detection to filled, in nanoseconds.
     */
    public long lastRecoveryNanos()
    {
        return values.get(LAST_RECOVERY_NANOS);
    }

    /**
     * @return messages received ahead of a gap and longer than the configured maximum message length, so not
     * buffered: each is fetched again once the gap reaches it.
     */
    public long oversizedDropped()
    {
        return values.get(OVERSIZED_DROPPED);
    }

    /**
     * @return exceptions thrown by the {@link io.disruptorx.marketdata.MarketDataListener} (the user's code): each
     * is counted and reported, and the client goes on with the next callback; the book itself was already updated.
     */
    public long listenerErrors()
    {
        return values.get(LISTENER_ERRORS);
    }

    /**
     * @return retransmission requests that could not be sent (a send error such as an unreachable network). They
     * are included in {@link #requestsSent()} and retried, with backoff, like an unanswered request.
     */
    public long requestFailures()
    {
        return values.get(REQUEST_FAILURES);
    }

    /**
     * @return other exceptions on the client's thread (a selector error, a bug): each is counted and reported,
     * and the client goes {@link io.disruptorx.marketdata.FeedState#RECOVERING} and reloads a snapshot, since
     * what it was handling may be half done.
     */
    public long errors()
    {
        return values.get(ERRORS);
    }

    @Override
    public String toString()
    {
        return "packetsA=" + packetsA() + " packetsB=" + packetsB() + " retransmitted=" + packetsRetransmitted() +
            " delivered=" + messagesDelivered() + " otherLineCopies=" + copiesFromOtherLine() + " duplicates=" +
            repeatedOnLine() + " resentAlreadyHeld=" + resentAlreadyHeld() + " gaps=" + gapsDetected() +
            " filled=" + gapsFilled() + " requests=" + requestsSent() + " recovered=" + messagesRecovered() +
            " snapshots=" + snapshotsLoaded() + "/" + snapshotsRequested() + " tooOld=" + tooOld() +
            " rateLimited=" + rateLimited() + " garbage=" + garbage() + " overflows=" + bufferOverflows() +
            " oversized=" + oversizedDropped() + " listenerErrors=" + listenerErrors() + " requestFailures=" +
            requestFailures() + " errors=" + errors();
    }
}
