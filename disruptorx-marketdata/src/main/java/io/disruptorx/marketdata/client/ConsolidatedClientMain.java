package io.disruptorx.marketdata.client;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.InstrumentBook;

/**
 * {@code dx md-client --shards N} and {@code --feed}: follows the feed sessions of several shards at once through one
 * {@link ConsolidatedFeedClient} and prints the consolidated top of book per instrument, each from the session that
 * owns the instrument. With {@code --shards N}, shard {@code i}'s session is {@code PREFIX-i} and its ports follow
 * the shards' convention ({@link #PORTS_PER_SHARD} per shard from a base): its unicast lines arrive on
 * {@code base + 10 * i + 1} and {@code + 2} of the loopback address, its retransmission server is on {@code + 3}
 * (UDP) and its recovery server on {@code + 4} (TCP); {@code dx demo --shards N} (sessions DXDEMO-i from port 31000)
 * and {@code dx shard-host --feed-shard i} (sessions DXSHARD-i from port 31100) publish that way. A shard that does
 * not (a cluster shard, a shard host with a {@code market-data} file) is named by {@code --feed} ({@link ShardFeed}),
 * which adds a shard or replaces the convention's feed of the same index.
 */
public final class ConsolidatedClientMain
{
    /** Ports each shard's feed takes from the base. */
    public static final int PORTS_PER_SHARD = 10;
    /** Most shards followed (session names of 10 characters at most: {@code DXSHARD-99}). */
    public static final int MAX_SHARDS = ShardFeed.MAX_SHARD + 1;

    private ConsolidatedClientMain()
    {
    }

    /**
     * The feeds of shards {@code 0..shards-1} by the convention.
     *
     * @param prefix   session name prefix; shard i's session is {@code prefix-i}.
     * @param shards   how many shards (0: none).
     * @param portBase the first shard's base port.
     * @return the feeds, shard 0 first.
     * @throws IllegalArgumentException when a port or a session name would be out of range.
     */
    public static List<ShardFeed> conventionFeeds(final String prefix, final int shards, final int portBase)
    {
        if (shards == 0)
        {
            return List.of();
        }
        if (shards < 0 || shards > MAX_SHARDS || portBase < 1 ||
            portBase + PORTS_PER_SHARD * (shards - 1) + 4 > 65_535)
        {
            throw new IllegalArgumentException("--shards must be 1.." + MAX_SHARDS + " and --port-base at least 1 " +
                "with base + 10 * (shards - 1) + 4 at most 65535");
        }
        if ((prefix + "-" + (shards - 1)).length() > ShardFeed.MAX_SESSION_LENGTH)
        {
            throw new IllegalArgumentException("session " + prefix + "-" + (shards - 1) +
                " is longer than the 10 characters MoldUDP64 allows");
        }
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        final List<ShardFeed> feeds = new ArrayList<>();
        for (int i = 0; i < shards; i++)
        {
            final int base = portBase + PORTS_PER_SHARD * i;
            feeds.add(new ShardFeed(i, prefix + "-" + i, new FeedEndpoints(new InetSocketAddress(loopback, base + 1),
                new InetSocketAddress(loopback, base + 2), false, null, new InetSocketAddress(loopback, base + 3),
                new InetSocketAddress(loopback, base + 4))));
        }
        return feeds;
    }

