package io.disruptorx.gateway.json;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.http.WebSocketSession;
import io.disruptorx.marketdata.MarketDataListener;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The public market streams of the JSON edge (Binance's shape): depth updates with first and last update ids
 * ({@code U}, {@code u}, previous {@code pu}) and a CRC32 checksum of the top levels, trades and the book ticker,
 * on WebSocket {@code /stream}, and the depth snapshot with {@code lastUpdateId} on REST {@code /api/v3/depth}.
 *
 * <p>It is fed by a market data subscriber of the node's feed: {@link #listener()} is that subscriber's listener,
 * which hands changed levels and trades through a ring to this {@link Agent}, run on a thread of its own (never on
 * the engine's or the gateway's). Update ids are feed sequences. Depth updates are sent at most once per depth
 * interval per instrument and carry every level changed since the last one, at its quantity now; the book ticker at
 * most once per ticker interval when the top of book changed; trades as they come.
 */
public final class MarketStreams implements Agent
{
    /** Bytes of the ring from the subscriber's thread. */
    public static final int RING_BYTES = 1 << 20;

    /** Binance's stream error codes are 0 to 3. */
    public static final int STREAM_ERROR_CODES = 4;

    private static final int READ_LIMIT = 1024;
    private static final int REQUEST_LIMIT = 64;

    private final OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(RING_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
    private final FeedTap tap = new FeedTap(ring);
    private final Int2ObjectHashMap<StreamBook> byId = new Int2ObjectHashMap<>();
    private final Map<String, StreamBook> byStream = new HashMap<>();
    private final List<StreamBook> books = new ArrayList<>();
    private final Map<WebSocketSession, Set<String>> subscriptions = new HashMap<>();
    private final ManyToOneConcurrentLinkedQueue<StreamRequest> requests = new ManyToOneConcurrentLinkedQueue<>();
    private final StreamEncoder encoder = new StreamEncoder();
    private final MessageHandler onRecord = this::onRecord;
    private final NanoClock clock;
    private final EpochClock epochClock;
    private final long depthIntervalNanos;
    private final long tickerIntervalNanos;
    private final AtomicLongArray streamErrors = new AtomicLongArray(STREAM_ERROR_CODES);
    private long[] scratchBids = new long[64];
    private long[] scratchAsks = new long[64];
    private long lastUpdateId;
    private long nextDepthNanos;
    private long nextTickerNanos;

    /**
     * @param instruments         the instruments, as the gateway knows them.
     * @param depthIntervalNanos  least time between two depth updates of an instrument (Binance: 100 ms).
     * @param tickerIntervalNanos least time between two book tickers of an instrument.
     * @param clock               monotonic time for the intervals.
     * @param epochClock          wall time for the events' {@code E}.
     */
    public MarketStreams(final List<InstrumentSpec> instruments, final long depthIntervalNanos,
        final long tickerIntervalNanos, final NanoClock clock, final EpochClock epochClock)
    {
        this.depthIntervalNanos = depthIntervalNanos;
        this.tickerIntervalNanos = tickerIntervalNanos;
        this.clock = clock;
        this.epochClock = epochClock;
        for (final InstrumentSpec instrument : instruments)
        {
            final StreamBook book = new StreamBook(instrument);
            byId.put(instrument.id(), book);
            byStream.put(book.depthStream, book);
            byStream.put(book.tradeStream, book);
            byStream.put(book.tickerStream, book);
            books.add(book);
        }
    }

    /**
     * @return the listener to give a market data subscriber of the node's feed (on the subscriber's thread).
     */
    public MarketDataListener listener()
    {
        return tap;
    }

    /**
     * Lets a subscriber's thread waiting on a full ring go; call it when the agent stops.
     */
    @Override
    public void onClose()
    {
        tap.close();
    }

    @Override
    public String roleName()
    {
        return "dx-json-streams";
    }

    @Override
    public int doWork()
    {
        int work = 0;
        StreamRequest request;
        while (work < REQUEST_LIMIT && (request = requests.poll()) != null)
        {
            work++;
            execute(request);
        }
        work += ring.read(onRecord, READ_LIMIT);
        final long now = clock.nanoTime();
        if (now - nextTickerNanos >= 0)
        {
            nextTickerNanos = now + tickerIntervalNanos;
            work += sendTickers();
        }
        if (now - nextDepthNanos >= 0)
        {
            nextDepthNanos = now + depthIntervalNanos;
            work += sendDepth();
        }
        return work;
    }

    /**
     * @param stream a stream name as a client sends it.
     * @return the instrument's book, or {@code null} when no instrument has that stream.
     */
    StreamBook book(final String stream)
    {
        return byStream.get(stream);
    }

    /**
     * @param instrumentId an instrument.
     * @return its book, or {@code null}.
     */
    StreamBook bookOf(final int instrumentId)
    {
        return byId.get(instrumentId);
    }

    /**
     * @param code a stream error code, 0 to {@link #STREAM_ERROR_CODES} - 1.
     * @return bad stream requests answered with it.
     */
    public long streamErrors(final int code)
    {
        return streamErrors.get(code);
    }

    void countError(final int code)
    {
        streamErrors.incrementAndGet(code);
    }

    void submit(final StreamRequest request)
    {
        requests.offer(request);
    }

    private void execute(final StreamRequest r)
    {
        switch (r.kind)
        {
            case SUBSCRIBE:
            case UNSUBSCRIBE:
            {
                final Set<String> mine = subscriptions.computeIfAbsent(r.session, s -> new LinkedHashSet<>());
                for (int i = 0; i < r.streams.size(); i++)
                {
                    final String stream = r.streams.get(i);
                    final List<WebSocketSession> subscribers = r.books.get(i).subscribers(stream);
                    if (r.kind == StreamRequest.Kind.SUBSCRIBE && mine.add(stream))
                    {
                        subscribers.add(r.session);
                    }
                    else if (r.kind == StreamRequest.Kind.UNSUBSCRIBE && mine.remove(stream))
                    {
                        subscribers.remove(r.session);
                    }
                }
                r.session.send("{\"result\":null,\"id\":" + r.id + "}");
                break;
            }
            case LIST_SUBSCRIPTIONS:
            {
                final StringBuilder list = new StringBuilder("{\"result\":[");
                boolean first = true;
                for (final String stream : subscriptions.getOrDefault(r.session, Set.of()))
                {
                    list.append(first ? "\"" : ",\"").append(stream).append('"');
                    first = false;
                }
                r.session.send(list.append("],\"id\":").append(r.id).append('}').toString());
                break;
            }
            case CLOSED:
                subscriptions.remove(r.session);
                for (int i = 0; i < books.size(); i++)
                {
                    books.get(i).remove(r.session);
                }
                break;
            default:
                r.answer.complete(encoder.depthSnapshot(r.books.get(0), lastUpdateId, r.limit));
                break;
        }
    }

    private void onRecord(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final long sequence = buffer.getLong(offset + FeedTap.SEQUENCE_OFFSET);
        final StreamBook book = byId.get(buffer.getInt(offset + FeedTap.INSTRUMENT_OFFSET));
        lastUpdateId = Math.max(lastUpdateId, sequence);
        if (book == null)
        {
            return;
        }
        if (type == FeedTap.LEVELS)
        {
            final int count = buffer.getInt(offset + FeedTap.COUNT_OFFSET);
            for (int i = 0; i < count; i++)
            {
                final int at = offset + FeedTap.LEVELS_OFFSET + i * FeedTap.LEVEL_LENGTH;
                book.set(buffer.getInt(at + FeedTap.LEVEL_SIDE_OFFSET), buffer.getLong(at),
                    buffer.getLong(at + FeedTap.LEVEL_QUANTITY_OFFSET), sequence);
            }
        }
        else if (type == FeedTap.TRADE && !book.tradeSubscribers.isEmpty())
        {
            send(book.tradeSubscribers, encoder.trade(book, epochClock.time(),
                buffer.getLong(offset + FeedTap.TRADE_ID_OFFSET), buffer.getLong(offset + FeedTap.TRADE_PRICE_OFFSET),
                buffer.getLong(offset + FeedTap.TRADE_QUANTITY_OFFSET),
                buffer.getLong(offset + FeedTap.TIMESTAMP_OFFSET), buffer.getInt(offset + FeedTap.SIDE_OFFSET)));
        }
    }

    private int sendTickers()
    {
        int sent = 0;
        for (int i = 0; i < books.size(); i++)
        {
            final StreamBook book = books.get(i);
            if (book.tickerChanged())
            {
                if (!book.tickerSubscribers.isEmpty())
                {
                    send(book.tickerSubscribers, encoder.bookTicker(book, book.lastChange));
                    sent++;
                }
                book.tickerSent();
            }
        }
        return sent;
    }

    private int sendDepth()
    {
        int sent = 0;
        for (int i = 0; i < books.size(); i++)
        {
            final StreamBook book = books.get(i);
            if (!book.hasDepthChanges())
            {
                continue;
            }
            scratchBids = sorted(book.touchedBids, scratchBids);
            final int bidCount = unique(scratchBids, book.touchedBids.size(), true);
            scratchAsks = sorted(book.touchedAsks, scratchAsks);
            final int askCount = unique(scratchAsks, book.touchedAsks.size(), false);
            book.touchedBids.clear();
            book.touchedAsks.clear();
            final long firstId = book.lastDepthUpdateId + 1;
            book.lastDepthUpdateId = lastUpdateId;
            if (!book.depthSubscribers.isEmpty())
            {
                send(book.depthSubscribers, encoder.depthUpdate(book, epochClock.time(), firstId, lastUpdateId,
                    scratchBids, bidCount, scratchAsks, askCount));
                sent++;
            }
        }
        return sent;
    }

    private static long[] sorted(final LongArrayList prices, final long[] scratch)
    {
        final long[] out = scratch.length >= prices.size() ? scratch : new long[Math.max(prices.size(),
            scratch.length * 2)];
        for (int i = 0; i < prices.size(); i++)
        {
            out[i] = prices.getLong(i);
        }
        Arrays.sort(out, 0, prices.size());
        return out;
    }

    /**
     * Removes repeats from the first {@code count} (ascending) and orders them best first.
     */
    private static int unique(final long[] prices, final int count, final boolean bids)
    {
        int unique = 0;
        for (int i = 0; i < count; i++)
        {
            if (unique == 0 || prices[unique - 1] != prices[i])
            {
                prices[unique++] = prices[i];
            }
        }
        if (bids)
        {
            for (int low = 0; low < unique / 2; low++)
            {
                final int high = unique - 1 - low;
                final long swap = prices[low];
                prices[low] = prices[high];
                prices[high] = swap;
            }
        }
        return unique;
    }

    private static void send(final List<WebSocketSession> subscribers, final String json)
    {
        for (int i = subscribers.size() - 1; i >= 0; i--)
        {
            final WebSocketSession session = subscribers.get(i);
            if (session.isOpen())
            {
                session.send(json);
            }
            else
            {
                subscribers.remove(i);
            }
        }
    }
}
