package io.disruptorx.marketdata;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.marketdata.server.FeedPublisher;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.marketdata.server.LossModel;
import io.disruptorx.marketdata.server.LossyPacketSink;
import io.disruptorx.marketdata.server.MessageStore;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.RetransmitServer;
import io.disruptorx.marketdata.server.UdpLine;
import io.disruptorx.marketdata.wire.MoldUdp64;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retransmission without amplification, with nassau 1.0.0's {@code MoldUDP64Client} as the client: it re-requests
 * from the packet after the one it just read on every response packet while a gap is open, so a server that
 * answered every request in full resent the gap many times over (28x for 10,000 messages, as filed). With the
 * server's per-requester flow (defaults of {@link FeedServerConfig}), a range of 1k, 10k and 100k messages dropped on
 * the line is refilled with at most 1.5x the gap resent, every message delivered once and in order.
 */
class RetransmissionAmplificationTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int BEFORE = 1_024;
    private static final int BATCH = 16;

    @ParameterizedTest(name = "a gap of {0} messages")
    @ValueSource(ints = {1_000, 10_000, 100_000})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRefillADroppedRangeResendingAtMostOneAndAHalfTimesTheGap(final int gap) throws IOException
    {
        final FeedServerConfig config = FeedServerConfig.builder().build();
        final MessageStore store = new MessageStore(1 << 18, MarketDataEncoder.MAX_MESSAGE_LENGTH);
        final byte[] session = MoldUdp64.session(TestFeed.SESSION);
        try (UdpLine line = UdpLine.unicast(new InetSocketAddress(LOOPBACK, 0));
            RetransmitServer server = new RetransmitServer(new InetSocketAddress(LOOPBACK, 0), session, store, null,
                config.maxPayload(), config.maxMessagesPerRequest(), config.coalesceNanos(), config.coalesceNanos() * 3,
                config.repeatWindowNanos(), config.maxInFlightMessages(),
                new RequestRateLimiter(config.requestsPerSecond(), config.requestBurst(), 4096),
                SystemNanoClock.INSTANCE);
            NassauMoldClient nassau = new NassauMoldClient(server.address(), 1))
        {
            line.addDestination(nassau.address());
            final long[] dropped = new long[1];
            final LossModel range = LossModel.sequenceRange(BEFORE + 1, BEFORE + gap);
            final LossyPacketSink lossy = new LossyPacketSink(line, (packet, first, count) ->
            {
                final boolean drop = range.drop(packet, first, count);
                dropped[0] += drop ? count : 0;
                return drop;
            });
            final FeedPublisher publisher =
                new FeedPublisher(session, store, config.maxPayload(), 1_000_000_000L, lossy);
            final OrderPublisher orders = new OrderPublisher(publisher);
            while (publisher.nextSequence() <= BEFORE + gap + BATCH)
            {
                for (int i = 0; i < BATCH; i++)
                {
                    final long s = publisher.nextSequence();
                    orders.orderAdded(s, s, 1, s, (int)(s & 1), 100 + s % 7, 5);
                }
                publisher.flush();
                nassau.drain();
            }
            final long total = publisher.nextSequence() - 1;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (nassau.lastSequence() < total && System.nanoTime() < deadline)
            {
                server.doWork();
                if (nassau.drain() == 0)
                {
                    LockSupport.parkNanos(50_000);
                }
            }
            final long resent = server.counters().messagesRetransmitted();
            final double ratio = resent / (double)dropped[0];
            System.out.printf("[md-test] nassau gap=%d dropped=%d resent=%d ratio=%.3f nassauRequests=%d " +
                "serverRequests=%d repeated=%d rateLimited=%d%n", gap, dropped[0], resent, ratio, nassau.requests,
                server.counters().requestsReceived(), server.counters().requestsRepeated(),
                server.counters().requestsRateLimited());

            assertThat(dropped[0]).as("messages lost on the line").isBetween((long)gap, (long)gap + BATCH);
            assertThat(nassau.sequences).as("every message once, in order").hasSize((int)total);
            assertThat(nassau.outOfOrder).isFalse();
            assertThat(nassau.lastSequence()).isEqualTo(total);
            assertThat(ratio).as("messages resent per message lost").isLessThanOrEqualTo(1.5);
        }
    }
}
