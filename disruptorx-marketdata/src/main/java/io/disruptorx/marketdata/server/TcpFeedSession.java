package io.disruptorx.marketdata.server;

/**
 * One SoupBinTCP client of the {@link TcpFeedServer}: whether it logged in, the next sequence it is to receive,
 * whether it was sent end of session.
 */
final class TcpFeedSession
{
    private long nextSequence;
    private boolean endSent;

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
