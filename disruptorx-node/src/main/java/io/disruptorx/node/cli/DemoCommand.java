package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.disruptorx.node.demo.DemoVenue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dx demo}: a venue with simulated traders, a status line every second and a summary at the end.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a demo venue with simulated traders.",
        "The engine runs over a generated order flow (market makers and takers); a status line is printed",
        "every second, then a summary: orders, trades, final top of book, throughput.",
        "Stops at the end of --duration or on Ctrl-C."})
public final class DemoCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10",
        description = "How long to run (default ${DEFAULT-VALUE}).")
    private int durationSeconds;

    @Option(names = "--instruments", defaultValue = "4", description = "Instruments (default ${DEFAULT-VALUE}).")
    private int instruments;

    @Option(names = "--accounts", defaultValue = "100", description = "Trading accounts (default ${DEFAULT-VALUE}).")
    private int accounts;

    @Option(names = "--seed", defaultValue = "42", description = "Order flow seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        if (durationSeconds < 1 || instruments < 1 || instruments > 1000 || accounts < 2 || accounts > 100_000)
        {
            err.println("dx demo: need --duration >= 1, --instruments 1..1000, --accounts 2..100000");
            return 2;
        }
        final PrintWriter out = spec.commandLine().getOut();
        final DemoVenue venue = new DemoVenue(instruments, accounts, seed);
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
