package io.disruptorx.node.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.disruptorx.marketdata.client.MarketDataClientMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx md-client}: subscribes to a feed (lines A/B, retransmission and recovery servers) and prints a
 * live top of book per instrument, through {@link MarketDataClientMain}; with {@code --shards N} and {@code --feed},
 * to the sessions of several shards at once, printed as one consolidated set of books.
 */
@Command(
    name = "md-client",
    mixinStandardHelpOptions = true,
    description = {
        "Subscribes to the market data feed and prints the top of book per instrument (--shards N, --feed: the feeds",
        "of several shards, followed at once and printed as one consolidated set of books).",
        "Defaults match a running ./dx demo (unicast lines to 127.0.0.1:31001 and :31002, retransmission on",
        "31003, snapshots on 31004); the client starts from a snapshot, follows lines A and B and recovers gaps.",
        "Exit code 0 when it ran, 1 when it could not follow the feed (a line's port in use, nothing to reach),",
        "2 for bad arguments."})
public final class MdClientCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--line-a", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:31001",
        description = "Line A: the local address to bind (unicast) or the group (with --multicast) " +
            "(default ${DEFAULT-VALUE}).")
    private String lineA;

    @Option(names = "--line-b", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:31002",
        description = "Line B, as line A; 'none' for a single line (default ${DEFAULT-VALUE}).")
    private String lineB;

    @Option(names = "--multicast", description = "Join the lines as multicast groups.")
    private boolean multicast;

    @Option(names = "--interface", paramLabel = "NAME", defaultValue = "lo",
        description = "Interface to join on with --multicast (default ${DEFAULT-VALUE}).")
    private String networkInterface;

    @Option(names = "--request", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:31003",
        description = "MoldUDP64 retransmission server, UDP (default ${DEFAULT-VALUE}).")
    private String request;

    @Option(names = "--recovery", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:31004",
        description = "Snapshot (recovery) server, TCP (default ${DEFAULT-VALUE}).")
    private String recovery;

    @Option(names = "--session", defaultValue = "DXDEMO",
        description = "MoldUDP64 session (default ${DEFAULT-VALUE}, the demo's).")
    private String session;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "0",
        description = {"Follow N shards' feed sessions at once and print one consolidated set of books: shard i's",
            "session is SESSION-i, its lines arrive on 127.0.0.1 port BASE+10*i+1 and +2, retransmission on +3,",
            "snapshots on +4 (dx demo --shards N: --session DXDEMO --port-base 31000; dx shard-host --feed-shard i:",
            "--session DXSHARD --port-base 31100). The --line-*, --request and --recovery options are then unused."})
    private int shards;

    @Option(names = "--port-base", paramLabel = "BASE", defaultValue = "31000",
        description = "With --shards: shard 0's base port (default ${DEFAULT-VALUE}).")
    private int portBase;

    @Option(names = "--feed", paramLabel = "SPEC",
        description = {"One shard's feed named explicitly (repeatable; alone or with --shards, whose feed of the same",
            "shard it replaces): shard=I,session=NAME,line-a=HOST:PORT[,line-b=HOST:PORT],request=HOST:PORT,",
            "recovery=HOST:PORT[,multicast=true[,interface=NAME]]. For a shard that does not follow the --shards",
            "convention, e.g. a cluster shard: session cluster.feed.session, line-a and line-b the destinations of",
            "two members' lines, request and recovery one member's retransmit-port and recovery-port."})
    private List<String> feeds = new ArrayList<>();

    @Option(names = "--snapshot", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Start from a snapshot (default); --no-snapshot starts at sequence 1.")
    private boolean snapshot;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
        description = "Stop after this many seconds; 0 runs until the session ends or Ctrl-C (default " +
            "${DEFAULT-VALUE}).")
    private long durationSeconds;

    @Option(names = "--print-millis", paramLabel = "MILLIS", defaultValue = "1000",
        description = "Print interval (default ${DEFAULT-VALUE}).")
    private long printMillis;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
        description = "Give up with exit code 1, saying what could not be reached, after this many seconds " +
            "without being in step with the feed (default ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final List<String> args = new ArrayList<>(List.of("--line-a", lineA));
        if (!"none".equalsIgnoreCase(lineB))
        {
            args.addAll(List.of("--line-b", lineB));
        }
        if (multicast)
        {
            args.add("--multicast");
        }
        args.addAll(List.of("--interface", networkInterface, "--request", request, "--recovery", recovery,
            "--session", session, "--duration-seconds", Long.toString(durationSeconds), "--print-millis",
            Long.toString(printMillis), "--timeout-seconds", Long.toString(timeoutSeconds)));
        if (snapshot)
        {
            args.add("--snapshot");
        }
        if (shards != 0)
        {
            args.addAll(List.of("--shards", Integer.toString(shards), "--port-base", Integer.toString(portBase)));
        }
        for (final String feed : feeds)
        {
            args.addAll(List.of("--feed", feed));
        }
        final LineForwarder forwarder = new LineForwarder(out);
        try (PrintStream stream = new PrintStream(forwarder, true, StandardCharsets.UTF_8))
        {
            return MarketDataClientMain.run(args.toArray(String[]::new), stream);
        }
    }

    /**
     * Passes the client's lines on to picocli's writer as they are completed, so tests can capture them.
     */
    private static final class LineForwarder extends ByteArrayOutputStream
    {
        private final PrintWriter out;

        LineForwarder(final PrintWriter out)
        {
            this.out = out;
        }

        @Override
        public synchronized void flush()
        {
            out.print(toString(StandardCharsets.UTF_8));
            out.flush();
            reset();
        }
    }
}
