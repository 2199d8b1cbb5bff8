package io.disruptorx.marketdata;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.disruptorx.marketdata.server.RecoveryServer;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.StoreBook;
import io.disruptorx.marketdata.server.TcpFeedServer;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servers that follow the store with a book (recovery, the SoupBinTCP feed's snapshot session) apply what the
 * publisher stored without calling it work unless a backlog remains, so the idle strategy of the thread they share
 * backs off under a steady feed instead of spinning at the feed's rate (issue 15).
 */
class StoreFollowingTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final TestFeed feed = new TestFeed(64, 1400, 1_000_000);

    @Test
    void shouldApplyWhatArrivedWithoutReportingWorkBelowTheLimit()
    {
        final StoreBook book = new StoreBook(feed.store);
        feed.addOrders(10);

        assertThat(book.follow(16)).isZero();
        assertThat(book.sequence()).isEqualTo(10);
        assertThat(book.book().bookCount()).isEqualTo(1);
        assertThat(book.book().bookAt(0).side(0).levels()).isEqualTo(5);
    }

    @Test
    void shouldReportWorkWhileABacklogRemains()
    {
        final StoreBook book = new StoreBook(feed.store);
        feed.addOrders(40);

        assertThat(book.follow(16)).isEqualTo(1);
        assertThat(book.sequence()).isEqualTo(16);
        assertThat(book.follow(16)).isEqualTo(1);
        assertThat(book.sequence()).isEqualTo(32);
        assertThat(book.follow(16)).isZero();
        assertThat(book.sequence()).isEqualTo(40);
        assertThat(book.follow(16)).isZero();
        assertThat(book.sequence()).isEqualTo(40);
    }

    @Test
    void shouldReportNoWorkWhenTheServersOnlyFollowedTheFeed()
    {
        try (RecoveryServer recovery = new RecoveryServer(new InetSocketAddress(LOOPBACK, 0), feed.store,
            new RequestRateLimiter(1000, 1000, 100), 1000, SystemNanoClock.INSTANCE);
            TcpFeedServer tcp = new TcpFeedServer(new InetSocketAddress(LOOPBACK, 0), TestFeed.SESSION,
                "SNAPSHOT", feed.store, TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(15),
                SystemNanoClock.INSTANCE))
        {
            for (int cycle = 0; cycle < 3; cycle++)
            {
                feed.addOrders(5);

                assertThat(recovery.doWork()).isZero();
                assertThat(tcp.doWork()).isZero();
            }
        }
    }
}
