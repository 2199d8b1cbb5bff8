package io.disruptorx.node.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import io.disruptorx.dashboard.MarketView;
import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookUpdater;
import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.marketdata.book.SnapshotCodec;
import io.disruptorx.marketdata.client.TcpRecoveryClient;
import io.disruptorx.marketdata.server.MessageStore;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The dashboard's view of the node's market data, read in the node's process: a {@link MarketBook} built from the
 * feed's {@link MessageStore} (the messages the feed publishes, which its retransmission server reads too), message
 * by message, each time the dashboard is about to send its pages an update ({@link #catchUp()}, at most ten times a
 * second, on the dashboard's thread), and copied into the {@link MarketView} once per changed instrument and update.
 * Nothing is sent to it: no socket, no thread, no wake-up of its own, no destination on the feed's lines, so the node's
 * output thread does no more for it than for no one, and it cannot lose a packet nor ask for one again.
 * <p>
 * It runs only while a page is open. {@link #start()} (the first page) fetches a snapshot of the books from the feed's
 * TCP recovery server on a short-lived thread ({@code dx-dashboard-snapshot}), as a late joiner does; the next
 * {@link #catchUp()} loads it and follows the store from the snapshot's sequence. Until then the view is
 * {@link FeedState#RECOVERING} with no books, so a page never shows a book from before the gap. {@link #stop()} (the
 * last page) stops following. Should the store ever have released a message not yet read (it keeps 75 s by
 * default), the view recovers from a new snapshot the same way. The methods are called one at a time (synchronized).
 */
final class StoreFollower
{
    /** The snapshot's fetching thread. */
    static final String SNAPSHOT_THREAD = "dx-dashboard-snapshot";

    private static final int TIMEOUT_MILLIS = 5_000;
    private static final long RETRY_NANOS = 1_000_000_000L;
    private static final int MAX_MESSAGES_PER_CATCH_UP = 1 << 20;

    private final MessageStore store;
    private final InetSocketAddress recovery;
    private final MarketView market;
    private final MarketBook book = new MarketBook();
    private final Changes changes;
    private final BookUpdater updater;
    private final UnsafeBuffer scratch;
    private final AtomicReference<Fetched> fetched = new AtomicReference<>();
    private boolean running;
    private boolean fetching;
    private int generation;
    private long next;
    private long retryAtNanos;
    private volatile long applied;
    private volatile long snapshotsLoaded;

    /**
     * @param store    the feed's message store.
     * @param recovery the feed's TCP recovery server (snapshots).
     * @param market   the view the pages show.
     */
    StoreFollower(final MessageStore store, final InetSocketAddress recovery, final MarketView market)
    {
        this.store = store;
        this.recovery = recovery;
        this.market = market;
        this.changes = new Changes(market);
        this.updater = new BookUpdater(book, changes);
        this.scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(store.maxMessageLength()));
    }

    /**
     * Starts following: forgets the books and fetches a snapshot.
     */
    synchronized void start()
    {
        if (running)
        {
            return;
        }
        running = true;
        resynchronize();
    }

    /**
     * Stops following (a snapshot still being fetched is dropped when it arrives).
     */
    synchronized void stop()
    {
        running = false;
        next = 0;
        generation++;
        fetched.set(null);
    }

    /**
     * Brings the view up to the latest stored message: loads the snapshot when it has come, then applies what the
     * store holds beyond it and copies each instrument whose book changed into the view once.
     */
    synchronized void catchUp()
    {
        if (!running)
        {
            return;
        }
        if (next == 0 && !loadSnapshot())
        {
            return;
        }
        final long highest = store.highestSequence();
        int count = 0;
        while (next <= highest && count < MAX_MESSAGES_PER_CATCH_UP)
        {
            final int length = store.read(next, scratch, 0);
            if (length < 0)
            {
                changes.discard();
                resynchronize();
                return;
            }
            updater.onMessage(next, scratch, 0, length);
            next++;
            count++;
        }
        applied += count;
        changes.copy(next - 1);
    }

    /**
     * @return whether it follows the feed now (a page is open).
     */
    synchronized boolean running()
    {
        return running;
    }

    /**
     * @return messages read from the store and applied since it was made.
     */
    long applied()
    {
        return applied;
    }

    /**
     * @return snapshots loaded since it was made.
     */
    long snapshotsLoaded()
    {
        return snapshotsLoaded;
    }

    private void resynchronize()
    {
        next = 0;
        market.resubscribing();
        fetch(System.nanoTime());
    }

    /**
     * @return whether a snapshot is loaded now ({@link #next} is the sequence after it).
     */
    private boolean loadSnapshot()
    {
        final long now = System.nanoTime();
        final Fetched result = fetched.get();
        if (result != null && result.generation != generation)
        {
            fetched.compareAndSet(result, null);
            return false;
        }
        if (result == null)
        {
            if (!fetching && now - retryAtNanos >= 0)
            {
                fetch(now);
            }
            return false;
        }
        fetched.compareAndSet(result, null);
        fetching = false;
        final long sequence = result.length < 0 ? -1 : SnapshotCodec.read(result.frames, 0, result.length, book);
        if (sequence < 0)
        {
            System.err.println(SNAPSHOT_THREAD + ": no snapshot from the feed's recovery server " + recovery +
                (result.error == null ? "" : ": " + result.error) + "; trying again in a second");
            retryAtNanos = now + RETRY_NANOS;
            return false;
        }
        for (int i = 0; i < book.bookCount(); i++)
        {
            market.onBookChanged(sequence, book.bookAt(i));
        }
        market.onSnapshotLoaded(sequence);
        market.onFeedState(FeedState.SYNCHRONIZED);
        snapshotsLoaded++;
        next = sequence + 1;
        return true;
    }

    private void fetch(final long now)
    {
        generation++;
        fetching = true;
        retryAtNanos = now + RETRY_NANOS;
        final int wanted = generation;
        final Thread thread = new Thread(() -> fetched.accumulateAndGet(fetchSnapshot(wanted),
            (held, arrived) -> held != null && held.generation > arrived.generation ? held : arrived), SNAPSHOT_THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    private Fetched fetchSnapshot(final int wanted)
    {
        final ExpandableArrayBuffer frames = new ExpandableArrayBuffer(64 * 1024);
        try
        {
            return new Fetched(wanted, frames, new TcpRecoveryClient(recovery, TIMEOUT_MILLIS)
                .fetchSnapshot(0, frames), null);
        }
        catch (final IOException | RuntimeException ex)
        {
            return new Fetched(wanted, frames, -1, ex.toString());
        }
    }

    /** A fetched snapshot's frames ({@code length} -1: refused or failed, {@code error} why when known). */
    private record Fetched(int generation, ExpandableArrayBuffer frames, int length, String error)
    {
    }

    /**
     * What the store's messages change, gathered between two updates: trades go to the view as they come, books are
     * noted once per instrument and copied into the view together ({@link #copy}), so a burst of changes to one
     * book costs one copy of its top levels per update. Allocates nothing once it has seen its instruments.
     */
    private static final class Changes implements MarketDataListener
    {
        private final IntHashSet noted = new IntHashSet();
        private final MarketView market;
        private InstrumentBook[] books = new InstrumentBook[16];
        private int count;

        Changes(final MarketView market)
        {
            this.market = market;
        }

        @Override
        public void onBookChanged(final long sequence, final InstrumentBook book)
        {
            if (noted.add(book.instrumentId()))
            {
                if (count == books.length)
                {
                    books = Arrays.copyOf(books, count * 2);
                }
                books[count++] = book;
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

        void copy(final long sequence)
        {
            for (int i = 0; i < count; i++)
            {
                market.onBookChanged(sequence, books[i]);
                books[i] = null;
            }
            count = 0;
            noted.clear();
        }

        void discard()
        {
            for (int i = 0; i < count; i++)
            {
                books[i] = null;
            }
            count = 0;
            noted.clear();
        }
    }
}
