package io.disruptorx.marketdata.server;

/**
 * What the {@link RetransmitServer} saw and did, one counter per kind: written by the server's agent thread,
 * readable from any thread. Bad requests are counted by what was wrong with them; none of them is an error of
 * ours (those reach the agent host's error handler instead).
 */
public final class RetransmitCounters extends SingleWriterCounters
{
    static final int RECEIVED = 0;
    static final int TRUNCATED = 1;
    static final int OVERSIZED = 2;
    static final int WRONG_SESSION = 3;
    static final int INVALID_COUNT = 4;
    static final int INVALID_SEQUENCE = 5;
    static final int BEYOND_END = 6;
    static final int TOO_OLD = 7;
    static final int RATE_LIMITED = 8;
    static final int CLAMPED = 9;
    static final int COALESCED = 10;
    static final int RANGES_SENT = 11;
    static final int PACKETS_BUILT = 12;
    static final int DATAGRAMS_SENT = 13;
    static final int MESSAGES_RETRANSMITTED = 14;
    static final int REQUESTS_REPEATED = 15;
    static final int MESSAGES_NOT_REPEATED = 16;
    static final int SEND_FAILURES = 17;
    static final int RECEIVE_FAILURES = 18;
    private static final int COUNT = 19;

    RetransmitCounters()
    {
        super(COUNT);
    }

    /**
     * @return request packets received, well formed or not.
     */
    public long requestsReceived()
    {
        return get(RECEIVED);
    }

    /**
     * @return malformed request packets ignored: the sum of the kinds below.
     */
    public long requestsMalformed()
    {
        return truncated() + oversized() + wrongSession() + invalidCount() + invalidSequence();
    }

    /**
     * @return requests shorter than a request packet.
     */
    public long truncated()
    {
        return get(TRUNCATED);
    }

    /**
     * @return requests longer than a request packet.
     */
    public long oversized()
    {
        return get(OVERSIZED);
    }

    /**
     * @return requests for another session.
     */
    public long wrongSession()
    {
        return get(WRONG_SESSION);
    }

    /**
     * @return requests with count 0 or 0xFFFF.
     */
    public long invalidCount()
    {
        return get(INVALID_COUNT);
    }

    /**
     * @return requests for sequence 0.
     */
    public long invalidSequence()
    {
        return get(INVALID_SEQUENCE);
    }

    /**
     * @return requests beyond the end of the feed, ignored.
     */
    public long requestsBeyondEnd()
    {
        return get(BEYOND_END);
    }

    /**
     * @return requests for messages the store no longer holds.
     */
    public long requestsTooOld()
    {
        return get(TOO_OLD);
    }

    /**
     * @return requests refused by the rate limit.
     */
    public long requestsRateLimited()
    {
        return get(RATE_LIMITED);
    }

    /**
     * @return requests whose range was clamped.
     */
    public long requestsClamped()
    {
        return get(CLAMPED);
    }

    /**
     * @return requests answered by another request's response.
     */
    public long requestsCoalesced()
    {
        return get(COALESCED);
    }

    /**
     * @return distinct ranges read from the store and sent.
     */
    public long rangesSent()
    {
        return get(RANGES_SENT);
    }

    /**
     * @return retransmission packets built (each sent once to the shared sink, or to each requester).
     */
    public long retransmissionPackets()
    {
        return get(PACKETS_BUILT);
    }

    /**
     * @return datagrams sent (responses and refusals).
     */
    public long datagramsSent()
    {
        return get(DATAGRAMS_SENT);
    }

    /**
     * @return messages read from the store into responses.
     */
    public long messagesRetransmitted()
    {
        return get(MESSAGES_RETRANSMITTED);
    }

    /**
     * @return requests not answered at all because everything they asked for was just sent to the requester.
     */
    public long requestsRepeated()
    {
        return get(REQUESTS_REPEATED);
    }

    /**
     * @return requested messages not sent because they were just sent to the same requester.
     */
    public long messagesNotRepeated()
    {
        return get(MESSAGES_NOT_REPEATED);
    }

    /**
     * @return datagrams the operating system refused to send.
     */
    public long sendFailures()
    {
        return get(SEND_FAILURES);
    }

    /**
     * @return receives that failed with an I/O error.
     */
    public long receiveFailures()
    {
        return get(RECEIVE_FAILURES);
    }

    @Override
    public String toString()
    {
        return "received=" + requestsReceived() + " truncated=" + truncated() + " oversized=" + oversized() +
            " wrongSession=" + wrongSession() + " invalidCount=" + invalidCount() + " invalidSequence=" +
            invalidSequence() + " beyondEnd=" + requestsBeyondEnd() + " tooOld=" + requestsTooOld() +
            " rateLimited=" + requestsRateLimited() + " clamped=" + requestsClamped() + " coalesced=" +
            requestsCoalesced() + " ranges=" + rangesSent() + " packets=" + retransmissionPackets() + " datagrams=" +
            datagramsSent() + " resent=" + messagesRetransmitted() + " repeated=" + requestsRepeated() +
            " notRepeated=" + messagesNotRepeated() + " sendFailures=" + sendFailures();
    }
}
