package io.disruptorx.marketdata.server;

import java.nio.ByteBuffer;

import io.disruptorx.marketdata.book.BookSide;
import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.marketdata.server.tcp.PacketConnection;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The GLIMPSE-style snapshot session's content: the book as of a feed sequence S, written as ordinary SoupBinTCP
 * sequenced data carrying the market data schema's own messages, so a client that speaks only SoupBinTCP and our
 * SBE messages can build the book. Per instrument an InstrumentStatus, then an OrderAdded per resting order (bids
 * then asks, best price first, time priority within a level, each with its entry time), and last an EndOfSnapshot
 * carrying S and the sequence to continue from on the feed (S + 1). Every message carries S as its feedSequence.
 */
final class SnapshotSessionWriter
{
    private static final int CATCH_UP_PER_CYCLE = 16 * 1024;

    private final StoreBook book;
    private final MarketDataEncoder encoder = new MarketDataEncoder();
    private final UnsafeBuffer scratch =
        new UnsafeBuffer(ByteBuffer.allocateDirect(MarketDataEncoder.MAX_MESSAGE_LENGTH));

    SnapshotSessionWriter(final MessageStore store)
    {
        this.book = new StoreBook(store);
    }

    /**
     * Keeps the book near the store's head, a bounded number of messages per duty cycle ({@link StoreBook#follow}).
     *
     * @return 1 when the bound was reached (more may be waiting), else 0.
     */
    int catchUp()
    {
        return book.follow(CATCH_UP_PER_CYCLE);
    }

    /**
     * @return whether the book can be brought to the store's latest message (it has not lost track of the feed).
     */
    boolean ready()
    {
        return book.catchUpFully();
    }

    /**
     * Writes the snapshot as sequenced data packets; call {@link #ready()} first.
     *
     * @param connection where.
     * @return packets written.
     */
    int write(final PacketConnection connection)
    {
        final MarketBook books = book.book();
        final long sequence = book.sequence();
        int packets = 0;
        int orders = 0;
        for (int i = 0; i < books.bookCount(); i++)
        {
            final InstrumentBook instrument = books.bookAt(i);
            write(connection, encoder.instrumentStatus(scratch, 0, sequence, book.timestamp(),
                instrument.instrumentId(), (short)instrument.state()));
            packets++;
            for (int side = 0; side <= 1; side++)
            {
                final BookSide levels = instrument.side(side);
                for (int level = 0; level < levels.levels(); level++)
                {
                    for (int slot = levels.firstSlot(level); slot >= 0; slot = books.nextSlot(slot))
                    {
                        write(connection, encoder.orderAdded(scratch, 0, sequence, books.slotTimestamp(slot),
                            instrument.instrumentId(), books.slotOrderId(slot), (short)side, levels.price(level),
                            books.slotQuantity(slot)));
                        packets++;
                        orders++;
                    }
                }
            }
        }
        write(connection, encoder.endOfSnapshot(scratch, 0, sequence, book.timestamp(), books.bookCount(), orders));
        return packets + 1;
    }

    private void write(final PacketConnection connection, final int length)
    {
        connection.writePacket(SoupBinTcp.SEQUENCED_DATA, scratch, 0, length);
    }
}
