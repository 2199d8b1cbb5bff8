package io.disruptorx.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dx bench}: the entry point of the benchmark jar ({@code dx-bench.jar}), which the {@code ./dx} launcher
 * runs for {@code ./dx bench ...}. The product jar ({@code dx.jar}) carries no benchmark and no benchmark peer.
 */
@Command(
    name = "dx bench",
    mixinStandardHelpOptions = true,
    description = "Runs a quick benchmark: engine (matching), bus (rings), node (journal, latency), md (feed), " +
        "host (the machine's jitter floor), gateway (order entry), cluster (replicated engine), " +
        "shard (1/2/4 shards, transfer, move halt).",
    subcommands = {
        DxBench.Engine.class,
        DxBench.Bus.class,
        DxBench.Node.class,
        DxBench.Host.class,
        DxBench.Observability.class,
        DxBench.DashboardCost.class,
        DxBench.Md.class,
        DxBench.Gateway.class,
        DxBench.ClusterBench.class,
        DxBench.Shard.class,
        CommandLine.HelpCommand.class})
public final class DxBench implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /**
     * @return the command line.
     */
    static CommandLine commandLine()
    {
        return new CommandLine(new DxBench());
    }

    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /**
     * A bench's {@code main}, called with the arguments of its subcommand.
     */
    @FunctionalInterface
    interface BenchMain
    {
        void run(String[] args) throws Exception;
    }

    /**
     * Options every bench subcommand takes.
     */
    abstract static class BenchRun implements Callable<Integer>
    {
        @Option(names = "--quick", description = "Short run (seconds).")
        private boolean quick;

        @Parameters(paramLabel = "ARG", arity = "0..*", description = "Further arguments for the bench.")
        private List<String> extra = new ArrayList<>();

        abstract BenchMain bench();

        @Override
        public Integer call() throws Exception
        {
            final List<String> args = new ArrayList<>();
            if (quick)
            {
                args.add("--quick");
            }
            args.addAll(extra);
            bench().run(args.toArray(String[]::new));
            return 0;
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
        BenchMain bench()
        {
            return io.disruptorx.bench.md.MarketDataQuickBench::main;
        }
    }

    /**
     * {@code dx bench gateway}.
     */
    @Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Binary gateway over loopback TCP: order-to-ack latency at 10k/50k/100k orders/s, saturated " +
            "orders/s, allocation per order; TLS against plain in rounds (jdk and openssl providers, A/A control); " +
            "our FIX gateway against a QuickFIX/J acceptor; JSON WebSocket API (GatewayQuickBench).",
            "--quick (under 90 s, the same RESULT keys): the binary leg paced at 50k/s only (10k/s only if 50k/s is " +
            "not sustained; the TLS rounds' plain leg runs 10k/s and 50k/s), the TLS comparison with the jdk " +
            "provider only (3 legs, 3 rounds of 0.25 + 0.75 s passes), 0.5 s warm-ups (4 s for the JSON leg's " +
            "saturated pass: its JSON path compiles late) and 2 s runs, the FIX comparison (ours and the " +
            "QuickFIX/J anchor alternated, after 2-3 warm-up passes each) in 4 saturated rounds of 0.25 + 0.75 s " +
            "and 2 paced rounds of 0.25 + 0.75 s; the full run keeps 100k/s, openssl and 3 s + 10 s runs (FIX: " +
            "2-8 warm-up passes, 6 and 4 rounds of 1 + 3 s). " +
            "--tls-only: the TLS comparison alone (the full run's: " +
            "jdk and openssl, 4 rounds of 3 s + 10 s passes, about 12 min). Bench arguments after --, e.g. -- " +
            "--fix-rounds N (the FIX comparison's saturated rounds), -- " +
            "--tls-providers jdk,openssl, or -- --tls-client jdk (the bench's TLS client on the JDK's engine " +
            "instead of BoringSSL's)."})
    static final class Gateway extends BenchRun
    {
        @Option(names = "--force-policy", paramLabel = "POLICY", defaultValue = "NEVER",
            description = "The node's journal force policy: NEVER, INTERVAL or EVERY_BATCH (default ${DEFAULT-VALUE}).")
        private String forcePolicy;

        @Option(names = "--gateway-idle", paramLabel = "STRATEGY", defaultValue = "backoff",
            description = "The gateway thread when idle: backoff (the node's default) or yielding (default " +
                "${DEFAULT-VALUE}).")
        private String gatewayIdle;

        @Option(names = "--fix-load", paramLabel = "LOAD", defaultValue = "wire",
            description = "The load of both FIX legs: wire (QuickFIX/J's NewOrderSingles written and read by a lean " +
                "socket client) or qfj (a QuickFIX/J initiator) (default ${DEFAULT-VALUE}).")
        private String fixLoad;

        @Option(names = "--fix-sessions", paramLabel = "N", defaultValue = "1",
            description = "FIX sessions of that load in both FIX legs, 1 to 4, all driven from the load's one " +
                "thread; more than one needs the wire load (default ${DEFAULT-VALUE}).")
        private int fixSessions;

        @Option(names = "--fix-only", description = "Only the FIX comparison (ours and the QuickFIX/J anchor, " +
            "alternated in rounds); the RESULT line has na for the others.")
        private boolean fixOnly;

        @Option(names = "--json-only", description = "Only the JSON leg (the WebSocket API's signed order.place " +
            "load); the RESULT line has na for the others.")
        private boolean jsonOnly;

        @Option(names = "--tls-only", description = "Only the TLS comparison (plain, the A/A control, one TLS leg " +
            "per provider, in rounds), with the full run's providers and passes unless --quick; the RESULT line has " +
            "na for the binary, FIX and JSON keys.")
        private boolean tlsOnly;

        @Override
        BenchMain bench()
        {
            return args ->
            {
                final List<String> all = new ArrayList<>(List.of(args));
                all.addAll(List.of("--force-policy", forcePolicy, "--gateway-idle", gatewayIdle, "--fix-load",
                    fixLoad, "--fix-sessions", Integer.toString(fixSessions)));
                if (fixOnly)
                {
                    all.add("--fix-only");
                }
                if (jsonOnly)
                {
                    all.add("--json-only");
                }
                if (tlsOnly)
                {
                    all.add("--tls-only");
                }
                io.disruptorx.bench.gateway.GatewayQuickBench.main(all.toArray(String[]::new));
            };
        }
    }

    /**
     * {@code dx bench shard}.
     */
    @Command(name = "shard", mixinStandardHelpOptions = true,
        description = "Aggregate orders/s with 1, 2 and 4 embedded shards, a transfer's latency, a move's halt with " +
            "1,000 resting orders, and the binary gateway through the shard gateway vs direct (ShardQuickBench).")
    static final class Shard extends BenchRun
    {
        @Override
        BenchMain bench()
        {
            return io.disruptorx.bench.gateway.ShardQuickBench::main;
        }
    }

    /**
     * {@code dx bench cluster}.
     */
    @Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Aeron Cluster of engines against a bare echo cluster, failover over leader kills.")
    static final class ClusterBench extends BenchRun
    {
        @Override
        BenchMain bench()
        {
            return io.disruptorx.bench.cluster.ClusterQuickBench::main;
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
        BenchMain bench()
        {
            return io.disruptorx.bench.node.NodeQuickBench::main;
        }
    }

    /**
     * {@code dx bench host}.
     */
    @Command(name = "host", mixinStandardHelpOptions = true,
        description = "The machine's own floor under a latency tail: threads that only read the clock, their gaps " +
            "as the p99 and p99.9 wait of a request arriving at a random instant (HostJitterBench).")
    static final class Host extends BenchRun
    {
        @Override
        BenchMain bench()
        {
            return io.disruptorx.bench.node.HostJitterBench::main;
        }
    }

    /**
     * {@code dx bench dashboard}.
     */
    @Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Node latency at 100k orders/s with 0 and with 5 dashboard pages open (WebSocket clients " +
            "subscribed as the page is), side by side over several rounds (DashboardCostBench; its options after " +
            "--, e.g. -- --rounds=5 --pages=5).")
    static final class DashboardCost extends BenchRun
    {
        @Override
        BenchMain bench()
        {
            return io.disruptorx.bench.node.DashboardCostBench::main;
        }
    }

    /**
     * {@code dx bench observability}.
     */
    @Command(name = "observability", mixinStandardHelpOptions = true,
        description = "Node latency at 100k orders/s with metrics and tracing off, metrics on, tracing sampled at " +
            "1%%, side by side over several rounds (ObservabilityCostBench; its options after --, e.g. " +
            "-- --rounds=5).")
    static final class Observability extends BenchRun
    {
        @Override
        BenchMain bench()
        {
            return io.disruptorx.bench.node.ObservabilityCostBench::main;
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
        BenchMain bench()
        {
            return io.disruptorx.bench.engine.EngineQuickBench::main;
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
        BenchMain bench()
        {
            return io.disruptorx.bench.bus.BusQuickBench::main;
        }
    }
}
