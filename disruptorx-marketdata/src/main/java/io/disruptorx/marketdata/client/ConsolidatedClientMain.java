package io.disruptorx.marketdata.client;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.InstrumentBook;

/**
 * {@code dx md-client --shards N}: follows the feed sessions of N shards at once through one
 * {@link ConsolidatedFeedClient} and prints the consolidated top of book per instrument, each from the session that
 * owns the instrument. Shard {@code i}'s session is {@code PREFIX-i} and its ports follow the shards' convention
 * ({@link #PORTS_PER_SHARD} per shard from a base): its unicast lines arrive on {@code base + 10 * i + 1} and
 * {@code + 2} of the loopback address, its retransmission server is on {@code + 3} (UDP) and its recovery server on
 * {@code + 4} (TCP); {@code dx demo --shards N} (sessions DXDEMO-i from port 31000) and {@code dx shard-host
 * --feed-shard i} (sessions DXSHARD-i from port 31100) publish that way.
 */
public final class ConsolidatedClientMain
{
    /** Ports each shard's feed takes from the base. */
    public static final int PORTS_PER_SHARD = 10;
    /** Most shards followed (session names of 10 characters at most: {@code DXSHARD-99}). */
    public static final int MAX_SHARDS = 100;

    private ConsolidatedClientMain()
    {
    }

    /**
     * The sessions of shards {@code 0..shards-1} by the convention.
     *
     * @param prefix   session name prefix; shard i's session is {@code prefix-i}.
     * @param shards   how many shards.
     * @param portBase the first shard's base port.
     * @param snapshot whether each session starts from a snapshot.
     * @return the sessions, shard 0 first.
     * @throws IllegalArgumentException when a port or a session name would be out of range.
     */
    public static List<ConsolidatedFeedClient.Session> sessions(
        final String prefix, final int shards, final int portBase, final boolean snapshot)
    {
        if (shards < 1 || shards > MAX_SHARDS || portBase < 1 ||
            portBase + PORTS_PER_SHARD * (shards - 1) + 4 > 65_535)
        {
            throw new IllegalArgumentException("--shards must be 1.." + MAX_SHARDS + " and --port-base at least 1 " +
                "with base + 10 * (shards - 1) + 4 at most 65535");
        }
        if ((prefix + "-" + (shards - 1)).length() > 10)
        {
            throw new IllegalArgumentException("session " + prefix + "-" + (shards - 1) +
                " is longer than the 10 characters MoldUDP64 allows");
        }
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        final List<ConsolidatedFeedClient.Session> sessions = new ArrayList<>();
        for (int i = 0; i < shards; i++)
        {
            final int base = portBase + PORTS_PER_SHARD * i;
            final FeedEndpoints endpoints = new FeedEndpoints(new InetSocketAddress(loopback, base + 1),
                new InetSocketAddress(loopback, base + 2), false, null, new InetSocketAddress(loopback, base + 3),
                new InetSocketAddress(loopback, base + 4));
            sessions.add(new ConsolidatedFeedClient.Session(
                FeedClientConfig.builder().session(prefix + "-" + i).startWithSnapshot(snapshot).seed(i).build(),
                endpoints));
        }
        return sessions;
    }

    /**
     * Follows the sessions until the duration elapses, every session has ended or the thread is interrupted.
     *
     * @param sessions      the sessions, shard 0 first.
     * @param durationNanos how long (0: until every session ends).
     * @param printNanos    print interval.
     * @param timeoutNanos  give up when a session has been out of step with its feed this long.
     * @param out           where the books go.
     * @return 0 when it ran, 1 when a session could not be followed.
     */
    public static int run(
        final List<ConsolidatedFeedClient.Session> sessions, final long durationNanos, final long printNanos,
        final long timeoutNanos, final PrintStream out)
    {
        final List<String> names = new ArrayList<>();
        sessions.forEach(session -> names.add(session.config().session()));
        try (ConsolidatedFeedClient client = new ConsolidatedFeedClient(sessions, new MarketDataListener()
        {
        }))
        {
            client.start();
            final long start = System.nanoTime();
            final FeedWatchdog[] watchdogs = new FeedWatchdog[client.sessionCount()];
            for (int i = 0; i < watchdogs.length; i++)
            {
                watchdogs[i] = new FeedWatchdog(client.session(i), timeoutNanos, start);
                out.println("md-client session " + names.get(i) + " listening on " + client.session(i).lineAAddress() +
                    " and " + client.session(i).lineBAddress());
            }
            long nextPrint = start + printNanos;
            String failure = null;
            while (failure == null && !Thread.currentThread().isInterrupted() && !ended(client) &&
                (durationNanos == 0 || System.nanoTime() - start < durationNanos))
            {
                client.poll(TimeUnit.MILLISECONDS.toNanos(20));
                final long now = System.nanoTime();
                if (now >= nextPrint)
                {
                    print(client, names, out);
                    nextPrint += printNanos;
                }
                for (int i = 0; i < watchdogs.length && failure == null; i++)
                {
                    final String problem = watchdogs[i].check(now);
                    failure = problem == null ? null : "session " + names.get(i) + ": " + problem;
                }
            }
            print(client, names, out);
            if (failure != null)
            {
                out.println("md-client: " + failure + " (is that shard's feed running?)");
                return 1;
            }
            return 0;
        }
    }

    private static boolean ended(final ConsolidatedFeedClient client)
    {
        for (int i = 0; i < client.sessionCount(); i++)
        {
            if (client.session(i).state() != FeedState.ENDED)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * One line per session (its last sequence and state), then the consolidated books by instrument id.
     */
    static void print(final ConsolidatedFeedClient client, final List<String> names, final PrintStream out)
    {
        final StringBuilder sessions = new StringBuilder("sessions");
        for (int i = 0; i < client.sessionCount(); i++)
        {
            final FeedClientRunner session = client.session(i);
            sessions.append(' ').append(names.get(i)).append(" seq ").append(session.client().nextSequence() - 1)
                .append(' ').append(session.state());
        }
        out.println(sessions);
        final Map<Integer, InstrumentBook> books = new TreeMap<>();
        client.forEachBook(book -> books.put(book.instrumentId(), book));
        for (final InstrumentBook book : books.values())
        {
            out.printf("  %d %s bid %d @ %d | ask %d @ %d | orders %d | %s%n", book.instrumentId(),
                book.state() == InstrumentBook.HALTED ? "HALTED " : "TRADING",
                book.bids().bestQuantity(), book.bids().bestPrice(), book.asks().bestQuantity(),
                book.asks().bestPrice(), book.orderCount(), names.get(client.owner(book.instrumentId())));
        }
    }
}
