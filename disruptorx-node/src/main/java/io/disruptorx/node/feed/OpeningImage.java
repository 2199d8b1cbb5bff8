package io.disruptorx.node.feed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The start of a feed session for a node that recovered a non-empty state (a restart): every resting order
 * as an OrderAdded (bids then asks per instrument, in priority order) and every halted instrument as an
 * InstrumentStatus, read from the engine's snapshot bytes (layout documented in the engine's
 * {@code EngineSnapshot}) and encoded by the schema's {@link MarketDataEncoder}. A subscriber from sequence 1, or
 * from a snapshot of the recovery server, then holds the same book as the engine. Each OrderAdded carries the
 * order's entry time from the snapshot (version 2 on; version 3 added fields this image does not use): the
 * timestamp of the command that put it where it rests, which is the timestamp the live feed's OrderAdded for it
 * carried, so a book built live and one built from the image agree. A version 1 snapshot has no entry times: its
 * orders, and every InstrumentStatus, carry timestamp 0. The sections after the books (transfers in flight, the
 * shards' move lock) are not the feed's: the image skips them.
 */
public final class OpeningImage
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int MAGIC = 0x44585331;
    private static final int FIRST_VERSION = 1;
    private static final int VERSION = 3;
    private static final int HEADER_FIELDS = 4 * 5 + 8 + 4 + 8 * 3;
    private static final int INSTRUMENT_FIELDS = 4 * 3 + 8 * 2 + 4 * 2 + 8 * 3 + 4 * 3;
    private static final int ACCOUNT_FIELDS = 8 * 3 + 4;
    private static final int ASSET_FIELDS = 4 + 8 + 8;
    private static final int ORDER_FIELDS_V1 = 8 * 3 + 4 * 4 + 8 * 3;
    private static final int ORDER_FIELDS_V2 = ORDER_FIELDS_V1 + 8;
    private static final int ORDER_FIELDS_V3 = ORDER_FIELDS_V2 + 8 * 2;
    private static final int ORDER_PRICE = 8 * 3 + 4 * 4;
    private static final int ORDER_ENTRY_TIME = ORDER_FIELDS_V1;

    private OpeningImage()
    {
    }

    /**
     * Publishes the image (then ends the batch).
     *
     * @param snapshot engine snapshot bytes.
     * @param length   their length.
     * @param feed     the feed, before its first live message.
     * @return messages published.
     * @throws IllegalArgumentException when the bytes are not a snapshot this class reads.
     */
    public static int publish(final DirectBuffer snapshot, final int length, final FeedServer feed)
    {
        final int version = length < HEADER_FIELDS ? 0 : snapshot.getInt(4, ORDER);
        if (length < HEADER_FIELDS || snapshot.getInt(0, ORDER) != MAGIC || version < FIRST_VERSION ||
            version > VERSION)
        {
            throw new IllegalArgumentException(
                "not an engine snapshot of version " + FIRST_VERSION + " to " + VERSION);
        }
        final boolean entryTimes = version >= 2;
        final int orderFields = version >= 3 ? ORDER_FIELDS_V3 : entryTimes ? ORDER_FIELDS_V2 : ORDER_FIELDS_V1;
        int position = HEADER_FIELDS;
        final int instruments = snapshot.getInt(position, ORDER);
        position += 4;
        final int[] ids = new int[instruments];
        final int[] states = new int[instruments];
        for (int i = 0; i < instruments; i++)
        {
            ids[i] = snapshot.getInt(position, ORDER);
            states[i] = snapshot.getInt(position + INSTRUMENT_FIELDS - 4, ORDER);
            position += INSTRUMENT_FIELDS;
        }
        final int accounts = snapshot.getInt(position, ORDER);
        position += 4;
        for (int i = 0; i < accounts; i++)
        {
            final int assets = snapshot.getInt(position + ACCOUNT_FIELDS, ORDER);
            position += ACCOUNT_FIELDS + 4 + assets * ASSET_FIELDS;
        }
        final int books = position;
        if (booksEnd(snapshot, books, instruments, orderFields) + 4 > length)
        {
            throw new IllegalArgumentException("engine snapshot layout not understood: books end at " +
                (booksEnd(snapshot, books, instruments, orderFields) + 4) + " of " + length + " bytes");
        }
        final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(MarketDataEncoder.MAX_MESSAGE_LENGTH));
        final MarketDataEncoder encoder = new MarketDataEncoder();
        int published = 0;
        for (int i = 0; i < instruments; i++)
        {
            if (states[i] != 0)
            {
                feed.publishOther(scratch, 0, encoder.instrumentStatus(scratch, 0, 0, 0, ids[i], (short)states[i]));
                published++;
            }
            for (int side = 0; side <= 1; side++)
            {
                final int orders = snapshot.getInt(position, ORDER);
                position += 4;
                for (int o = 0; o < orders; o++)
                {
                    final long entryTime = entryTimes ? snapshot.getLong(position + ORDER_ENTRY_TIME, ORDER) : 0;
                    feed.publishOther(scratch, 0, encoder.orderAdded(scratch, 0, 0, entryTime, ids[i],
                        snapshot.getLong(position, ORDER), (short)side, snapshot.getLong(position + ORDER_PRICE, ORDER),
                        snapshot.getLong(position + ORDER_PRICE + 8, ORDER)));
                    published++;
                    position += orderFields;
                }
            }
        }
        feed.endOfBatch();
        return published;
    }

    private static int booksEnd(
        final DirectBuffer snapshot, final int start, final int instruments, final int orderFields)
    {
        int position = start;
        for (int i = 0; i < instruments * 2; i++)
        {
            position += 4 + snapshot.getInt(position, ORDER) * orderFields;
        }
        return position;
    }
}
