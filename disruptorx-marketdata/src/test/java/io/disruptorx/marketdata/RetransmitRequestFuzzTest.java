package io.disruptorx.marketdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.RetransmitCounters;
import io.disruptorx.marketdata.server.RetransmitServer;
import io.disruptorx.marketdata.wire.MoldUdp64;

/**
 * Jazzer fuzz target: one MoldUDP64 retransmission request datagram, any bytes, sent over a real UDP socket on
 * loopback to the real {@link RetransmitServer} in front of a store of 100 messages, which must read every datagram
 * once, count it (answered or rejected by kind), answer without a send or receive failure and never throw. The build
 * runs it in regression mode over its seed corpus ({@code src/test/resources/io/disruptorx/marketdata/
 * RetransmitRequestFuzzTestInputs}); {@code -Pslow} fuzzes it for a million executions (docs/security.md,
 * "Fuzzing").
 */
class RetransmitRequestFuzzTest
{
    private static final Harness HARNESS = new Harness();

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void fuzzRequest(final byte[] input)
    {
        HARNESS.request(input);
    }

    /**
     * The server on a clock of its own, driven on the fuzzing thread, and one requester's socket.
     */
    private static final class Harness
    {
        private static final int MAX_DATAGRAM = 4096;
        private static final int MAX_CYCLES = 10_000;

        private final TestFeed feed = new TestFeed(1024, 1400, TimeUnit.SECONDS.toNanos(1));
        private final RetransmitServer server;
        private final DatagramChannel requester;
        private final ByteBuffer answers = ByteBuffer.allocateDirect(65_536);
        private long now = 1;

        Harness()
        {
            feed.addOrders(100);
            server = new RetransmitServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                MoldUdp64.session(TestFeed.SESSION), feed.store, null, 1400, 1000, 1_000, 3_000,
                TimeUnit.MILLISECONDS.toNanos(3), 1024, new RequestRateLimiter(10_000, 1000, 100), () -> now);
            try
            {
                requester = DatagramChannel.open(StandardProtocolFamily.INET);
                requester.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                requester.configureBlocking(false);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        void request(final byte[] input)
        {
            final RetransmitCounters counters = server.counters();
            final long received = counters.requestsReceived();
            try
            {
                requester.send(ByteBuffer.wrap(input, 0, Math.min(input.length, MAX_DATAGRAM)), server.address());
                int cycles = 0;
                while (counters.requestsReceived() == received && cycles++ < MAX_CYCLES)
                {
                    now += 1_000;
                    server.doWork();
                }
                if (counters.requestsReceived() != received + 1)
                {
                    throw new IllegalStateException("a datagram of " + input.length + " bytes was read " +
                        (counters.requestsReceived() - received) + " times");
                }
                now += TimeUnit.MILLISECONDS.toNanos(10);
                server.doWork();
                answers.clear();
                while (requester.receive(answers) != null)
                {
                    answers.clear();
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            if (counters.receiveFailures() != 0 || counters.sendFailures() != 0)
            {
                throw new IllegalStateException("receive failures " + counters.receiveFailures() +
                    ", send failures " + counters.sendFailures());
            }
        }
    }
}
