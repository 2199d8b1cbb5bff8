package io.disruptorx.gateway.fix;

/**
 * Connections the FIX acceptor's listener closes itself, by kind: before their Logon was answered (slow-loris, bytes
 * that are not FIX, a first message that is not a Logon, a Logon longer than {@link FixFrames#MAX_LOGON_BYTES}) and,
 * at any time, a message longer than the receive buffer ({@link FixFrames#MAX_MESSAGE_BYTES}). Written by Artio's
 * framer thread only; read by monitoring from any thread.
 */
public final class FixConnectionCounters
{
    volatile long loginTimeouts;
    volatile long notFix;
    volatile long notLoggedIn;
    volatile long oversized;

    /**
     * @return connections closed because the acceptor had not answered a Logon within the login timeout of their
     * accept: nothing sent, a Logon trickled in too slowly, or one the acceptor could not take (a bad checksum).
     */
    public long loginTimeouts()
    {
        return loginTimeouts;
    }

    /**
     * @return connections closed because their first bytes were not the start of a FIX message ({@code 8=FIX},
     * BodyLength(9), MsgType(35)).
     */
    public long notFix()
    {
        return notFix;
    }

    /**
     * @return connections closed because their first FIX message was not a Logon.
     */
    public long notLoggedIn()
    {
        return notLoggedIn;
    }

    /**
     * @return connections closed because a message's BodyLength(9) made it longer than a Logon may be (before the
     * Logon) or than the receive buffer holds (after it), decided before its body was read.
     */
    public long oversized()
    {
        return oversized;
    }
}
