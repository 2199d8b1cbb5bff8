package io.disruptorx.marketdata.client;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.InstrumentBook;
import io.disruptorx.marketdata.book.MarketBook;

/**
 * Entry point of {@code dx md-client}: subscribes to the feed and prints a live top of book per instrument.
 *
 * <pre>
 * --line-a HOST:PORT      line A (group:port with --multicast, else the local address to bind)
 * --line-b HOST:PORT      line B (optional)
 * --multicast             join the lines as multicast groups
 * --interface NAME        interface to join on (default lo)
 * --request HOST:PORT     MoldUDP64 retransmission server
 * --recovery HOST:PORT    TCP snapshot server
 * --session NAME          MoldUDP64 session (default DXFEED)
 * --snapshot              start from a snapshot instead of sequence 1
 * --duration-seconds N    stop after N seconds (default: run until interrupted)
 * --print-millis N        print interval (default 1000)
 * --timeout-seconds N     give up (exit 1) after N seconds out of step with the feed (default 10)
 * --shards N              follow N shards' sessions (SESSION-0 ..) as one set of books ({@link ConsolidatedClientMain})
 * --port-base N           with --shards: shard i's ports from N + 10 * i (default 31000, dx demo --shards)
 * --feed SPEC             (repeatable) one shard's feed named explicitly ({@link ShardFeed}): adds a shard to those
 *                         of --shards, or replaces the convention's feed of the same index
 * </pre>
 */
public final class MarketDataClientMain
{
    private MarketDataClientMain()
    {
    }

