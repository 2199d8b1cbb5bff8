package io.disruptorx.node.http;

import java.util.Arrays;

import io.disruptorx.dashboard.MarketView;
import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.marketdata.server.RecoveryServer;
import io.disruptorx.marketdata.server.StoreBookTap;
import org.agrona.collections.IntHashSet;

/**
 * The dashboard's view of the node's market data, read from the book the feed already keeps: the feed's recovery
 * server follows the feed's message store with a book of its own ({@code StoreBook}, on the feed's server thread),
 * and while a page is open this tap is attached to it ({@link RecoveryServer#tap}). On that thread it copies the
 * whole book into the {@link MarketView} when attached, passes each trade on as it is applied, and notes each book
 * that changed; the noted books' top levels are copied into the view once, at the end of the feed's first catch-up
 * after the dashboard asked ({@link #requestCopy()}, once per update tick, at most ten times a second). So the feed's
 * messages are applied to one book, not two, and the dashboard's HTTP thread only reads the view (its sequence locks).
 * Nothing runs on the node's rings for it and nothing is sent to it: no socket, no thread of its own, no snapshot.
 * <p>
 * It runs only while a page is open: {@link #start()} (the first page) asks the recovery server to attach it, which
 * forgets the view's books and loads the feed's book as it is then; {@link #stop()} (the last page) asks it to detach.
 * Should the feed's book ever lose track of the store (the recovery server then serves no snapshot either), the view
 * shows no book and the state {@link FeedState#RECOVERING}.
 */
final class FeedTap implements StoreBookTap
{
    private final RecoveryServer recovery;
    private final MarketView market;
    private final IntHashSet noted = new IntHashSet();
    private InstrumentBook[] changed = new InstrumentBook[16];
    private int count;
    private boolean stale;
    private long told;
    private volatile boolean copyWanted;
    private volatile boolean attached;
    private volatile long applied;
    private volatile long booksLoaded;
    private long sequence;

    /**
     * @param recovery the feed's recovery server, whose book it reads.
     * @param market   the view the pages show.
     */
    FeedTap(final RecoveryServer recovery, final MarketView market)
    {
        this.recovery = recovery;
        this.market = market;
    }

    /**
     * Asks the feed to attach the tap (the first page opened).
     */
    void start()
    {
        recovery.tap(this);
    }

    /**
     * Asks the feed to detach the tap (the last page closed).
     */
    void stop()
    {
        recovery.tap(null);
    }

    /**
     * Asks for the changed books to be copied into the view at the end of the feed's next catch-up (the dashboard's
     * tick, before it builds the pages' updates: those show what the previous request copied, at most a tick old).
     */
    void requestCopy()
    {
        copyWanted = true;
    }

    /**
     * @return whether the feed's thread has it attached now (it follows the feed: attached after a {@link #start()},
     *     until the feed's thread has seen a {@link #stop()}).
     */
    boolean running()
    {
        return attached;
    }

    /**
     * @return feed messages told to it (applied to the feed's book while attached) since it was made.
     */
    long applied()
    {
        return applied;
    }

    /**
     * @return times the feed's whole book was loaded into the view (once per attachment).
     */
    long booksLoaded()
    {
        return booksLoaded;
    }

    @Override
    public void onAttached(final MarketBook book, final long sequence, final boolean lostTrack)
    {
        discard();
        this.sequence = sequence;
        market.resubscribing();
        stale = lostTrack;
        if (lostTrack)
        {
            warnStale();
        }
        else
        {
            for (int i = 0; i < book.bookCount(); i++)
            {
                market.onBookChanged(sequence, book.bookAt(i));
            }
            market.onSnapshotLoaded(sequence);
            market.onFeedState(FeedState.SYNCHRONIZED);
        }
        booksLoaded = booksLoaded + 1;
        attached = true;
    }

    @Override
    public void onBookChanged(final long sequence, final InstrumentBook book)
    {
        if (noted.add(book.instrumentId()))
        {
            if (count == changed.length)
            {
                changed = Arrays.copyOf(changed, count * 2);
            }
            changed[count++] = book;
        }
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
        market.onTrade(sequence, timestamp, instrumentId, tradeId, price, quantity, aggressorSide);
    }

    @Override
    public void onCaughtUp(final long sequence, final boolean lostTrack)
    {
        if (sequence != this.sequence)
        {
            told += sequence - this.sequence;
            applied = told;
            this.sequence = sequence;
        }
        if (lostTrack)
        {
            if (!stale)
            {
                stale = true;
                discard();
                market.resubscribing();
                warnStale();
            }
            return;
        }
        if (copyWanted)
        {
            copyWanted = false;
            for (int i = 0; i < count; i++)
            {
                market.onBookChanged(sequence, changed[i]);
            }
            discard();
        }
    }

    @Override
    public void onDetached()
    {
        discard();
        attached = false;
    }

    private void discard()
    {
        for (int i = 0; i < count; i++)
        {
            changed[i] = null;
        }
        count = 0;
        noted.clear();
    }

    private static void warnStale()
    {
        System.err.println("dx dashboard: the feed's book lost track of its message store (the recovery server " +
            "serves no snapshot either); the dashboard shows no book");
    }
}
