package io.disruptorx.marketdata.book;

import java.nio.ByteOrder;

import io.disruptorx.marketdata.wire.RecoveryProtocol;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes a {@link MarketBook} as recovery snapshot frames and loads such frames into a book (layout in
 * {@link RecoveryProtocol}). Levels are written best first; each level's orders in time priority, so a
 * loaded book has the same queues as the server's.
 */
public final class SnapshotCodec
{
    private static final ByteOrder ORDER = ByteOrder.BIG_ENDIAN;

    private SnapshotCodec()
    {
    }

    /**
     * @param book         source.
     * @param instrumentId one instrument, or 0 for all.
     * @return bytes {@link #write} will produce.
     */
    public static int length(final MarketBook book, final int instrumentId)
    {
        int length = frame(RecoveryProtocol.SNAPSHOT_BEGIN_LENGTH) + frame(RecoveryProtocol.SNAPSHOT_END_LENGTH);
        for (int i = 0; i < book.bookCount(); i++)
        {
            final InstrumentBook instrument = book.bookAt(i);
            if (instrumentId != 0 && instrument.instrumentId() != instrumentId)
            {
                continue;
            }
            length += frame(RecoveryProtocol.INSTRUMENT_LENGTH) +
                (instrument.bids().levels() + instrument.asks().levels()) * frame(RecoveryProtocol.PRICE_LEVEL_LENGTH) +
                instrument.orderCount() * frame(RecoveryProtocol.ORDER_LENGTH);
        }
        return length;
    }

    /**
     * Writes the snapshot frames.
     *
     * @param book         source.
     * @param sequence     the feed sequence the book reflects.
     * @param instrumentId one instrument, or 0 for all.
     * @param out          destination, at least {@link #length} bytes from the offset.
     * @param offset       where to start.
     * @return bytes written.
     */
    public static int write(
        final MarketBook book,
        final long sequence,
        final int instrumentId,
        final MutableDirectBuffer out,
        final int offset)
    {
        int count = 0;
        for (int i = 0; i < book.bookCount(); i++)
        {
            if (instrumentId == 0 || book.bookAt(i).instrumentId() == instrumentId)
            {
                count++;
            }
        }
        int position = offset;
        position = header(out, position, RecoveryProtocol.SNAPSHOT_BEGIN, RecoveryProtocol.SNAPSHOT_BEGIN_LENGTH);
        out.putLong(position, sequence, ORDER);
        out.putInt(position + 8, count, ORDER);
        position += RecoveryProtocol.SNAPSHOT_BEGIN_LENGTH;
        for (int i = 0; i < book.bookCount(); i++)
        {
            final InstrumentBook instrument = book.bookAt(i);
            if (instrumentId != 0 && instrument.instrumentId() != instrumentId)
            {
                continue;
            }
            position = writeInstrument(book, instrument, out, position);
        }
        position = header(out, position, RecoveryProtocol.SNAPSHOT_END, RecoveryProtocol.SNAPSHOT_END_LENGTH);
        out.putLong(position, sequence, ORDER);
        position += RecoveryProtocol.SNAPSHOT_END_LENGTH;
        return position - offset;
    }

    /**
     * Replaces the book's content with a snapshot. The price levels in the snapshot are checked against the
     * levels the orders build.
     *
     * @param in     frames from 'B' to 'F'.
     * @param offset where they start.
     * @param length their length.
     * @param book   destination; cleared first.
     * @return the snapshot's feed sequence, or -1 when the frames are malformed or inconsistent.
     */
    public static long read(final DirectBuffer in, final int offset, final int length, final MarketBook book)
    {
        book.clear();
        final int end = offset + length;
        int position = offset;
        long sequence = -1;
        boolean ended = false;
        while (position + SoupBinTcp.HEADER_LENGTH <= end && !ended)
        {
            final int frameLength = SoupBinTcp.packetLength(in, position);
            final byte type = SoupBinTcp.packetType(in, position);
            final int payload = position + SoupBinTcp.HEADER_LENGTH;
            final int payloadLength = frameLength - 1;
            if (frameLength < 1 || payload + payloadLength > end)
            {
                return -1;
            }
            switch (type)
            {
                case RecoveryProtocol.SNAPSHOT_BEGIN:
                    if (payloadLength < RecoveryProtocol.SNAPSHOT_BEGIN_LENGTH)
                    {
                        return -1;
                    }
                    sequence = in.getLong(payload, ORDER);
                    break;
                case RecoveryProtocol.INSTRUMENT:
                    if (payloadLength < RecoveryProtocol.INSTRUMENT_LENGTH)
                    {
                        return -1;
                    }
                    book.state(in.getInt(payload, ORDER), in.getByte(payload + 4));
                    break;
                case RecoveryProtocol.ORDER:
                    if (payloadLength < RecoveryProtocol.ORDER_LENGTH || (in.getByte(payload + 12) & 0xFF) > 1 ||
                        null == book.add(in.getInt(payload, ORDER), in.getLong(payload + 4, ORDER),
                            in.getByte(payload + 12), in.getLong(payload + 13, ORDER), in.getLong(payload + 21, ORDER)))
                    {
                        return -1;
                    }
                    break;
                case RecoveryProtocol.PRICE_LEVEL:
                    if (payloadLength < RecoveryProtocol.PRICE_LEVEL_LENGTH)
                    {
                        return -1;
                    }
                    break;
                case RecoveryProtocol.SNAPSHOT_END:
                    if (payloadLength < RecoveryProtocol.SNAPSHOT_END_LENGTH || in.getLong(payload, ORDER) != sequence)
                    {
                        return -1;
                    }
                    ended = true;
                    break;
                default:
                    return -1;
            }
            position = payload + payloadLength;
        }
        return ended && levelsMatch(in, offset, position, book) ? sequence : -1;
    }