    /**
     * Runs the client until the duration elapses, the session ends or the thread is interrupted.
     *
     * @param args command line.
     * @param out  where the top of book goes.
     * @return exit code: 0 when it ran, 1 when it could not follow the feed (a line in use, nothing to reach),
     * 2 for bad arguments.
     */
    public static int run(final String[] args, final PrintStream out)
    {
        final Map<String, String> options = new HashMap<>();
        final List<String> feeds = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if ("--multicast".equals(arg) || "--snapshot".equals(arg))
            {
                options.put(arg, "true");
            }
            else if ("--feed".equals(arg) && i + 1 < args.length)
            {
                feeds.add(args[++i]);
            }
            else if (arg.startsWith("--") && i + 1 < args.length)
            {
                options.put(arg, args[++i]);
            }
            else
            {
                out.println("unknown argument: " + arg);
                return 2;
            }
        }
        if (options.containsKey("--shards") || !feeds.isEmpty())
        {
            return runShards(options, feeds, out);
        }
        if (!options.containsKey("--line-a") || !options.containsKey("--request") || !options.containsKey("--recovery"))
        {
            out.println("usage: md-client --line-a HOST:PORT [--line-b HOST:PORT] [--multicast] [--interface NAME]" +
                " --request HOST:PORT --recovery HOST:PORT [--session NAME] [--snapshot] [--duration-seconds N]" +
                " [--timeout-seconds N]");
            return 2;
        }
        try
        {
            final FeedEndpoints endpoints = new FeedEndpoints(
                address(options.get("--line-a")),
                options.containsKey("--line-b") ? address(options.get("--line-b")) : null,
                options.containsKey("--multicast"),
                NetworkInterface.getByName(options.getOrDefault("--interface", "lo")),
                address(options.get("--request")),
                address(options.get("--recovery")));
            final FeedClientConfig config = FeedClientConfig.builder()
                .session(options.getOrDefault("--session", "DXFEED"))
                .startWithSnapshot(options.containsKey("--snapshot"))
                .build();
            final Timing timing = Timing.of(options);
            return runClient(config, endpoints, timing.durationNanos, timing.printNanos, timing.timeoutNanos, out);
        }
        catch (final IllegalArgumentException | UnknownHostException | SocketException ex)
        {
            out.println("md-client: " + ex.getMessage());
            return 2;
        }
        catch (final UncheckedIOException ex)
        {
            if (ex.getCause() instanceof LineInUseException)
            {
                out.println("md-client: " + ex.getCause().getMessage() + ": another subscriber (a second md-client?) " +
                    "listens there; unicast lines reach one socket per port, so run one md-client per port pair " +
                    "the feed sends to, or use multicast lines (dx demo --feed-multicast, md-client --multicast)");
            }
            else
            {
                out.println("md-client: " + ex.getMessage());
            }
            return 1;
        }
    }

    private static int runShards(final Map<String, String> options, final List<String> specs, final PrintStream out)
    {
        try
        {
            final List<ShardFeed> named = new ArrayList<>();
            for (final String spec : specs)
            {
                named.add(ShardFeed.parse(spec));
            }
            final List<ShardFeed> feeds = ConsolidatedClientMain.feeds(ConsolidatedClientMain.conventionFeeds(
                options.getOrDefault("--session", "DXFEED"), Integer.parseInt(options.getOrDefault("--shards", "0")),
                Integer.parseInt(options.getOrDefault("--port-base", "31000"))), named);
            final Timing timing = Timing.of(options);
            return ConsolidatedClientMain.run(feeds, options.containsKey("--snapshot"), timing.durationNanos,
                timing.printNanos, timing.timeoutNanos, out);
        }
        catch (final IllegalArgumentException ex)
        {
            out.println("md-client: " + ex.getMessage());
            return 2;
        }
        catch (final UncheckedIOException ex)
        {
            out.println("md-client: " + (ex.getCause() instanceof LineInUseException ? ex.getCause().getMessage() +
                ": another subscriber (a second md-client?) listens there" : ex.getMessage()));
            return 1;
        }
    }

    private static int runClient(
        final FeedClientConfig config,
        final FeedEndpoints endpoints,
        final long durationNanos,
        final long printNanos,
        final long timeoutNanos,
        final PrintStream out)
    {
        final MarketDataListener listener = new MarketDataListener()
        {
            @Override
            public void onFeedState(final FeedState state)
            {
                out.println("state " + state);
            }

            @Override
            public void onSnapshotLoaded(final long sequence)
            {
                out.println("snapshot loaded at sequence " + sequence);
            }
        };
        try (FeedClientRunner runner = new FeedClientRunner(config, endpoints, listener))
        {
            runner.startManual();
            out.println("md-client listening on " + runner.lineAAddress() +
                (runner.lineBAddress() == null ? "" : " and " + runner.lineBAddress()));
            final long start = System.nanoTime();
            final FeedWatchdog watchdog = new FeedWatchdog(runner, timeoutNanos, start);
            long nextPrint = start + printNanos;
            String failure = null;
            while (failure == null && !Thread.currentThread().isInterrupted() && runner.state() != FeedState.ENDED &&
                (durationNanos == 0 || System.nanoTime() - start < durationNanos))
            {
                runner.poll(TimeUnit.MILLISECONDS.toNanos(20));
                final long now = System.nanoTime();
                if (now >= nextPrint)
                {
                    print(runner, out);
                    nextPrint += printNanos;
                }
                failure = watchdog.check(now);
            }
            print(runner, out);
            out.println("counters " + runner.client().counters());
            if (failure != null)
            {
                out.println("md-client: " + failure + " (is the feed running?)");
                return 1;
            }
            return 0;
        }
    }

    private static void print(final FeedClientRunner runner, final PrintStream out)
    {
        final MarketBook book = runner.book();
        out.println("seq " + (runner.client().nextSequence() - 1) + " " + runner.state());
        for (int i = 0; i < book.bookCount(); i++)
        {
            final InstrumentBook instrument = book.bookAt(i);
            out.printf("  %d %s bid %d @ %d | ask %d @ %d | orders %d%n",
                instrument.instrumentId(),
                instrument.state() == InstrumentBook.HALTED ? "HALTED " : "TRADING",
                instrument.bids().bestQuantity(), instrument.bids().bestPrice(),
                instrument.asks().bestQuantity(), instrument.asks().bestPrice(),
                instrument.orderCount());
        }
    }

    private static InetSocketAddress address(final String hostPort) throws UnknownHostException
    {
        final int colon = hostPort.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException("expected HOST:PORT, got " + hostPort);
        }
        return new InetSocketAddress(
            InetAddress.getByName(hostPort.substring(0, colon)), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /**
     * How long to run, how often to print and how long to wait for the feed, from the options.
     */
    private record Timing(long durationNanos, long printNanos, long timeoutNanos)
    {
        static Timing of(final Map<String, String> options)
        {
            final Timing timing = new Timing(
                TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("--duration-seconds", "0"))),
                TimeUnit.MILLISECONDS.toNanos(Long.parseLong(options.getOrDefault("--print-millis", "1000"))),
                TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("--timeout-seconds", "10"))));
            if (timing.timeoutNanos <= 0 || timing.printNanos <= 0 || timing.durationNanos < 0)
            {
                throw new IllegalArgumentException("--timeout-seconds and --print-millis must be positive, " +
                    "--duration-seconds not negative");
            }
            return timing;
        }
    }
}
