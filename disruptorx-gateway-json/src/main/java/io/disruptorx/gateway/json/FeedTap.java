package io.disruptorx.gateway.json;

import java.util.concurrent.locks.LockSupport;

import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookSide;
import io.disruptorx.marketdata.book.InstrumentBook;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * The public streams' end on a market data subscriber's thread: after each book change it finds the price levels
 * that changed (against its own copy of the levels, walking from the first level that differs) and writes the
 * changed levels, and each trade, into a ring that {@link MarketStreams} reads on its own thread. It
 * allocates nothing once an instrument has been seen. When the ring is full it waits (parked), so the subscriber
 * falls behind and recovers as any subscriber does; nothing is dropped.
 *
 * <p>The levels one feed message changed travel as one record, so the reader never sees half a message:
 * <pre>
 * LEVELS record                               TRADE record
 *  0 feed sequence      long                   0 feed sequence      long
 *  8 instrument id      int                    8 instrument id      int
 * 12 level count        int                   12 aggressor side     int
 * 16 per level, 24 bytes:                     16 trade id           long
 *     +0 price          long                  24 price              long
 *     +8 total quantity long (0: gone)        32 quantity           long
 *    +16 side           int (0 bid, 1 ask)    40 timestamp (ns)     long
 *    +20 unused         int
 * </pre>
  */
final class FeedTap implements MarketDataListener
{
    static final int LEVELS = 1;
    static final int TRADE = 2;
    static final int SEQUENCE_OFFSET = 0;
    static final int INSTRUMENT_OFFSET = 8;
    static final int COUNT_OFFSET = 12;
    static final int LEVELS_OFFSET = 16;
    static final int LEVEL_LENGTH = 24;
    static final int LEVEL_QUANTITY_OFFSET = 8;
    static final int LEVEL_SIDE_OFFSET = 16;
    static final int SIDE_OFFSET = 12;
    static final int TRADE_ID_OFFSET = 16;
    static final int TRADE_PRICE_OFFSET = 24;
    static final int TRADE_QUANTITY_OFFSET = 32;
    static final int TIMESTAMP_OFFSET = 40;
    static final int TRADE_LENGTH = 48;
    private static final long FULL_PARK_NANOS = 100_000L;

    private final OneToOneRingBuffer ring;
    private final Int2ObjectHashMap<LevelSide[]> copies = new Int2ObjectHashMap<>();
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[TRADE_LENGTH]);
    private final ExpandableArrayBuffer levels = new ExpandableArrayBuffer(LEVELS_OFFSET + 64 * LEVEL_LENGTH);
    private final int maxLevels;
    private int count;
    private volatile boolean closed;

    FeedTap(final OneToOneRingBuffer ring)
    {
        this.ring = ring;
        this.maxLevels = (ring.maxMsgLength() - LEVELS_OFFSET) / LEVEL_LENGTH;
    }

    void close()
    {
        closed = true;
    }

    @Override
    public void onBookChanged(final long sequence, final InstrumentBook book)
    {
        LevelSide[] copy = copies.get(book.instrumentId());
        if (copy == null)
        {
            copy = new LevelSide[] {new LevelSide(true), new LevelSide(false)};
            copies.put(book.instrumentId(), copy);
        }
        levels.putLong(SEQUENCE_OFFSET, sequence);
        levels.putInt(INSTRUMENT_OFFSET, book.instrumentId());
        count = 0;
        diff(0, book.bids(), copy[0]);
        diff(1, book.asks(), copy[1]);
        if (count > 0)
        {
            flushLevels();
        }
    }

    @Override
    public void onTrade(
        final long sequence, final long timestamp, final int instrumentId, final long tradeId, final long price,
        final long quantity, final int aggressorSide)
    {
        record.putLong(SEQUENCE_OFFSET, sequence);
        record.putInt(INSTRUMENT_OFFSET, instrumentId);
        record.putInt(SIDE_OFFSET, aggressorSide);
        record.putLong(TRADE_ID_OFFSET, tradeId);
        record.putLong(TRADE_PRICE_OFFSET, price);
        record.putLong(TRADE_QUANTITY_OFFSET, quantity);
        record.putLong(TIMESTAMP_OFFSET, timestamp);
        write(TRADE, record, TRADE_LENGTH);
    }

    private void diff(final int side, final BookSide book, final LevelSide copy)
    {
        final int levels = book.levels();
        int first = 0;
        while (first < levels && first < copy.size() && book.price(first) == copy.price(first) &&
            book.quantity(first) == copy.quantity(first))
        {
            first++;
        }
        if (first == levels && first == copy.size())
        {
            return;
        }
        int a = first;
        int b = first;
        while (a < levels || b < copy.size())
        {
            if (b >= copy.size() || (a < levels && copy.better(book.price(a), copy.price(b))))
            {
                level(side, book.price(a), book.quantity(a));
                a++;
            }
            else if (a >= levels || copy.better(copy.price(b), book.price(a)))
            {
                level(side, copy.price(b), 0);
                b++;
            }
            else
            {
                if (book.quantity(a) != copy.quantity(b))
                {
                    level(side, book.price(a), book.quantity(a));
                }
                a++;
                b++;
            }
        }
        copy.truncate(first);
        for (int i = first; i < levels; i++)
        {
            copy.append(book.price(i), book.quantity(i));
        }
    }

    private void level(final int side, final long price, final long quantity)
    {
        if (count == maxLevels)
        {
            flushLevels();
        }
        final int at = LEVELS_OFFSET + count * LEVEL_LENGTH;
        levels.putLong(at, price);
        levels.putLong(at + LEVEL_QUANTITY_OFFSET, quantity);
        levels.putInt(at + LEVEL_SIDE_OFFSET, side);
        levels.putInt(at + LEVEL_SIDE_OFFSET + 4, 0);
        count++;
    }

    private void flushLevels()
    {
        levels.putInt(COUNT_OFFSET, count);
        write(LEVELS, levels, LEVELS_OFFSET + count * LEVEL_LENGTH);
        count = 0;
    }

    private void write(final int type, final DirectBuffer source, final int length)
    {
        while (!ring.write(type, source, 0, length))
        {
            if (closed)
            {
                return;
            }
            LockSupport.parkNanos(FULL_PARK_NANOS);
        }
    }
}
