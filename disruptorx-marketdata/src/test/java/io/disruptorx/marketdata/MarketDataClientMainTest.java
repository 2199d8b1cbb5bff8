package io.disruptorx.marketdata;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.core.net.TestPorts;
import io.disruptorx.marketdata.client.MarketDataClientMain;
import io.disruptorx.marketdata.server.AgentHost;
import io.disruptorx.marketdata.server.FeedPublisher;
import io.disruptorx.marketdata.server.MessageStore;
import io.disruptorx.marketdata.server.RecoveryServer;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.RetransmitServer;
import io.disruptorx.marketdata.server.UdpLine;
import io.disruptorx.marketdata.wire.MoldUdp64;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The md-client entry point subscribes over unicast on 127.0.0.1 and prints the top of book.
 */
class MarketDataClientMainTest
{
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldPrintTheLiveTopOfBookPerInstrument() throws Exception
    {
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        final int port = TestPorts.port();
        final MessageStore store = new MessageStore(1 << 12, MarketDataEncoder.MAX_MESSAGE_LENGTH);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger exit = new AtomicInteger(-1);
        try (UdpLine line = UdpLine.unicast(new InetSocketAddress(loopback, 0), new InetSocketAddress(loopback, port));
            RetransmitServer retransmit = new RetransmitServer(new InetSocketAddress(loopback, 0),
                MoldUdp64.session(TestFeed.SESSION), store, null, 1400, 1000, 0, 0, 0, 1024,
                new RequestRateLimiter(100, 100, 10), SystemNanoClock.INSTANCE);
            RecoveryServer recovery = new RecoveryServer(new InetSocketAddress(loopback, 0), store,
                new RequestRateLimiter(100, 100, 10), 1000, SystemNanoClock.INSTANCE);
            AgentHost host = AgentHost.start("md-test", AgentHost.Threading.SHARED, retransmit, recovery))
        {
            final FeedPublisher publisher = new FeedPublisher(MoldUdp64.session(TestFeed.SESSION), store, 1400,
                TimeUnit.MILLISECONDS.toNanos(20), line);
            final OrderPublisher encoder = new OrderPublisher(publisher);
            final Thread main = new Thread(() -> exit.set(MarketDataClientMain.run(new String[]{
                "--line-a", "127.0.0.1:" + port,
                "--request", "127.0.0.1:" + retransmit.address().getPort(),
                "--recovery", "127.0.0.1:" + recovery.address().getPort(),
                "--duration-seconds", "2", "--print-millis", "200"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8))));
            main.start();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            long order = 0;
            while (main.isAlive() && System.nanoTime() < deadline)
            {
                order++;
                encoder.orderAdded(publisher.nextSequence(), order, 7, order, (int)(order & 1),
                    (order & 1) == 0 ? 990 : 1010, 3);
                publisher.flush();
                publisher.onTimer(System.nanoTime());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            main.join(10_000);
        }
        final String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(exit.get()).isEqualTo(0);
        assertThat(output).contains("7 TRADING bid").contains("@ 990 | ask").contains("@ 1010");
        assertThat(MarketDataClientMain.run(new String[]{"--bogus"}, new PrintStream(new ByteArrayOutputStream())))
            .isEqualTo(2);
    }
}
