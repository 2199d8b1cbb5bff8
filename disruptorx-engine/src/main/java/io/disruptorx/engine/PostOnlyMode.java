package io.disruptorx.engine;

/**
 * What a post-only order does when it would trade on arrival.
 */
public enum PostOnlyMode
{
    /** Reject it with {@link RejectReason#POST_ONLY_WOULD_TRADE}. */
    REJECT,

    /** Rest it one tick away from the best opposite price (a buy below the best ask, a sell above the best bid). */
    REPRICE
}
