package io.disruptorx.marketdata;

/**
 * A feed client's state.
 */
public enum FeedState
{
    /** Every message up to the highest known sequence has been applied. */
    SYNCHRONIZED,
    /** A gap is open: waiting for the other line, re-requesting, or loading a snapshot. */
    RECOVERING,
    /** The server ended the session. */
    ENDED
}
