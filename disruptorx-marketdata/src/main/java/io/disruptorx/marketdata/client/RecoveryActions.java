package io.disruptorx.marketdata.client;

/**
 * What the {@link FeedClient} asks its transport to do. Called on the client's thread; must not block.
 */
public interface RecoveryActions
{
    /**
     * Send a retransmission request.
     *
     * @param fromSequence first missing sequence.
     * @param count        how many.
     */
    void requestRetransmission(long fromSequence, int count);

    /**
     * Start fetching a snapshot; deliver it later with {@link FeedClient#onSnapshot} or report the failure
     * with {@link FeedClient#onSnapshotFailed}.
     */
    void requestSnapshot();
}
