package io.disruptorx.journal;

import org.agrona.DirectBuffer;

/**
 * Receives journal records in sequence order.
 */
@FunctionalInterface
public interface RecordHandler
{
    /**
     * @param sequence sequence of the record.
     * @param buffer   buffer holding the payload; valid only during the call.
     * @param offset   payload offset.
     * @param length   payload length.
     */
    void onRecord(long sequence, DirectBuffer buffer, int offset, int length);
}
