package io.disruptorx.marketdata.server;

import java.nio.ByteBuffer;

import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookUpdater;
import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.book.MarketBook;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A {@link MarketBook} that follows the {@link MessageStore} behind the publisher, message by message, so a
 * server can answer "the book as of sequence S" without ever stopping the publisher. If it falls further behind
 * than the store holds it has lost track for good ({@link #lostTrack()}). One reader thread.
 */
public final class StoreBook
{
    private final MessageStore store;
    private final MarketBook book = new MarketBook();
    private final Forward forward = new Forward();
    private final BookUpdater updater = new BookUpdater(book, forward);
    private final UnsafeBuffer scratch;
    private long sequence;
    private long timestamp;
    private boolean lostTrack;

    /**
     * @param store the publisher's store, created before its first message.
     */
    public StoreBook(final MessageStore store)
    {
        this.store = store;
        this.scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(store.maxMessageLength()));
    }

    /**
     * Applies stored messages up to the latest, at most {@code limit} of them.
     *
     * @param limit most messages to apply now.
     * @return messages applied.
     */
    public int catchUp(final int limit)
    {
        final long highest = store.highestSequence();
        int applied = 0;
        while (!lostTrack && sequence < highest && applied < limit)
        {
            final long next = sequence + 1;
            final int length = store.read(next, scratch, 0);
            if (length < 0)
            {
                lostTrack = true;
                return applied;
            }
            updater.onMessage(next, scratch, 0, length);
            timestamp = MessageTimestamps.timestamp(scratch, 0, length);
            sequence = next;
            applied++;
        }
        return applied;
    }

    /**
     * Follows the store in a server's duty cycle: applies stored messages, at most {@code limit}, and reports work
     * only when it stopped at the limit with more to apply. Applying what arrived since the last cycle is no reason
     * to run the next cycle at once: counted as work, a feed that publishes steadily (a message every few
     * microseconds) would keep the thread's idle strategy from ever backing off and spin it at the feed's rate
     * (issue 15). So a steady feed is applied a batch per cycle after the thread's pause, and a backlog is worked
     * off without pause.
     *
     * @param limit most messages to apply now.
     * @return 1 when the limit was reached (more may be waiting), else 0.
     */
    public int follow(final int limit)
    {
        return catchUp(limit) == limit ? 1 : 0;
    }

    /**
     * Applies every stored message up to the latest.
     *
     * @return whether the book now reflects the latest stored message.
     */
    public boolean catchUpFully()
    {
        catchUp(Integer.MAX_VALUE);
        return !lostTrack;
    }

    /**
     * Tells {@code listener} what each message applied from now on changes (on this book's reader thread only).
     *
     * @param listener told each change, or null for no one.
     */
    public void tell(final MarketDataListener listener)
    {
        forward.to = listener == null ? Forward.NO_ONE : listener;
    }

    /**
     * @return the book.
     */
    public MarketBook book()
    {
        return book;
    }

    /**
     * @return the last sequence applied (0 before the first).
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * @return the timestamp of the last message applied (0 before the first).
     */
    public long timestamp()
    {
        return timestamp;
    }

    /**
     * @return whether a message was overwritten in the store before it was applied (the book is then stale).
     */
    public boolean lostTrack()
    {
        return lostTrack;
    }

    /** What the book's updater tells, passed on to the current listener. */
    private static final class Forward implements MarketDataListener
    {
        static final MarketDataListener NO_ONE = new MarketDataListener()
        {
        };

        MarketDataListener to = NO_ONE;

        @Override
        public void onBookChanged(final long sequence, final InstrumentBook book)
        {
            to.onBookChanged(sequence, book);
        }

        @Override
        public void onTrade(final long sequence, final long timestamp, final int instrumentId, final long tradeId,
            final long price, final long quantity, final int aggressorSide)
        {
            to.onTrade(sequence, timestamp, instrumentId, tradeId, price, quantity, aggressorSide);
        }

        @Override
        public void onInstrumentStatus(final long sequence, final InstrumentBook book)
        {
            to.onInstrumentStatus(sequence, book);
        }
    }
}
