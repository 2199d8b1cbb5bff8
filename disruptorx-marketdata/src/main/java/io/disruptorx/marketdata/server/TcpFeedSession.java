package io.disruptorx.marketdata.server;

/**
 * One SoupBinTCP client of the {@link TcpFeedServer}: whether it logged in, the next sequence it is to receive,
 * whether it was sent end of session, when it last sent a whole packet.
 */
final class TcpFeedSession
{
    private long nextSequence;
    private boolean endSent;
    private long lastPacketNanos;

    TcpFeedSession(final long nowNanos)
    {
        this.lastPacketNanos = nowNanos;
    }

    /**
     * @return when the client last sent a whole packet (or connected): bytes of a packet trickled in do not count.
     */
    long lastPacketNanos()
    {
        return lastPacketNanos;
    }

    void packetReceived(final long nowNanos)
    {
        this.lastPacketNanos = nowNanos;
    }

    boolean loggedIn()
    {
        return nextSequence > 0;
    }

    long nextSequence()
    {
        return nextSequence;
    }

    void nextSequence(final long sequence)
    {
        this.nextSequence = sequence;
    }

    boolean endSent()
    {
        return endSent;
    }

    void endSent(final boolean sent)
    {
        this.endSent = sent;
    }
}
