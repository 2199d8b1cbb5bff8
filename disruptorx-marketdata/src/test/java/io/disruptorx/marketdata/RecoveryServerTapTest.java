package io.disruptorx.marketdata;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.marketdata.server.RecoveryServer;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.StoreBookTap;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tap on the recovery server's book, driven cycle by cycle on the test's thread as the feed's server thread drives
 * it: attached with the book as it is, told each message the book applies and the end of each catch-up, told nothing
 * once detached, and told when the book lost track of a store that released messages it had not applied.
 */
class RecoveryServerTapTest
{
    private final TestFeed feed = new TestFeed(64, 1400, 1_000_000);
    private final RecoveryServer recovery = new RecoveryServer(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), feed.store, new RequestRateLimiter(1000, 1000, 100),
        1000, SystemNanoClock.INSTANCE);
    private final Recorder tap = new Recorder();

    @AfterEach
    void close()
    {
        recovery.close();
    }

    @Test
    void shouldAttachWithTheBookAsItIsThenTellEachMessageUntilDetached()
    {
        feed.addOrders(10);
        recovery.doWork();
        assertThat(tap.events).as("not attached yet").isEmpty();

        recovery.tap(tap);
        feed.addOrders(5);
        recovery.doWork();

        assertThat(tap.events).containsExactly("attached 10 levels 5 lost false",
            "book 11", "book 12", "book 13", "book 14", "book 15", "caught up 15 lost false");

        tap.events.clear();
        recovery.doWork();
        assertThat(tap.events).as("a cycle with nothing new").containsExactly("caught up 15 lost false");

        tap.events.clear();
        recovery.tap(null);
        feed.addOrders(3);
        recovery.doWork();
        recovery.doWork();
        assertThat(tap.events).containsExactly("detached");

        tap.events.clear();
        recovery.tap(tap);
        recovery.doWork();
        assertThat(tap.events).as("attached again: the book as it is now")
            .containsExactly("attached 18 levels 5 lost false", "caught up 18 lost false");
    }

    @Test
    void shouldTellTheTapWhenTheBookLostTrackOfTheStore()
    {
        feed.addOrders(4);
        recovery.tap(tap);
        recovery.doWork();
        assertThat(tap.events).containsExactly("attached 0 levels 0 lost false",
            "book 1", "book 2", "book 3", "book 4", "caught up 4 lost false");

        tap.events.clear();
        feed.addOrders(200);
        recovery.doWork();
        assertThat(tap.events).containsExactly("caught up 4 lost true");
    }

    /** Writes down what it is told. */
    private static final class Recorder implements StoreBookTap
    {
        final List<String> events = new ArrayList<>();

        @Override
        public void onAttached(final MarketBook book, final long sequence, final boolean lostTrack)
        {
            final int levels = book.bookCount() == 0 ? 0 : book.bookAt(0).bids().levels();
            events.add("attached " + sequence + " levels " + levels + " lost " + lostTrack);
        }

        @Override
        public void onBookChanged(final long sequence, final InstrumentBook book)
        {
            events.add("book " + sequence);
        }

        @Override
        public void onCaughtUp(final long sequence, final boolean lostTrack)
        {
            events.add("caught up " + sequence + " lost " + lostTrack);
        }

        @Override
        public void onDetached()
        {
            events.add("detached");
        }
    }
}
