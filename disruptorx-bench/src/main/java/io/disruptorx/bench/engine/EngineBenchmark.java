package io.disruptorx.bench.engine;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine throughput side by side: our engine (full) and exchange-core's full pipeline, our book-only API and
 * parity-match's book, on the same pre-generated flow of {@value #COMMANDS} commands.
 *
 * <p>One invocation replays one whole cycle of the flow (empty books to empty books), so a score is commands per
 * second. {@code instruments=1} keeps about 1,000 resting orders on one instrument; {@code instruments=1000}
 * spreads the flow over 1,000 instruments with about 100 resting orders each. Each state builds only its own
 * system, so exchange-core's threads never run beside another system's measurement.
 *
 * <pre>
 * java -cp disruptorx-bench/target/classes:$(cat /tmp/bench-cp.txt) org.openjdk.jmh.Main 'EngineBenchmark' \
 *     -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "-Xms2g", "-Xmx2g",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
})
public class EngineBenchmark
{
    /** Commands in one cycle of the flow, for every variant. */
    public static final int COMMANDS = 1_000_000;
    static final long SEED = 42;
    static final int ACCOUNTS = 2_000;
    static final int RESTING_ORDERS_TOTAL = 100_000;

    static OrderFlow flow(final int instruments)
    {
        final int perInstrument = instruments == 1 ? 1_000 : Math.max(2, RESTING_ORDERS_TOTAL / instruments);
        return OrderFlowGenerator.generate(SEED, instruments, perInstrument, ACCOUNTS, COMMANDS);
    }

    static void verify(final FlowRunner runner)
    {
        final String problem = runner.verifyFinalState();
        runner.close();
        if (problem != null)
        {
            throw new IllegalStateException(runner.name() + ": " + problem);
        }
    }

    /** Our engine with exchange-core-like fees and full pre-trade risk. */
    @State(Scope.Benchmark)
    public static class Ours
    {
        @Param({"1", "1000"})
        public int instruments;
        EngineFlowRunner runner;

        /** Builds the flow and the engine. */
        @Setup(Level.Trial)
        public void setUp()
        {
            runner = new EngineFlowRunner(flow(instruments), true);
        }

        /** Checks balances. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            verify(runner);
        }
    }

    /** Our book-only API: the code the engine matches with, without accounts or risk. */
    @State(Scope.Benchmark)
    public static class OursBook
    {
        @Param({"1", "1000"})
        public int instruments;
        BookFlowRunner runner;

        /** Builds the flow and the books. */
        @Setup(Level.Trial)
        public void setUp()
        {
            runner = new BookFlowRunner(flow(instruments));
        }

        /** Checks that the books are empty and every order went back to the pool. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            verify(runner);
        }
    }

    /** parity-match's order book. */
    @State(Scope.Benchmark)
    public static class Parity
    {
        @Param({"1", "1000"})
        public int instruments;
        ParityFlowRunner runner;

        /** Builds the flow. */
        @Setup(Level.Trial)
        public void setUp()
        {
            runner = new ParityFlowRunner(flow(instruments));
        }

        /** Fresh books, outside the timed region (parity never forgets filled orders). */
        @Setup(Level.Invocation)
        public void prepare()
        {
            runner.prepareCycle();
        }
    }

    /** exchange-core's full pipeline, in its own class loader. */
    @State(Scope.Benchmark)
    public static class ExchangeCore
    {
        @Param({"1", "1000"})
        public int instruments;
        @Param({"YIELDING"})
        public String waitStrategy;
        FlowRunner runner;

        /** Builds the flow and starts exchange-core. */
        @Setup(Level.Trial)
        public void setUp()
        {
            runner = ExchangeCoreLoader.newRunner(flow(instruments), waitStrategy);
        }

        /** Checks exchange-core's total balance report and stops it. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            verify(runner);
        }
    }

    /**
     * @param state our engine.
     * @return the listener's sink, so nothing the engine computes can be dropped.
     */
    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long ours(final Ours state)
    {
        state.runner.runCycle();
        return state.runner.sink();
    }

    /**
     * @param state our book-only API.
     * @return the listener's sink.
     */
    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long oursBook(final OursBook state)
    {
        state.runner.runCycle();
        return state.runner.sink();
    }

    /**
     * @param state parity-match.
     * @return the listener's sink.
     */
    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long parityBook(final Parity state)
    {
        state.runner.runCycle();
        return state.runner.sink();
    }

    /**
     * @param state exchange-core.
     * @return commands completed.
     */
    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long exchangeCore(final ExchangeCore state)
    {
        return state.runner.runCycle();
    }
}
