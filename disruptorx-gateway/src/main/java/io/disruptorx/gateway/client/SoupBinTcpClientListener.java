package io.disruptorx.gateway.client;

import org.agrona.DirectBuffer;

/**
 * What a {@link SoupBinTcpClient} receives.
 */
public interface SoupBinTcpClientListener
{
    /**
     * @param session        the server's session name.
     * @param sequenceNumber sequence number of the next sequenced message.
     */
    default void onLoginAccepted(String session, long sequenceNumber)
    {
    }

    /**
     * @param reason {@code 'A'} not authorized, {@code 'S'} session or sequence not available.
     */
    default void onLoginRejected(byte reason)
    {
    }

    /**
     * One sequenced message.
     *
     * @param sequenceNumber its sequence number.
     * @param buffer         holding it, valid during the call.
     * @param offset         of its first byte.
     * @param length         of the message.
     */
    void onMessage(long sequenceNumber, DirectBuffer buffer, int offset, int length);

    /**
     * The server ended the session.
     */
    default void onEndOfSession()
    {
    }
}
