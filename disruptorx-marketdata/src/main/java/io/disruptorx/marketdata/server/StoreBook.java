package io.disruptorx.marketdata.server;

import java.nio.ByteBuffer;

import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookUpdater;
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
    private final BookUpdater updater = new BookUpdater(book, new MarketDataListener()
    {
    });
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
}
