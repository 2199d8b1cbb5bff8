package io.disruptorx.engine;

/**
 * The read-only part of {@link MatchingEngine}'s public face: what a host, a report or a test reads of the state
 * between commands (balances and holds, best prices, resting orders, reference prices, transfers, the feed sequence,
 * the whole-state walk). Nothing here is a command: it changes nothing and emits no event. The questions that are
 * commands, answered with events ({@link MatchingEngine#queryBalances}, {@link MatchingEngine#queryOpenOrders}), are
 * in the command stream, so they stay on {@link MatchingEngine} with the other commands.
 *
 * <p>{@link MatchingEngine} is its only subclass: the engine stays one public type to its callers while its commands
 * and its reads live in two files. The answers come from {@link EngineQueries} and the {@link TransferBook}; none of
 * these methods is on the command path.
 */
abstract class EngineView
{
    private final EngineState state;
    private final EngineQueries queries;

    EngineView(final EngineState state)
    {
        this.state = state;
        this.queries = new EngineQueries(state);
    }

    /**
     * @param transferId a transfer id.
     * @return where that transfer stands on this shard.
     */
    public TransferState transferState(final long transferId)
    {
        final TransferBook.Transfer transfer = state.transfers.get(transferId);
        return transfer == null ? TransferState.NONE : transfer.state;
    }

    /**
     * @param accountId account.
     * @param assetId   asset.
     * @return what the account has sent out of this shard and not yet settled (in no balance; walks the transfers).
     */
    public long inFlight(final long accountId, final int assetId)
    {
        return state.transfers.inFlight(accountId, assetId);
    }

    /**
     * @param accountId account.
     * @param assetId   asset.
     * @return its balance, 0 for an unknown account.
     */
    public long balance(final long accountId, final int assetId)
    {
        return queries.balance(accountId, assetId);
    }

    /**
     * @param accountId account.
     * @param assetId   asset.
     * @return what open orders hold of it, 0 for an unknown account.
     */
    public long held(final long accountId, final int assetId)
    {
        return queries.held(accountId, assetId);
    }

    /**
     * @param instrumentId instrument.
     * @return the best bid, or 0 when there is none or no such instrument.
     */
    public long bestBid(final int instrumentId)
    {
        return queries.bestPrice(instrumentId, Side.BUY);
    }

    /**
     * @param instrumentId instrument.
     * @return the best ask, or 0 when there is none or no such instrument.
     */
    public long bestAsk(final int instrumentId)
    {
        return queries.bestPrice(instrumentId, Side.SELL);
    }

    /**
     * @param orderId engine order id.
     * @return the open quantity of a resting order, 0 when it does not rest.
     */
    public long openQuantity(final long orderId)
    {
        return queries.openQuantity(orderId);
    }

    /**
     * @param orderId engine order id.
     * @return the timestamp of the command that put a resting order where it rests (its NewOrder, or the
     * ReplaceOrder that made it lose priority), as the feed's OrderAdded for it carried; 0 when it does not rest or
     * was restored from a version 1 snapshot.
     */
    public long entryTime(final long orderId)
    {
        return queries.entryTime(orderId);
    }

    /**
     * @return number of resting orders over all instruments.
     */
    public int restingOrderCount()
    {
        return queries.restingOrderCount();
    }

    /**
     * @param instrumentId instrument.
     * @return its reference price (the last trade price), 0 for an unknown instrument.
     */
    public long referencePrice(final int instrumentId)
    {
        return queries.referencePrice(instrumentId);
    }

    /**
     * Walks the whole state for reports and tools (not for the hot path: it visits every level and account).
     *
     * @param visitor receives instruments, levels and balances in deterministic order.
     */
    public void visit(final EngineStateVisitor visitor)
    {
        queries.visit(visitor);
    }

    /**
     * @return the feed sequence the next market data event will carry.
     */
    public long nextFeedSequence()
    {
        return queries.nextFeedSequence();
    }
}
