package io.disruptorx.gateway.json;

import java.util.zip.CRC32;

import io.disruptorx.gateway.codec.Decimals;
import io.disruptorx.gateway.reference.InstrumentSpec;
import org.agrona.ExpandableArrayBuffer;

/**
 * Writes the public streams' JSON in Binance's field names, and the depth checksum. Decimals are strings with the
 * instrument's scale. The checksum covers the top {@value #CHECKSUM_LEVELS} levels of each side after the event:
 * for level 1 to 10, the bid's {@code price:quantity} when the book has that bid, then the ask's when it has that
 * ask, all joined with {@code :} (e.g. {@code 101.00:5:102.00:3:100.00:2}); the value is the CRC32 of that ASCII
 * text as an unsigned 32-bit number. The streams' thread only.
 */
final class StreamEncoder
{
    /** Levels per side the checksum covers. */
    static final int CHECKSUM_LEVELS = 10;

    private final StringBuilder out = new StringBuilder(1024);
    private final ExpandableArrayBuffer digits = new ExpandableArrayBuffer(32);
    private final ExpandableArrayBuffer checksumText = new ExpandableArrayBuffer(1024);
    private final CRC32 crc = new CRC32();

    /**
     * A depth update of the levels whose prices are in {@code bidPrices}/{@code askPrices} (sorted best first,
     * without repeats), their quantities as the book has them now (0: the level is gone).
     */
    String depthUpdate(final StreamBook book, final long eventMillis, final long firstId, final long lastId,
        final long[] bidPrices, final int bidCount, final long[] askPrices, final int askCount)
    {
        final InstrumentSpec instrument = book.instrument;
        out.setLength(0);
        out.append("{\"stream\":\"").append(book.depthStream).append("\",\"data\":{\"e\":\"depthUpdate\",\"E\":")
            .append(eventMillis).append(",\"s\":");
        JsonEncoder.string(out, instrument.symbol());
        out.append(",\"U\":").append(firstId).append(",\"u\":").append(lastId).append(",\"pu\":")
            .append(firstId - 1).append(",\"b\":[");
        for (int i = 0; i < bidCount; i++)
        {
            level(i, bidPrices[i], book.bids.quantityAt(bidPrices[i]), instrument);
        }
        out.append("],\"a\":[");
        for (int i = 0; i < askCount; i++)
        {
            level(i, askPrices[i], book.asks.quantityAt(askPrices[i]), instrument);
        }
        out.append("],\"checksum\":").append(checksum(book)).append("}}");
        return out.toString();
    }

    /**
     * The REST depth snapshot: {@code lastUpdateId} and at most {@code limit} levels a side.
     */
    String depthSnapshot(final StreamBook book, final long lastUpdateId, final int limit)
    {
        out.setLength(0);
        out.append("{\"lastUpdateId\":").append(lastUpdateId).append(",\"bids\":[");
        side(book.bids, limit, book.instrument);
        out.append("],\"asks\":[");
        side(book.asks, limit, book.instrument);
        return out.append("]}").toString();
    }

    String trade(final StreamBook book, final long eventMillis, final long tradeId, final long price,
        final long quantity, final long timestampNanos, final int aggressorSide)
    {
        final InstrumentSpec instrument = book.instrument;
        out.setLength(0);
        out.append("{\"stream\":\"").append(book.tradeStream).append("\",\"data\":{\"e\":\"trade\",\"E\":")
            .append(eventMillis).append(",\"s\":");
        JsonEncoder.string(out, instrument.symbol());
        out.append(",\"t\":").append(tradeId).append(",\"p\":");
        decimal(price, instrument.priceScale());
        out.append(",\"q\":");
        decimal(quantity, instrument.quantityScale());
        out.append(",\"T\":").append(timestampNanos / 1_000_000L).append(",\"m\":").append(aggressorSide == 1)
            .append(",\"M\":true}}");
        return out.toString();
    }

    String bookTicker(final StreamBook book, final long updateId)
    {
        final InstrumentSpec instrument = book.instrument;
        out.setLength(0);
        out.append("{\"stream\":\"").append(book.tickerStream).append("\",\"data\":{\"u\":").append(updateId)
            .append(",\"s\":");
        JsonEncoder.string(out, instrument.symbol());
        out.append(",\"b\":");
        decimal(book.bids.priceOrZero(), instrument.priceScale());
        out.append(",\"B\":");
        decimal(book.bids.quantityOrZero(), instrument.quantityScale());
        out.append(",\"a\":");
        decimal(book.asks.priceOrZero(), instrument.priceScale());
        out.append(",\"A\":");
        decimal(book.asks.quantityOrZero(), instrument.quantityScale());
        return out.append("}}").toString();
    }

    /**
     * @return the checksum of the book's top levels, as described on the class.
     */
    long checksum(final StreamBook book)
    {
        final InstrumentSpec instrument = book.instrument;
        int length = 0;
        for (int i = 0; i < CHECKSUM_LEVELS; i++)
        {
            if (i < book.bids.size())
            {
                length = checksumLevel(length, book.bids.price(i), book.bids.quantity(i), instrument);
            }
            if (i < book.asks.size())
            {
                length = checksumLevel(length, book.asks.price(i), book.asks.quantity(i), instrument);
            }
        }
        crc.reset();
        crc.update(checksumText.byteArray(), 0, length);
        return crc.getValue();
    }

    private int checksumLevel(final int at, final long price, final long quantity, final InstrumentSpec instrument)
    {
        int position = at;
        if (position > 0)
        {
            checksumText.putByte(position++, (byte)':');
        }
        position += Decimals.format(price, instrument.priceScale(), checksumText, position);
        checksumText.putByte(position++, (byte)':');
        position += Decimals.format(quantity, instrument.quantityScale(), checksumText, position);
        return position;
    }

    private void side(final LevelSide side, final int limit, final InstrumentSpec instrument)
    {
        final int levels = Math.min(limit, side.size());
        for (int i = 0; i < levels; i++)
        {
            level(i, side.price(i), side.quantity(i), instrument);
        }
    }

    private void level(final int index, final long price, final long quantity, final InstrumentSpec instrument)
    {
        out.append(index == 0 ? "[" : ",[");
        decimal(price, instrument.priceScale());
        out.append(',');
        decimal(quantity, instrument.quantityScale());
        out.append(']');
    }

    private void decimal(final long units, final int scale)
    {
        final int length = Decimals.format(units, scale, digits, 0);
        out.append('"');
        for (int i = 0; i < length; i++)
        {
            out.append((char)digits.getByte(i));
        }
        out.append('"');
    }
}
