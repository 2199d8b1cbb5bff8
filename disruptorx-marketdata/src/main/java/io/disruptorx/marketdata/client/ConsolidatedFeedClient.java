package io.disruptorx.marketdata.client;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.book.MarketBook;

/**
 * Follows several feed sessions at once (one per shard of a sharded venue, each its own MoldUDP64 session with its
 * own sequence numbers, gap recovery and snapshot) and presents their books as one set: each instrument's book is
 * the one of the session that owns the instrument ({@link #owner}). Every session keeps its own {@link MarketBook};
 * none is copied. One thread drives the client ({@link #poll}) and reads the books, as with one
 * {@link FeedClientRunner}.
 *
 * <p>An instrument is normally published by one session only; while it moves between shards both publish it: the
 * source halts it and deletes its orders, the target lists it, restores the orders and trades it. The sessions are
 * not in step with each other (each has its own lines, gaps and recovery), so the owner is chosen from what each
 * session shows, in this order: the session where the instrument trades with orders resting; else the session with
 * the most resting orders for it (the halted source keeps its whole book until the target has restored all of it,
 * ties to the later session in the given order); else, no session holding an order of it, the session where it
 * trades; else the last session that has a book for it at all. One session's book is presented, never a mix, so
 * no order of a moving instrument is counted twice. Between the source's MoveOut and the target's last restore
 * (as this client sees the two sessions) the presented book is halted and may hold part of the orders; a move's
 * target lists the instrument halted (AddInstrument's initial state), so no empty trading book is presented.
 */
public final class ConsolidatedFeedClient implements AutoCloseable
{
    /**
     * One session to follow.
     *
     * @param config    the client's settings for the session (its name among them).
     * @param endpoints where its lines, retransmission and recovery servers are.
     */
    public record Session(FeedClientConfig config, FeedEndpoints endpoints)
    {
    }

    private final FeedClientRunner[] sessions;

    /**
     * Opens one {@link FeedClientRunner} per session (nothing is received until {@link #start}).
     *
     * @param sessions the sessions, in a fixed order (it breaks ties of ownership).
     * @param listener each session's callbacks, on the polling thread.
     */
    public ConsolidatedFeedClient(final List<Session> sessions, final MarketDataListener listener)
    {
        this.sessions = new FeedClientRunner[sessions.size()];
        try
        {
            for (int i = 0; i < this.sessions.length; i++)
            {
                this.sessions[i] = new FeedClientRunner(sessions.get(i).config(), sessions.get(i).endpoints(),
                    listener);
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * Starts every session, driven by {@link #poll} on the caller's thread.
     */
    public void start()
    {
        for (final FeedClientRunner session : sessions)
        {
            session.startManual();
        }
    }

    /**
     * One duty cycle: every session handles what arrived and runs its timers, then the thread parks.
     *
     * @param idleNanos how long to park after the cycle (0: not at all).
     */
    public void poll(final long idleNanos)
    {
        for (final FeedClientRunner session : sessions)
        {
            session.poll(0);
        }
        if (idleNanos > 0)
        {
            LockSupport.parkNanos(idleNanos);
        }
    }

    /**
     * @return sessions followed.
     */
    public int sessionCount()
    {
        return sessions.length;
    }

    /**
     * @param index session index, in the given order.
     * @return its client (its state, counters, own book and line addresses).
     */
    public FeedClientRunner session(final int index)
    {
        return sessions[index];
    }

    /**
     * @param instrumentId instrument.
     * @return index of the session that owns it, or -1 when no session has published it.
     */
    public int owner(final int instrumentId)
    {
        int mostOrders = -1;
        int most = 0;
        int trading = -1;
        int known = -1;
        for (int i = 0; i < sessions.length; i++)
        {
            final InstrumentBook book = sessions[i].book().book(instrumentId);
            if (book == null)
            {
                continue;
            }
            known = i;
            final int orders = book.orderCount();
            if (book.state() == InstrumentBook.TRADING)
            {
                if (orders > 0)
                {
                    return i;
                }
                trading = trading < 0 ? i : trading;
            }
            if (orders > 0 && orders >= most)
            {
                most = orders;
                mostOrders = i;
            }
        }
        if (mostOrders >= 0)
        {
            return mostOrders;
        }
        return trading >= 0 ? trading : known;
    }

    /**
     * @param instrumentId instrument.
     * @return its book, from the session that owns it, or null when no session has published it.
     */
    public InstrumentBook book(final int instrumentId)
    {
        final int owner = owner(instrumentId);
        return owner < 0 ? null : sessions[owner].book().book(instrumentId);
    }

    /**
     * Visits the consolidated set of books: each instrument once, its owner's book.
     *
     * @param visitor takes each book.
     */
    public void forEachBook(final Consumer<InstrumentBook> visitor)
    {
        for (int i = 0; i < sessions.length; i++)
        {
            final MarketBook market = sessions[i].book();
            for (int b = 0; b < market.bookCount(); b++)
            {
                final InstrumentBook book = market.bookAt(b);
                if (owner(book.instrumentId()) == i)
                {
                    visitor.accept(book);
                }
            }
        }
    }

    /**
     * @return resting orders over the consolidated books.
     */
    public int orderCount()
    {
        final int[] count = new int[1];
        forEachBook(book -> count[0] += book.orderCount());
        return count[0];
    }

    @Override
    public void close()
    {
        for (final FeedClientRunner session : sessions)
        {
            if (session != null)
            {
                session.close();
            }
        }
    }
}
