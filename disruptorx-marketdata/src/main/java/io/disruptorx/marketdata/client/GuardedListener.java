package io.disruptorx.marketdata.client;

import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.InstrumentBook;
import org.agrona.ErrorHandler;

/**
 * The user's listener; what it throws is counted and reported, and the client goes on (the book was updated
 * before the callback).
 */
final class GuardedListener implements MarketDataListener
{
    private final MarketDataListener delegate;
    private final ErrorHandler onError;

    GuardedListener(final MarketDataListener delegate, final ErrorHandler onError)
    {
        this.delegate = delegate;
        this.onError = onError;
    }

    @Override
    public void onBookChanged(final long sequence, final InstrumentBook book)
    {
        try
        {
            delegate.onBookChanged(sequence, book);
        }
        catch (final RuntimeException ex)
        {
            onError.onError(ex);
        }
    }

    @Override
    public void onTrade(
        final long sequence,
        final long timestamp,
        final int instrumentId,
        final long tradeId,
        final long price,
        final long quantity,
        final int aggressorSide)
    {
        try
        {
            delegate.onTrade(sequence, timestamp, instrumentId, tradeId, price, quantity, aggressorSide);
        }
        catch (final RuntimeException ex)
        {
            onError.onError(ex);
        }
    }

    @Override
    public void onInstrumentStatus(final long sequence, final InstrumentBook book)
    {
        try
        {
            delegate.onInstrumentStatus(sequence, book);
        }
        catch (final RuntimeException ex)
        {
            onError.onError(ex);
        }
    }

    @Override
    public void onFeedState(final FeedState state)
    {
        try
        {
            delegate.onFeedState(state);
        }
        catch (final RuntimeException ex)
        {
            onError.onError(ex);
        }
    }

    @Override
    public void onSnapshotLoaded(final long sequence)
    {
        try
        {
            delegate.onSnapshotLoaded(sequence);
        }
        catch (final RuntimeException ex)
        {
            onError.onError(ex);
        }
    }
}
