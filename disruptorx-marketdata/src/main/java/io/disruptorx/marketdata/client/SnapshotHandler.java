package io.disruptorx.marketdata.client;

import org.agrona.DirectBuffer;

/**
 * Loads a snapshot's frames into the client's state.
 */
@FunctionalInterface
public interface SnapshotHandler
{
    /**
     * @param buffer holding the frames.
     * @param offset where they start.
     * @param length their length.
     * @return the feed sequence the snapshot reflects, or -1 when it could not be loaded.
     */
    long load(DirectBuffer buffer, int offset, int length);
}
