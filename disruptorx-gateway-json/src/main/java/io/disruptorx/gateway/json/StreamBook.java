package io.disruptorx.gateway.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.http.WebSocketSession;
import org.agrona.collections.LongArrayList;

/**
 * One instrument as the public streams see it, on the streams' thread: its book by price level, the prices touched
 * since the last depth event, the last depth event's final update id ({@code pu} of the next), the top of book last
 * sent on the book ticker, and the connections subscribed to each of its streams.
 */
final class StreamBook
{
    final InstrumentSpec instrument;
    final String depthStream;
    final String tradeStream;
    final String tickerStream;
    final LevelSide bids = new LevelSide(true);
    final LevelSide asks = new LevelSide(false);
    final LongArrayList touchedBids = new LongArrayList();
    final LongArrayList touchedAsks = new LongArrayList();
    final List<WebSocketSession> depthSubscribers = new ArrayList<>();
    final List<WebSocketSession> tradeSubscribers = new ArrayList<>();
    final List<WebSocketSession> tickerSubscribers = new ArrayList<>();
    long lastDepthUpdateId;
    long lastChange;
    boolean tickerSent;
    long tickerBid;
    long tickerBidQuantity;
    long tickerAsk;
    long tickerAskQuantity;

    StreamBook(final InstrumentSpec instrument)
    {
        this.instrument = instrument;
        final String name = instrument.symbol().toLowerCase(Locale.ROOT);
        this.depthStream = name + "@depth";
        this.tradeStream = name + "@trade";
        this.tickerStream = name + "@bookTicker";
    }

    LevelSide side(final int side)
    {
        return side == 0 ? bids : asks;
    }

    void set(final int side, final long price, final long quantity, final long sequence)
    {
        side(side).set(price, quantity);
        (side == 0 ? touchedBids : touchedAsks).addLong(price);
        lastChange = sequence;
    }

    boolean hasDepthChanges()
    {
        return !touchedBids.isEmpty() || !touchedAsks.isEmpty();
    }

    /**
     * @return whether the top of book differs from the one last sent on the book ticker.
     */
    boolean tickerChanged()
    {
        return !tickerSent || tickerBid != bids.priceOrZero() || tickerBidQuantity != bids.quantityOrZero() ||
            tickerAsk != asks.priceOrZero() || tickerAskQuantity != asks.quantityOrZero();
    }

    void tickerSent()
    {
        tickerSent = true;
        tickerBid = bids.priceOrZero();
        tickerBidQuantity = bids.quantityOrZero();
        tickerAsk = asks.priceOrZero();
        tickerAskQuantity = asks.quantityOrZero();
    }

    /**
     * @param session a connection that went away.
     */
    void remove(final WebSocketSession session)
    {
        depthSubscribers.remove(session);
        tradeSubscribers.remove(session);
        tickerSubscribers.remove(session);
    }

    /**
     * @param stream a canonical stream name of this instrument.
     * @return its subscribers.
     */
    List<WebSocketSession> subscribers(final String stream)
    {
        if (stream.equals(depthStream))
        {
            return depthSubscribers;
        }
        return stream.equals(tradeStream) ? tradeSubscribers : tickerSubscribers;
    }
}
