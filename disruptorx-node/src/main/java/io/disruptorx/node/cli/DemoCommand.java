package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.demo.DemoVenue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx demo}: a venue with simulated traders, a status line every second and a summary at the end.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a demo venue with simulated traders.",
        "An embedded node (journal, snapshots, engine) takes orders from simulated market makers and takers;",
        "a status line is printed every second (orders/s, trades/s, order-to-report latency, journal size) and",
        "/metrics and /health are served on loopback. At the end of --duration or on Ctrl-C it stops cleanly",
        "with a final snapshot; the next run recovers from the same data directory."})
public final class DemoCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10",
        description = "How long to run (default ${DEFAULT-VALUE}).")
    private int durationSeconds;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "dx-data/demo",
        description = "Journal and snapshots (default ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Option(names = "--rate", defaultValue = "50000",
        description = "Commands per second the traders offer (default ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--instruments", defaultValue = "4", description = "Instruments (default ${DEFAULT-VALUE}).")
    private int instruments;

    @Option(names = "--accounts", defaultValue = "100", description = "Trading accounts (default ${DEFAULT-VALUE}).")
    private int accounts;

    @Option(names = "--seed", defaultValue = "42", description = "Order flow seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--http-port", defaultValue = "8080",
        description = "HTTP port on 127.0.0.1, 0 for any free port, -1 for none (default ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--force-policy", defaultValue = "EVERY_BATCH",
        description = "Journal force policy: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; INTERVAL forces " +
            "every millisecond, NEVER is for benchmarks only).")
    private ForcePolicy forcePolicy;

    @Override
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        if (durationSeconds < 1 || instruments < 1 || instruments > 1000 || accounts < 2 || accounts > 100_000 ||
            rate < 1 || rate > 10_000_000 || httpPort < -1 || httpPort > 65_535)
        {
            err.println("dx demo: need --duration >= 1, --instruments 1..1000, --accounts 2..100000, " +
                "--rate 1..10000000, --http-port -1..65535");
            return 2;
        }
        final PrintWriter out = spec.commandLine().getOut();
        final DemoVenue venue = new DemoVenue(
            new DemoVenue.Options(dataDirectory, instruments, accounts, seed, rate, httpPort, forcePolicy));
        final Thread stopper = new Thread(venue::stop, "dx-demo-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try
        {
            venue.run(durationSeconds * 1_000_000_000L, out);
        }
        finally
        {
            removeHook(stopper);
        }
        return 0;
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            return;
        }
    }
}
