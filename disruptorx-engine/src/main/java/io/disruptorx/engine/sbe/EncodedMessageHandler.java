package io.disruptorx.engine.sbe;

import org.agrona.DirectBuffer;

/**
 * Receives one complete encoded SBE message (header and body). The bytes are only valid during the call.
 */
@FunctionalInterface
public interface EncodedMessageHandler
{
    /**
     * @param buffer holding the message.
     * @param offset of the message header.
     * @param length of header and body.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}
