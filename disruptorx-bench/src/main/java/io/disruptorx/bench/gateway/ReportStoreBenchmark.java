package io.disruptorx.bench.gateway;

import java.util.concurrent.TimeUnit;

import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH over a session's {@link ReportStore} as the gateway thread uses it for each report: {@code appendAndRead}, a
 * report appended (as the router sequences it) and read back into a reused {@link Report} (as an edge does before
 * encoding it); {@code append} alone. The reports are the 8 of two buy/sell pairs made by the real core and engine
 * ({@link GatewayPath}: acceptances and fills), one per operation, into a store of 1,024 (it wraps, as a busy
 * session's does). Run with {@code -prof gc}:
 *
 * <pre>
 * java -cp disruptorx-bench/target/dx-bench.jar org.openjdk.jmh.Main \
 *     'io.disruptorx.bench.gateway.ReportStoreBenchmark' -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReportStoreBenchmark
{
    private static final int PAIRS = 2;

    private final ReportStore store = new ReportStore(1024);
    private final Report read = new Report();
    private Report[] made;
    private int next;

    /**
     * Makes the reports through the real core and engine.
     */
    @Setup
    public void setUp()
    {
        final GatewayPath path = new GatewayPath();
        for (int i = 0; i < PAIRS; i++)
        {
            path.orderPair();
        }
        final ReportStore source = path.store();
        made = new Report[(int)source.last()];
        for (int i = 0; i < made.length; i++)
        {
            made[i] = source.read(i + 1, new Report());
        }
    }

    /**
     * @return a field of the report read.
     */
    @Benchmark
    public long appendAndRead()
    {
        final long sequence = store.append(made[next++ & (made.length - 1)]);
        return store.read(sequence, read).orderId();
    }

    /**
     * @return the report's sequence.
     */
    @Benchmark
    public long append()
    {
        return store.append(made[next++ & (made.length - 1)]);
    }
}
