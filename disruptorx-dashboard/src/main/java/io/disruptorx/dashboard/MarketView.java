package io.disruptorx.dashboard;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.InstrumentBook;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * What the dashboard knows of the market, as a market data subscriber of the node's feed sees it: per instrument the
 * top of the book, the last price and the volume ({@link InstrumentView}), the trade tape ({@link TradeTape}), the
 * feed sequence and the subscriber's state. One thread writes it (in the {@link MarketDataListener} callbacks, without
 * allocating once an instrument has been seen): a feed subscriber's, or on a node the dashboard's timer thread itself,
 * which brings it up to date from the feed's message store just before it reads it ({@link PageWatch#beforeUpdates});
 * the dashboard's timer thread reads it. Nothing of it runs on the node's rings.
 */
public final class MarketView implements MarketDataListener
{
    private static final int TAPE_CAPACITY = 1024;
    private static final VarHandle SEQUENCE;

    static
    {
        try
        {
            SEQUENCE = MethodHandles.lookup().findVarHandle(MarketView.class, "sequence", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Int2ObjectHashMap<InstrumentView> byId = new Int2ObjectHashMap<>();
    private final TradeTape tape = new TradeTape(TAPE_CAPACITY);
    private volatile InstrumentView[] instruments = new InstrumentView[0];
    private volatile long sequence;
    private volatile FeedState state = FeedState.RECOVERING;
    private volatile boolean connected;

    /**
     * Marks the view as fed by a subscriber; without one the page says there is no market data.
     */
    public void connected()
    {
        connected = true;
    }

    /**
     * @return whether a subscriber feeds this view.
     */
    public boolean isConnected()
    {
        return connected;
    }

    /**
     * Forgets the books before a new subscriber starts (from a snapshot) where an earlier one stopped, so that a page
     * never shows a book from before the gap: the state is {@link FeedState#RECOVERING} until the snapshot loads.
     * Call only while no subscriber writes (the last one closed, the next not yet started). The trades, the last
     * price, the volume and the candles stay.
     */
    public void resubscribing()
    {
        state = FeedState.RECOVERING;
        for (final InstrumentView view : instruments)
        {
            view.reset();
        }
    }

    @Override
    public void onBookChanged(final long sequence, final InstrumentBook book)
    {
        view(book.instrumentId()).copyBook(sequence, book);
        SEQUENCE.setRelease(this, sequence);
    }

    @Override
    public void onInstrumentStatus(final long sequence, final InstrumentBook book)
    {
        onBookChanged(sequence, book);
    }

    @Override
    public void onTrade(final long sequence, final long timestamp, final int instrumentId, final long tradeId,
        final long price, final long quantity, final int aggressorSide)
    {
        tape.add(tradeId, timestamp, instrumentId, price, quantity, aggressorSide);
        view(instrumentId).trade(timestamp, price, quantity);
        SEQUENCE.setRelease(this, sequence);
    }

    @Override
    public void onFeedState(final FeedState state)
    {
        this.state = state;
    }

    /**
     * A snapshot's books came just before (each in {@link #onBookChanged} with the snapshot's sequence): an
     * instrument the snapshot did not name has no book now.
     */
    @Override
    public void onSnapshotLoaded(final long sequence)
    {
        for (final InstrumentView view : instruments)
        {
            if (view.bookSequence() != sequence)
            {
                view.reset();
            }
        }
        SEQUENCE.setRelease(this, sequence);
    }

    private InstrumentView view(final int instrumentId)
    {
        InstrumentView view = byId.get(instrumentId);
        if (view == null)
        {
            view = new InstrumentView(instrumentId);
            byId.put(instrumentId, view);
            final InstrumentView[] more = Arrays.copyOf(instruments, instruments.length + 1);
            more[more.length - 1] = view;
            Arrays.sort(more, (a, b) -> Integer.compare(a.instrumentId(), b.instrumentId()));
            instruments = more;
        }
        return view;
    }

    /**
     * @return the instruments seen so far, by id.
     */
    public InstrumentView[] instruments()
    {
        return instruments;
    }

    /**
     * @param instrumentId an instrument.
     * @return its view, or null when the feed has not mentioned it.
     */
    public InstrumentView instrument(final int instrumentId)
    {
        for (final InstrumentView view : instruments)
        {
            if (view.instrumentId() == instrumentId)
            {
                return view;
            }
        }
        return null;
    }

    /**
     * @return the trade tape.
     */
    public TradeTape tape()
    {
        return tape;
    }

    /**
     * @return the feed sequence of the last message applied.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * @return the subscriber's state.
     */
    public FeedState state()
    {
        return state;
    }
}
