package io.disruptorx.node.cluster;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.client.FeedEndpoints;
import io.disruptorx.node.feed.BookCheck;

/**
 * Feed subscribers of the local cluster, each on two lines (sockets) fed by two different members, and the
 * comparison of their books with the engine's at the end.
 */
final class ClusterFeedCheck implements AutoCloseable
{
    private final List<FeedClientRunner> subscribers = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    /**
     * @param session     the feed session.
     * @param name        the subscriber's name.
     * @param first       its first socket.
     * @param second      its second socket.
     * @param retransmit  a member's retransmission server.
     * @param recovery    the same member's recovery server.
     */
    void add(
        final String session,
        final String name,
        final InetSocketAddress first,
        final InetSocketAddress second,
        final InetSocketAddress retransmit,
        final InetSocketAddress recovery)
    {
        subscribers.add(new FeedClientRunner(FeedClientConfig.builder().session(session).build(),
            new FeedEndpoints(first, second, false, null, retransmit, recovery), new MarketDataListener()
            {
            }).start("dx-md-" + name));
        names.add(name);
    }

    /**
     * @return one line: each subscriber's next sequence.
     */
    String describe()
    {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < subscribers.size(); i++)
        {
            line.append(i == 0 ? "" : " ").append(names.get(i)).append(' ')
                .append(subscribers.get(i).client().nextSequence() - 1);
        }
        return line.toString();
    }

    /**
     * Waits until no subscriber's sequence has moved for {@code quietNanos}: the commands still in flight when the
     * flow stopped (a closing gateway's last ones) have reached the engine, so a snapshot taken now is the state
     * the subscribers end with.
     *
     * @param quietNanos   how long the feed must stand still.
     * @param timeoutNanos longest wait.
     */
    void awaitQuiet(final long quietNanos, final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        String last = describe();
        long since = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - since < quietNanos)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            final String now = describe();
            if (!now.equals(last))
            {
                last = now;
                since = System.nanoTime();
            }
        }
    }

    /**
     * Waits for every subscriber to reach the engine's last feed sequence, stops them and compares their books.
     *
     * @param engine       the engine, as a member's state copy holds it.
     * @param timeoutNanos longest wait for the subscribers.
     * @return per subscriber, its name and the differences (empty when equal).
     */
    List<String> compare(final MatchingEngine engine, final long timeoutNanos)
    {
        final long last = engine.nextFeedSequence() - 1;
        final long deadline = System.nanoTime() + timeoutNanos;
        for (final FeedClientRunner subscriber : subscribers)
        {
            while (subscriber.client().nextSequence() <= last && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        final List<String> results = new ArrayList<>();
        for (int i = 0; i < subscribers.size(); i++)
        {
            final FeedClientRunner subscriber = subscribers.get(i);
            subscriber.close();
            final long at = subscriber.client().nextSequence() - 1;
            final List<String> differences = at != last ?
                List.of("at sequence " + at + ", the snapshot's engine at " + last) :
                BookCheck.differences(engine, subscriber.book());
            results.add(names.get(i) + ": " + (differences.isEmpty() ? "book equal to the engine's at sequence " +
                last : String.join("; ", differences)));
        }
        return results;
    }

    @Override
    public void close()
    {
        for (final FeedClientRunner subscriber : subscribers)
        {
            subscriber.close();
        }
    }
}
