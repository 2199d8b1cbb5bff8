package io.disruptorx.bench.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine benchmark in one JVM and well under a minute: our engine (full, with fees) and exchange-core's full
 * pipeline, our book-only API and parity-match's book replay the same pre-generated flow (one instrument, about
 * 1,000 resting orders), several rounds each, and the median rate of each is reported. Every round also checks
 * that the system produced exactly the reference trades; at the end, balances are checked for conservation and
 * our books for emptiness.
 *
 * <p>Progress goes to stderr; stdout ends with exactly one line:
 * {@code RESULT engine ours_ops=.. exchange_core_ops=.. ours_book_ops=.. parity_book_ops=.. alloc_bytes_per_op=..}.
 * {@code --quick} shortens the flow and the rounds. If the JVM lacks the options exchange-core needs, the bench
 * runs itself again in a child JVM that has them.
 */
public final class EngineQuickBench
{
    private static final long SEED = 42;
    private static final int ACCOUNTS = 2_000;
    private static final int RESTING_ORDERS = 1_000;
    private static final String EXCHANGE_CORE_WAIT_STRATEGY = "YIELDING";
    private static final String RELAUNCHED = "dx.bench.relaunched";

    private EngineQuickBench()
    {
    }

    /**
     * @param args {@code --quick} for the short run.
     * @throws Exception if a system fails or diverges from the reference.
     */
    public static void main(final String[] args) throws Exception
    {
        if (!ExchangeCoreLoader.jvmOptionsPresent())
        {
            relaunch(args);
            return;
        }
        final boolean quick = Arrays.asList(args).contains("--quick");
        final int commands = quick ? 300_000 : 1_000_000;
        final int warmups = quick ? 6 : 4;
        final int rounds = quick ? 5 : 7;
        final long start = System.nanoTime();

        progress("generating flow (%,d commands)...", commands);
        final OrderFlow flow = OrderFlowGenerator.generate(SEED, 1, RESTING_ORDERS, ACCOUNTS, commands);
        progress("flow: %s", flow.describe());

        final EngineFlowRunner ours = new EngineFlowRunner(flow, true);
        final Measurement oursResult = measure(ours, flow, warmups, rounds);
        final BookFlowRunner oursBook = new BookFlowRunner(flow);
        final Measurement oursBookResult = measure(oursBook, flow, warmups, rounds);
        final Measurement parityResult;
        try (ParityFlowRunner parity = new ParityFlowRunner(flow))
        {
            parityResult = measure(parity, flow, warmups, rounds);
        }
        final Measurement exchangeCoreResult;
        try (FlowRunner exchangeCore = ExchangeCoreLoader.newRunner(flow, EXCHANGE_CORE_WAIT_STRATEGY))
        {
            progress("%s", exchangeCore.describe());
            exchangeCoreResult = measure(exchangeCore, flow, warmups, rounds);
            check(exchangeCore);
        }
        check(ours);
        check(oursBook);

        final double bytesPerOp = (double)oursResult.allocatedBytes / oursResult.ops;
        progress("ours allocated %,d bytes over %,d measured commands = %.6f B/op", oursResult.allocatedBytes,
            oursResult.ops, bytesPerOp);
        progress("ours_book allocated %,d bytes over %,d measured commands", oursBookResult.allocatedBytes,
            oursBookResult.ops);
        progress("ratios: ours/exchange_core = %.2fx, ours_book/parity_book = %.2fx",
            oursResult.median / exchangeCoreResult.median, oursBookResult.median / parityResult.median);
        progress("done in %.1f s", (System.nanoTime() - start) / 1e9);
        System.out.printf("RESULT engine ours_ops=%d exchange_core_ops=%d ours_book_ops=%d parity_book_ops=%d "
            + "alloc_bytes_per_op=%d%n", Math.round(oursResult.median), Math.round(exchangeCoreResult.median),
            Math.round(oursBookResult.median), Math.round(parityResult.median), Math.round(bytesPerOp));
    }

    private static Measurement measure(
        final FlowRunner runner, final OrderFlow flow, final int warmups, final int rounds)
    {
        progress("%s: %d warm-up cycles...", runner.name(), warmups);
        for (int i = 0; i < warmups; i++)
        {
            runner.prepareCycle();
            runner.runCycle();
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final double[] rates = new double[rounds];
        long ops = 0;
        long allocated = 0;
        for (int i = 0; i < rounds; i++)
        {
            runner.prepareCycle();
            final long allocatedBefore = threads.getThreadAllocatedBytes(threadId);
            final long begin = System.nanoTime();
            final long done = runner.runCycle();
            final long nanos = System.nanoTime() - begin;
            allocated += threads.getThreadAllocatedBytes(threadId) - allocatedBefore;
            ops += done;
            rates[i] = done * 1e9 / nanos;
            progress("%s: round %d: %,.0f ops/s (trades %,d as expected)", runner.name(), i + 1, rates[i],
                flow.expectedTrades());
        }
        final double[] sorted = rates.clone();
        Arrays.sort(sorted);
        final double median = sorted[rounds / 2];
        progress("%s: median %,.0f ops/s over %d rounds", runner.name(), median, rounds);
        return new Measurement(median, ops, allocated);
    }

    private static void check(final FlowRunner runner)
    {
        final String problem = runner.verifyFinalState();
        if (problem != null)
        {
            throw new IllegalStateException(runner.name() + ": " + problem);
        }
        progress("%s: final state consistent (balances conserved or books empty, nothing left on hold)", runner.name());
    }

    private static void relaunch(final String[] args) throws IOException, InterruptedException
    {
        if (Boolean.getBoolean(RELAUNCHED))
        {
            throw new IllegalStateException("exchange-core needs " + String.join(" ", ExchangeCoreLoader.JVM_OPTIONS));
        }
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/java");
        command.addAll(Arrays.asList(ExchangeCoreLoader.JVM_OPTIONS));
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineQuickBench.class.getName());
        command.addAll(Arrays.asList(args));
        progress("restarting in a child JVM with exchange-core's options: %s", String.join(" ", command));
        final int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0)
        {
            throw new IllegalStateException("engine bench child JVM exited with " + exit);
        }
    }

    private static void progress(final String format, final Object... args)
    {
        System.err.printf("[engine-bench] " + format + "%n", args);
    }

    /** Median rate and the allocation seen over the measured rounds. */
    private static final class Measurement
    {
        final double median;
        final long ops;
        final long allocatedBytes;

        Measurement(final double median, final long ops, final long allocatedBytes)
        {
            this.median = median;
            this.ops = ops;
            this.allocatedBytes = allocatedBytes;
        }
    }
}
