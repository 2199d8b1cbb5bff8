package io.disruptorx.marketdata;

import io.disruptorx.marketdata.book.InstrumentBook;

/**
 * What a feed client tells its user, on the client's thread. Every method has an empty default.
 */
public interface MarketDataListener
{
    /**
     * An instrument's book changed (an order was added, modified or deleted, or a snapshot was loaded).
     *
     * @param sequence feed sequence of the change (the snapshot's sequence for a snapshot).
     * @param book     the book, valid to read during the call.
     */
    default void onBookChanged(long sequence, InstrumentBook book)
    {
    }

    /**
     * A trade.
     *
     * @param sequence      feed sequence.
     * @param timestamp     command timestamp.
     * @param instrumentId  instrument.
     * @param tradeId       trade id.
     * @param price         price.
     * @param quantity      quantity.
     * @param aggressorSide 0 buy, 1 sell.
     */
    default void onTrade(
        long sequence,
        long timestamp,
        int instrumentId,
        long tradeId,
        long price,
        long quantity,
        int aggressorSide)
    {
    }

    /**
     * An instrument's trading state changed.
     *
     * @param sequence feed sequence.
     * @param book     the instrument's book, with its new state.
     */
    default void onInstrumentStatus(long sequence, InstrumentBook book)
    {
    }

    /**
     * The feed client's state changed.
     *
     * @param state new state.
     */
    default void onFeedState(FeedState state)
    {
    }

    /**
     * A snapshot replaced the local books.
     *
     * @param sequence the feed sequence the snapshot reflects.
     */
    default void onSnapshotLoaded(long sequence)
    {
    }
}
