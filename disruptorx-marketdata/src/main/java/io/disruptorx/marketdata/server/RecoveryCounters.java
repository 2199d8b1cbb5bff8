package io.disruptorx.marketdata.server;

/**
 * What the {@link RecoveryServer} saw and did, one counter per kind of request and of bad input; written by the
 * server's agent thread, readable from any thread.
 */
public final class RecoveryCounters extends SingleWriterCounters
{
    static final int CONNECTIONS = 0;
    static final int SNAPSHOTS_SERVED = 1;
    static final int RETRANSMIT_REQUESTS = 2;
    static final int RATE_LIMITED = 3;
    static final int TOO_OLD = 4;
    static final int UNAVAILABLE = 5;
    static final int UNKNOWN_TYPE = 6;
    static final int TRUNCATED = 7;
    static final int OVERSIZED = 8;
    static final int EMPTY_FRAMES = 9;
    static final int OVERSIZED_FRAMES = 10;
    static final int INVALID_RANGE = 11;
    static final int BEYOND_END = 12;
    static final int DISCONNECTS = 13;
    static final int IDLE_TIMEOUTS = 14;
    private static final int COUNT = 15;

    RecoveryCounters()
    {
        super(COUNT);
    }

    /**
     * @return bad requests of every kind: the sum of the kinds below.
     */
    public long badRequests()
    {
        return unknownType() + truncated() + oversized() + emptyFrames() + oversizedFrames() + invalidRange() +
            beyondEnd();
    }

    /**
     * @return connections closed because they neither completed a request nor took a byte for the idle timeout
     * (slow-loris).
     */
    public long idleTimeouts()
    {
        return get(IDLE_TIMEOUTS);
    }

    /**
     * @return connections accepted.
     */
    public long connections()
    {
        return get(CONNECTIONS);
    }

    /**
     * @return snapshots served.
     */
    public long snapshotsServed()
    {
        return get(SNAPSHOTS_SERVED);
    }

    /**
     * @return retransmission requests received.
     */
    public long retransmitRequests()
    {
        return get(RETRANSMIT_REQUESTS);
    }

    /**
     * @return requests refused by the rate limit.
     */
    public long rateLimited()
    {
        return get(RATE_LIMITED);
    }

    /**
     * @return retransmission requests answered "too old".
     */
    public long tooOld()
    {
        return get(TOO_OLD);
    }

    /**
     * @return snapshot requests answered "unavailable" (the server's book lost track of the store).
     */
    public long unavailable()
    {
        return get(UNAVAILABLE);
    }

    /**
     * @return requests of an unknown type.
     */
    public long unknownType()
    {
        return get(UNKNOWN_TYPE);
    }

    /**
     * @return requests shorter than their type's payload.
     */
    public long truncated()
    {
        return get(TRUNCATED);
    }

    /**
     * @return requests longer than their type's payload.
     */
    public long oversized()
    {
        return get(OVERSIZED);
    }

    /**
     * @return frames with length 0 (the connection is closed).
     */
    public long emptyFrames()
    {
        return get(EMPTY_FRAMES);
    }

    /**
     * @return frames longer than any request (the connection is closed).
     */
    public long oversizedFrames()
    {
        return get(OVERSIZED_FRAMES);
    }

    /**
     * @return retransmission requests for sequence 0 or count 0.
     */
    public long invalidRange()
    {
        return get(INVALID_RANGE);
    }

    /**
     * @return retransmission requests beyond the end of the feed.
     */
    public long beyondEnd()
    {
        return get(BEYOND_END);
    }

    /**
     * @return connections that ended in an I/O error (reset by the peer, broken pipe).
     */
    public long disconnects()
    {
        return get(DISCONNECTS);
    }
}
