package io.disruptorx.marketdata.server;

/**
 * What the {@link TcpFeedServer} saw and did, one counter per kind of login outcome and of bad input; written by
 * the server's agent thread, readable from any thread.
 */
public final class TcpFeedCounters extends SingleWriterCounters
{
    static final int CONNECTIONS = 0;
    static final int LOGINS_ACCEPTED = 1;
    static final int LOGINS_MALFORMED = 2;
    static final int LOGINS_UNKNOWN_SESSION = 3;
    static final int LOGINS_SEQUENCE_UNAVAILABLE = 4;
    static final int MESSAGES_SENT = 5;
    static final int HEARTBEATS_SENT = 6;
    static final int UNKNOWN_TYPE = 7;
    static final int UNEXPECTED_PACKETS = 8;
    static final int EMPTY_FRAMES = 9;
    static final int OVERSIZED_FRAMES = 10;
    static final int FELL_BEHIND = 11;
    static final int CLIENT_TIMEOUTS = 12;
    static final int DISCONNECTS = 13;
    static final int SNAPSHOTS_SERVED = 14;
    private static final int COUNT = 15;

    TcpFeedCounters()
    {
        super(COUNT);
    }

    /**
     * @return connections accepted.
     */
    public long connections()
    {
        return get(CONNECTIONS);
    }

    /**
     * @return logins accepted.
     */
    public long loginsAccepted()
    {
        return get(LOGINS_ACCEPTED);
    }

    /**
     * @return logins rejected, for any of the reasons below.
     */
    public long loginsRejected()
    {
        return loginsMalformed() + loginsUnknownSession() + loginsSequenceUnavailable();
    }

    /**
     * @return login requests of the wrong length or with a requested sequence that is not a number.
     */
    public long loginsMalformed()
    {
        return get(LOGINS_MALFORMED);
    }

    /**
     * @return logins to a session this server does not serve.
     */
    public long loginsUnknownSession()
    {
        return get(LOGINS_UNKNOWN_SESSION);
    }

    /**
     * @return logins at a sequence the store no longer holds (or to the snapshot session when its book lost track).
     */
    public long loginsSequenceUnavailable()
    {
        return get(LOGINS_SEQUENCE_UNAVAILABLE);
    }

    /**
     * @return sequenced data packets sent.
     */
    public long messagesSent()
    {
        return get(MESSAGES_SENT);
    }

    /**
     * @return server heartbeats sent.
     */
    public long heartbeatsSent()
    {
        return get(HEARTBEATS_SENT);
    }

    /**
     * @return packets of a type SoupBinTCP does not define (the connection is closed).
     */
    public long unknownType()
    {
        return get(UNKNOWN_TYPE);
    }

    /**
     * @return packets a client may not send in its state (a second login, data before login, unsequenced data).
     */
    public long unexpectedPackets()
    {
        return get(UNEXPECTED_PACKETS);
    }

    /**
     * @return frames with length 0 (the connection is closed).
     */
    public long emptyFrames()
    {
        return get(EMPTY_FRAMES);
    }

    /**
     * @return frames longer than any client packet (the connection is closed).
     */
    public long oversizedFrames()
    {
        return get(OVERSIZED_FRAMES);
    }

    /**
     * @return subscribers that fell behind the store (sent end of session and disconnected).
     */
    public long fellBehind()
    {
        return get(FELL_BEHIND);
    }

    /**
     * @return clients disconnected because nothing arrived from them within the timeout.
     */
    public long clientTimeouts()
    {
        return get(CLIENT_TIMEOUTS);
    }

    /**
     * @return connections closed, whatever the reason.
     */
    public long disconnects()
    {
        return get(DISCONNECTS);
    }

    /**
     * @return snapshot sessions served.
     */
    public long snapshotsServed()
    {
        return get(SNAPSHOTS_SERVED);
    }
}
