package io.disruptorx.marketdata.server.tcp;

/**
 * Why a connection ended.
 */
public enum CloseReason
{
    /** The peer closed its end. */
    PEER_CLOSED,
    /** Reading or writing failed (reset by the peer, broken pipe). */
    IO_ERROR,
    /** A frame that cannot be a packet ({@link FrameError}). */
    BAD_FRAME,
    /** The server's protocol closed it (logout, rejected login, end of session, timeout, ...). */
    BY_SERVER,
    /** The server shut down. */
    SERVER_CLOSED
}
