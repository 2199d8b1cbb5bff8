package io.disruptorx.marketdata;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.disruptorx.marketdata.server.TcpFeedServer;

/**
 * Jazzer fuzz target: one client byte stream to the SoupBinTCP feed server (logins to the feed and snapshot sessions,
 * heartbeats, logouts, any bytes), on a real loopback connection of its own, to the real {@link TcpFeedServer} in
 * front of a store of 100 messages, driven on the fuzzing thread ({@link TcpServerFuzzHarness}): every connection is
 * accepted once and closed, within a bounded number of duty cycles, and the server never throws. The build runs it
 * in regression mode over its seed corpus ({@code src/test/resources/io/disruptorx/marketdata/
 * TcpFeedRequestFuzzTestInputs}); {@code -Pslow} fuzzes it for a million executions (docs/security.md, "Fuzzing").
 */
class TcpFeedRequestFuzzTest
{
    private static final long[] NOW = {1};
    private static final TestFeed FEED = new TestFeed(1024, 1400, 1_000_000_000L);
    private static final TcpFeedServer SERVER = server();
    private static final TcpServerFuzzHarness HARNESS = new TcpServerFuzzHarness(() -> SERVER.doWork(),
        SERVER.address(), () -> SERVER.counters().connections(), () -> SERVER.openConnections());

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void fuzzRequests(final byte[] input)
    {
        NOW[0] += 1_000_000;
        HARNESS.stream(input);
    }

    private static TcpFeedServer server()
    {
        FEED.addOrders(100);
        return new TcpFeedServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TestFeed.SESSION,
            "SNAPSHOT", FEED.store, TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(15), () -> NOW[0]);
    }
}