    /**
     * The shards to follow: the convention's, each replaced by the explicitly named feed of the same index, and the
     * explicitly named ones of other indexes.
     *
     * @param convention the convention's feeds ({@link #conventionFeeds}), may be empty.
     * @param named      feeds named by {@code --feed}, at most one per shard.
     * @return the feeds by shard index.
     * @throws IllegalArgumentException when there is no feed at all, a shard is named twice, or two unicast lines
     *                                  would listen on the same address.
     */
    public static List<ShardFeed> feeds(final List<ShardFeed> convention, final List<ShardFeed> named)
    {
        final Map<Integer, ShardFeed> byShard = new TreeMap<>();
        convention.forEach(feed -> byShard.put(feed.shard(), feed));
        final Map<Integer, ShardFeed> seen = new TreeMap<>();
        for (final ShardFeed feed : named)
        {
            if (seen.put(feed.shard(), feed) != null)
            {
                throw new IllegalArgumentException("--feed names shard " + feed.shard() + " twice");
            }
            byShard.put(feed.shard(), feed);
        }
        if (byShard.isEmpty())
        {
            throw new IllegalArgumentException("no shard to follow: give --shards N or --feed");
        }
        if (byShard.size() > MAX_SHARDS)
        {
            throw new IllegalArgumentException("at most " + MAX_SHARDS + " shards");
        }
        final Map<InetSocketAddress, Integer> lines = new HashMap<>();
        for (final ShardFeed feed : byShard.values())
        {
            final FeedEndpoints endpoints = feed.endpoints();
            if (!endpoints.multicast())
            {
                for (final InetSocketAddress line : new InetSocketAddress[]{endpoints.lineA(), endpoints.lineB()})
                {
                    final Integer other = line == null ? null : lines.putIfAbsent(line, feed.shard());
                    if (other != null)
                    {
                        throw new IllegalArgumentException("shards " + other + " and " + feed.shard() +
                            " would both listen on " + line + ": each unicast line needs a port of its own");
                    }
                }
            }
        }
        return List.copyOf(byShard.values());
    }

    /**
     * @param feeds    the shards' feeds.
     * @param snapshot whether each session starts from a snapshot.
     * @return one session per feed, in the same order, the shard index as its jitter seed.
     */
    public static List<ConsolidatedFeedClient.Session> sessions(final List<ShardFeed> feeds, final boolean snapshot)
    {
        final List<ConsolidatedFeedClient.Session> sessions = new ArrayList<>();
        for (final ShardFeed feed : feeds)
        {
            sessions.add(new ConsolidatedFeedClient.Session(FeedClientConfig.builder().session(feed.session())
                .startWithSnapshot(snapshot).seed(feed.shard()).build(), feed.endpoints()));
        }
        return sessions;
    }

    /**
     * @param feeds the shards' feeds.
     * @return how each is named in the output: its session, or {@code SESSION#SHARD} when two shards publish
     * sessions of the same name (two clusters that kept the default DXCLUSTER).
     */
    public static List<String> labels(final List<ShardFeed> feeds)
    {
        final Map<String, Integer> uses = new HashMap<>();
        feeds.forEach(feed -> uses.merge(feed.session(), 1, Integer::sum));
        final List<String> labels = new ArrayList<>();
        for (final ShardFeed feed : feeds)
        {
            labels.add(uses.get(feed.session()) > 1 ? feed.session() + "#" + feed.shard() : feed.session());
        }
        return labels;
    }

    /**
     * Follows the sessions until the duration elapses, every session has ended or the thread is interrupted.
     *
     * @param feeds         the shards' feeds ({@link #feeds}).
     * @param snapshot      whether each session starts from a snapshot.
     * @param durationNanos how long (0: until every session ends).
     * @param printNanos    print interval.
     * @param timeoutNanos  give up when a session has been out of step with its feed this long.
     * @param out           where the books go.
     * @return 0 when it ran, 1 when a session could not be followed.
     */
    public static int run(
        final List<ShardFeed> feeds, final boolean snapshot, final long durationNanos, final long printNanos,
        final long timeoutNanos, final PrintStream out)
    {
        final List<String> names = labels(feeds);
        final MarketDataListener listener = new MarketDataListener()
        {
        };
        try (ConsolidatedFeedClient client = new ConsolidatedFeedClient(sessions(feeds, snapshot), listener))
        {
            client.start();
            final long start = System.nanoTime();
            final FeedWatchdog[] watchdogs = new FeedWatchdog[client.sessionCount()];
            for (int i = 0; i < watchdogs.length; i++)
            {
                watchdogs[i] = new FeedWatchdog(client.session(i), timeoutNanos, start);
                final FeedClientRunner session = client.session(i);
                out.println("md-client session " + names.get(i) + " listening on " + session.lineAAddress() +
                    (session.lineBAddress() == null ? "" : " and " + session.lineBAddress()));
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
