package io.disruptorx.marketdata.server.tcp;

/**
 * A frame that cannot be a packet; the connection is closed after the handler has counted it.
 */
public enum FrameError
{
    /** Length field 0: not even a packet type. */
    EMPTY,
    /** Length field beyond what the server accepts from a client. */
    OVERSIZED
}
