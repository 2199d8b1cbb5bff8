package io.disruptorx.marketdata.client;

import java.nio.ByteOrder;

import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookUpdater;
import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import io.disruptorx.protocol.sbe.marketdata.EndOfSnapshotDecoder;
import io.disruptorx.protocol.sbe.marketdata.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * Builds a book from the snapshot session of our SoupBinTCP server (GLIMPSE style): hand it the payload of each
 * sequenced data packet, whatever SoupBinTCP client delivers them (nassau's works). OrderAdded and InstrumentStatus
 * messages build the {@link MarketBook}; the EndOfSnapshot says which feed sequence the book reflects and where to
 * continue on the feed ({@link #nextFeedSequence()}), and how many orders it holds, which is checked.
 */
public final class SnapshotSessionReader
{
    private final MarketBook book;
    private final BookUpdater updater;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final EndOfSnapshotDecoder end = new EndOfSnapshotDecoder();
    private long sequence = -1;
    private long nextFeedSequence;
    private int ordersAnnounced = -1;
    private int ordersRead;

    /**
     * @param book     filled from the snapshot (empty at the start).
     * @param listener told about each change.
     */
    public SnapshotSessionReader(final MarketBook book, final MarketDataListener listener)
    {
        this.book = book;
        this.updater = new BookUpdater(book, listener);
    }

    /**
     * @param buffer holding one message of the session (a sequenced data packet's payload).
     * @param offset where it starts.
     * @param length its length.
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MarketDataEncoder.FEED_SEQUENCE_OFFSET + Long.BYTES)
        {
            updater.onMessage(-1, buffer, offset, length);
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() == EndOfSnapshotDecoder.SCHEMA_ID &&
            header.templateId() == EndOfSnapshotDecoder.TEMPLATE_ID &&
            length >= MessageHeaderDecoder.ENCODED_LENGTH + EndOfSnapshotDecoder.BLOCK_LENGTH)
        {
            end.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            sequence = end.feedSequence();
            nextFeedSequence = end.nextFeedSequence();
            ordersAnnounced = end.orders();
            return;
        }
        final int before = book.orderCount();
        updater.onMessage(buffer.getLong(offset + MarketDataEncoder.FEED_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer, offset, length);
        ordersRead += book.orderCount() - before;
    }

    /**
     * @return whether the EndOfSnapshot arrived and the orders read are those it announced.
     */
    public boolean complete()
    {
        return sequence >= 0 && ordersAnnounced == ordersRead && updater.undecodable() == 0 &&
            updater.inconsistencies() == 0;
    }

    /**
     * @return the last feed sequence the book reflects, -1 before the EndOfSnapshot.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * @return the feed sequence to continue from (log in to the feed at it, or start a MoldUDP64 client at it).
     */
    public long nextFeedSequence()
    {
        return nextFeedSequence;
    }

    /**
     * @return the book.
     */
    public MarketBook book()
    {
        return book;
    }
}
