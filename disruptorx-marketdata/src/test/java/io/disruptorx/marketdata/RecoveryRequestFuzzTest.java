package io.disruptorx.marketdata;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.disruptorx.marketdata.server.RecoveryServer;
import io.disruptorx.marketdata.server.RequestRateLimiter;

/**
 * Jazzer fuzz target: one client byte stream to the TCP recovery server (snapshot and retransmission requests, any
 * bytes), on a real loopback connection of its own, to the real {@link RecoveryServer} in front of a store of 100
 * messages, driven on the fuzzing thread ({@link TcpServerFuzzHarness}): every connection is accepted once and
 * closed, within a bounded number of duty cycles, and the server never throws. The build runs it in regression mode
 * over its seed corpus ({@code src/test/resources/io/disruptorx/marketdata/RecoveryRequestFuzzTestInputs});
 * {@code -Pslow} fuzzes it for a million executions (docs/security.md, "Fuzzing").
 */
class RecoveryRequestFuzzTest
{
    private static final long[] NOW = {1};
    private static final TestFeed FEED = new TestFeed(1024, 1400, 1_000_000_000L);
    private static final RecoveryServer SERVER = server();
    private static final TcpServerFuzzHarness HARNESS = new TcpServerFuzzHarness(() -> SERVER.doWork(),
        SERVER.address(), () -> SERVER.counters().connections(), () -> SERVER.openConnections());

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void fuzzRequests(final byte[] input)
    {
        NOW[0] += 1_000_000;
        HARNESS.stream(input);
    }

    private static RecoveryServer server()
    {
        FEED.addOrders(100);
        return new RecoveryServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), FEED.store,
            new RequestRateLimiter(1_000_000, 1_000_000, 100), 1000, () -> NOW[0]);
    }
}
