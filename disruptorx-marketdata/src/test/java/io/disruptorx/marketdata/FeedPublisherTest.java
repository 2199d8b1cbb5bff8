package io.disruptorx.marketdata;

import io.disruptorx.marketdata.wire.MoldUdp64;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Packing, flushing and heartbeats of the publisher.
 */
class FeedPublisherTest
{
    @Test
    void shouldPackManyMessagesPerPacketAndNeverExceedThePayloadLimit()
    {
        final TestFeed feed = new TestFeed(4096, 1400, 1_000_000);
        feed.addOrders(1000);
        long expected = 1;
        for (final byte[] packet : feed.packets)
        {
            assertThat(packet.length).isLessThanOrEqualTo(1400);
            final UnsafeBuffer view = new UnsafeBuffer(packet);
            assertThat(MoldUdp64.sequence(view, 0)).isEqualTo(expected);
            expected += MoldUdp64.count(view, 0);
        }
        assertThat(expected).isEqualTo(1001);
        assertThat(feed.packets.size()).isLessThan(1000 / 15);
    }

    @Test
    void shouldFlushAPartialPacketAtEndOfBatch()
    {
        final TestFeed feed = new TestFeed(64, 1400, 1_000_000);
        feed.addOrders(2);
        assertThat(feed.packets).hasSize(1);
        assertThat(MoldUdp64.count(new UnsafeBuffer(feed.packets.get(0)), 0)).isEqualTo(2);
    }

    @Test
    void shouldSendHeartbeatsWithTheNextSequenceWhenIdleAndEndTheSession()
    {
        final TestFeed feed = new TestFeed(64, 1400, 1_000_000);
        feed.addOrders(3);
        feed.publisher.onTimer(System.nanoTime() + 2_000_000);
        final UnsafeBuffer heartbeat = new UnsafeBuffer(feed.packets.get(1));
        assertThat(feed.packets.get(1)).hasSize(MoldUdp64.HEADER_LENGTH);
        assertThat(MoldUdp64.count(heartbeat, 0)).isEqualTo(0);
        assertThat(MoldUdp64.sequence(heartbeat, 0)).isEqualTo(4);
        feed.publisher.endOfSession();
        final UnsafeBuffer end = new UnsafeBuffer(feed.packets.get(2));
        assertThat(MoldUdp64.count(end, 0)).isEqualTo(MoldUdp64.END_OF_SESSION_COUNT);
        assertThat(MoldUdp64.sequence(end, 0)).isEqualTo(4);
    }
}
