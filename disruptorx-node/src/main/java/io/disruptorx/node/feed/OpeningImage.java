package io.disruptorx.node.feed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.protocol.sbe.marketdata.InstrumentState;
import io.disruptorx.protocol.sbe.marketdata.InstrumentStatusEncoder;
import io.disruptorx.protocol.sbe.marketdata.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.marketdata.OrderAddedEncoder;
import io.disruptorx.protocol.sbe.marketdata.Side;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The start of a feed session for a node that recovered a non-empty state (a restart): every resting order
 * as an OrderAdded (bids then asks per instrument, in priority order) and every halted instrument as an
 * InstrumentStatus, read from the engine's snapshot bytes (layout documented in the engine's
 * {@code EngineSnapshot}). A subscriber from sequence 1, or from a snapshot of the recovery server, then holds
 * the same book as the engine.
 */
public final class OpeningImage
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int MAGIC = 0x44585331;
    private static final int VERSION = 1;
    private static final int HEADER_FIELDS = 4 * 5 + 8 + 4 + 8 * 3;
    private static final int INSTRUMENT_FIELDS = 4 * 3 + 8 * 2 + 4 * 2 + 8 * 3 + 4 * 3;
    private static final int ACCOUNT_FIELDS = 8 * 3 + 4;
    private static final int ASSET_FIELDS = 4 + 8 + 8;
    private static final int ORDER_FIELDS = 8 * 3 + 4 * 4 + 8 * 3;
    private static final int ORDER_PRICE = 8 * 3 + 4 * 4;

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
        if (length < HEADER_FIELDS || snapshot.getInt(0, ORDER) != MAGIC || snapshot.getInt(4, ORDER) != VERSION)
        {
            throw new IllegalArgumentException("not an engine snapshot of version " + VERSION);
        }
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
        if (booksEnd(snapshot, books, instruments) + 4 != length)
        {
            throw new IllegalArgumentException("engine snapshot layout not understood: books end at " +
                (booksEnd(snapshot, books, instruments) + 4) + " of " + length + " bytes");
        }
        final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
        final int statusLength = MessageHeaderEncoder.ENCODED_LENGTH + InstrumentStatusEncoder.BLOCK_LENGTH;
        final int addedLength = MessageHeaderEncoder.ENCODED_LENGTH + OrderAddedEncoder.BLOCK_LENGTH;
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final OrderAddedEncoder added = new OrderAddedEncoder();
        final InstrumentStatusEncoder status = new InstrumentStatusEncoder();
        int published = 0;
        for (int i = 0; i < instruments; i++)
        {
            if (states[i] != 0)
            {
                scratch.setMemory(0, scratch.capacity(), (byte)0);
                status.wrapAndApplyHeader(scratch, 0, header).feedSequence(0).timestamp(0).instrumentId(ids[i])
                    .state(InstrumentState.get((short)states[i]));
                feed.publishOther(scratch, 0, statusLength);
                published++;
            }
            for (int side = 0; side <= 1; side++)
            {
                final int orders = snapshot.getInt(position, ORDER);
                position += 4;
                for (int o = 0; o < orders; o++)
                {
                    scratch.setMemory(0, scratch.capacity(), (byte)0);
                    added.wrapAndApplyHeader(scratch, 0, header).feedSequence(0).timestamp(0).instrumentId(ids[i])
                        .orderId(snapshot.getLong(position, ORDER)).side(Side.get((short)side))
                        .price(snapshot.getLong(position + ORDER_PRICE, ORDER))
                        .quantity(snapshot.getLong(position + ORDER_PRICE + 8, ORDER));
                    feed.publishOther(scratch, 0, addedLength);
                    published++;
                    position += ORDER_FIELDS;
                }
            }
        }
        feed.endOfBatch();
        return published;
    }

    private static int booksEnd(final DirectBuffer snapshot, final int start, final int instruments)
    {
        int position = start;
        for (int i = 0; i < instruments * 2; i++)
        {
            position += 4 + snapshot.getInt(position, ORDER) * ORDER_FIELDS;
        }
        return position;
    }
}
