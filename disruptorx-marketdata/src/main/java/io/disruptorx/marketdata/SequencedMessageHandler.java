package io.disruptorx.marketdata;

import org.agrona.DirectBuffer;

/**
 * Receives feed messages in sequence order, each exactly once. The bytes are valid only during the call.
 */
@FunctionalInterface
public interface SequencedMessageHandler
{
    /**
     * @param sequence feed sequence.
     * @param buffer   holding the message.
     * @param offset   where it starts.
     * @param length   its length.
     */
    void onMessage(long sequence, DirectBuffer buffer, int offset, int length);
}
