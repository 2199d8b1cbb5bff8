package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dx bench}: the quick benchmarks of module disruptorx-bench. Each subcommand calls its bench's
 * {@code main} by class name, so this compiles whether or not a bench exists yet and says so clearly if not.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Runs a quick benchmark: engine (matching), bus (rings), node (journal, latency), md (feed).",
    subcommands = {BenchCommand.Engine.class, BenchCommand.Bus.class, BenchCommand.Node.class, BenchCommand.Md.class})
public final class BenchCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /**
     * Calls {@code className.main(args)}.
     *
     * @param className the bench class.
     * @param args      its arguments.
     * @param err       where a failure is reported.
     * @return 0 when it ran, 1 when it failed, 3 when the class is missing.
     */
    static int runMain(final String className, final String[] args, final PrintWriter err)
    {
        final Method main;
        try
        {
            main = Class.forName(className).getMethod("main", String[].class);
        }
        catch (final ClassNotFoundException | NoSuchMethodException ex)
        {
            err.println("dx bench: " + className + " is not available in this build (" + ex + ")");
            err.flush();
            return 3;
        }
        try
        {
            main.invoke(null, (Object)args);
            return 0;
        }
        catch (final InvocationTargetException ex)
        {
            err.println("dx bench: " + className + " failed: " + ex.getCause());
            err.flush();
            return 1;
        }
        catch (final IllegalAccessException ex)
        {
            err.println("dx bench: cannot call " + className + ".main: " + ex);
            err.flush();
            return 1;
        }
    }

    /**
     * Options every bench subcommand takes.
     */
    abstract static class BenchRun implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Option(names = "--quick", description = "Short run (seconds).")
        private boolean quick;

        @Parameters(paramLabel = "ARG", arity = "0..*", description = "Further arguments for the bench.")
        private List<String> extra = new ArrayList<>();

        abstract String className();

        @Override
        public Integer call()
        {
            final List<String> args = new ArrayList<>();
            if (quick)
            {
                args.add("--quick");
            }
            args.addAll(extra);
            return runMain(className(), args.toArray(String[]::new), spec.commandLine().getErr());
        }
    }

    /**
     * {@code dx bench md}.
     */
    @Command(name = "md", mixinStandardHelpOptions = true,
        description = "Market data: publish rate, client rate, 1k-gap recovery (MarketDataQuickBench).")
    static final class Md extends BenchRun
    {
        @Override
        String className()
        {
            return "io.disruptorx.bench.md.MarketDataQuickBench";
        }
    }

    /**
     * {@code dx bench node}.
     */
    @Command(name = "node", mixinStandardHelpOptions = true,
        description = "Embedded node: fsync, journal append and replay, latency at 100k orders/s (NodeQuickBench).")
    static final class Node extends BenchRun
    {
        @Override
        String className()
        {
            return "io.disruptorx.node.bench.NodeQuickBench";
        }
    }

    /**
     * {@code dx bench engine}.
     */
    @Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Matching engine against its peers (EngineQuickBench).")
    static final class Engine extends BenchRun
    {
        @Override
        String className()
        {
            return "io.disruptorx.bench.engine.EngineQuickBench";
        }
    }

    /**
     * {@code dx bench bus}.
     */
    @Command(name = "bus", mixinStandardHelpOptions = true,
        description = "Rings, bus and wait strategies (BusQuickBench).")
    static final class Bus extends BenchRun
    {
        @Override
        String className()
        {
            return "io.disruptorx.bench.bus.BusQuickBench";
        }
    }
}