    private static boolean levelsMatch(final DirectBuffer in, final int offset, final int end, final MarketBook book)
    {
        int position = offset;
        int levelIndex = 0;
        int lastInstrument = Integer.MIN_VALUE;
        int lastSide = -1;
        while (position < end)
        {
            final int frameLength = SoupBinTcp.packetLength(in, position);
            final int payload = position + SoupBinTcp.HEADER_LENGTH;
            if (SoupBinTcp.packetType(in, position) == RecoveryProtocol.PRICE_LEVEL)
            {
                final int instrumentId = in.getInt(payload, ORDER);
                final int side = in.getByte(payload + 4);
                if (instrumentId != lastInstrument || side != lastSide)
                {
                    levelIndex = 0;
                    lastInstrument = instrumentId;
                    lastSide = side;
                }
                final InstrumentBook instrument = book.book(instrumentId);
                if (instrument == null || side < 0 || side > 1)
                {
                    return false;
                }
                final BookSide bookSide = instrument.side(side);
                if (levelIndex >= bookSide.levels() ||
                    bookSide.price(levelIndex) != in.getLong(payload + 5, ORDER) ||
                    bookSide.quantity(levelIndex) != in.getLong(payload + 13, ORDER) ||
                    bookSide.orderCount(levelIndex) != in.getInt(payload + 21, ORDER))
                {
                    return false;
                }
                levelIndex++;
            }
            position = payload + frameLength - 1;
        }
        return true;
    }

    private static int writeInstrument(
        final MarketBook book, final InstrumentBook instrument, final MutableDirectBuffer out, final int start)
    {
        int position = header(out, start, RecoveryProtocol.INSTRUMENT, RecoveryProtocol.INSTRUMENT_LENGTH);
        out.putInt(position, instrument.instrumentId(), ORDER);
        out.putByte(position + 4, (byte)instrument.state());
        out.putInt(position + 5, instrument.bids().levels(), ORDER);
        out.putInt(position + 9, instrument.asks().levels(), ORDER);
        out.putInt(position + 13, instrument.orderCount(), ORDER);
        position += RecoveryProtocol.INSTRUMENT_LENGTH;
        for (int side = 0; side < 2; side++)
        {
            final BookSide bookSide = instrument.side(side);
            for (int level = 0; level < bookSide.levels(); level++)
            {
                position = header(out, position, RecoveryProtocol.PRICE_LEVEL, RecoveryProtocol.PRICE_LEVEL_LENGTH);
                out.putInt(position, instrument.instrumentId(), ORDER);
                out.putByte(position + 4, (byte)side);
                out.putLong(position + 5, bookSide.price(level), ORDER);
                out.putLong(position + 13, bookSide.quantity(level), ORDER);
                out.putInt(position + 21, bookSide.orderCount(level), ORDER);
                position += RecoveryProtocol.PRICE_LEVEL_LENGTH;
            }
        }
        for (int side = 0; side < 2; side++)
        {
            final BookSide bookSide = instrument.side(side);
            for (int level = 0; level < bookSide.levels(); level++)
            {
                for (int slot = bookSide.firstSlot(level); slot != -1; slot = book.nextSlot(slot))
                {
                    position = header(out, position, RecoveryProtocol.ORDER, RecoveryProtocol.ORDER_LENGTH);
                    out.putInt(position, instrument.instrumentId(), ORDER);
                    out.putLong(position + 4, book.slotOrderId(slot), ORDER);
                    out.putByte(position + 12, (byte)side);
                    out.putLong(position + 13, bookSide.price(level), ORDER);
                    out.putLong(position + 21, book.slotQuantity(slot), ORDER);
                    position += RecoveryProtocol.ORDER_LENGTH;
                }
            }
        }
        return position;
    }

    private static int header(final MutableDirectBuffer out, final int position, final byte type, final int payload)
    {
        return SoupBinTcp.putHeader(out, position, type, payload);
    }

    private static int frame(final int payload)
    {
        return SoupBinTcp.frameLength(payload);
    }
}
