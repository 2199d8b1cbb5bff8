package io.disruptorx.marketdata;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.marketdata.server.FeedPublisher;
import io.disruptorx.marketdata.server.MessageStore;
import io.disruptorx.marketdata.server.PacketSink;
import io.disruptorx.marketdata.wire.MoldUdp64;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;

/**
 * A publisher whose packets are captured in memory, and helpers to publish simple order adds.
 */
final class TestFeed implements PacketSink
{
    static final String SESSION = "DXFEED";

    final List<byte[]> packets = new ArrayList<>();
    final MessageStore store;
    final FeedPublisher publisher;
    final OrderPublisher encoder;
    private long orderId;

    TestFeed(final int storeCapacity, final int maxPayload, final long heartbeatNanos)
    {
        store = new MessageStore(storeCapacity, MarketDataEncoder.MAX_MESSAGE_LENGTH);
        publisher = new FeedPublisher(MoldUdp64.session(SESSION), store, maxPayload, heartbeatNanos, this);
        encoder = new OrderPublisher(publisher);
    }

    /**
     * Publishes order adds on instrument 1 (buys at 100 - i % 5) and flushes.
     */
    void addOrders(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            orderId++;
            encoder.orderAdded(publisher.nextSequence(), orderId, 1, orderId, 0, 100 - orderId % 5, 10);
        }
        publisher.flush();
    }

    @Override
    public void send(final ByteBuffer packet, final int length)
    {
        final byte[] copy = new byte[length];
        packet.get(0, copy, 0, length);
        packets.add(copy);
    }
}
