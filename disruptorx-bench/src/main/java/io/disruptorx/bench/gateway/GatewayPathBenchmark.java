package io.disruptorx.bench.gateway;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH over the binary gateway's decode, session and encode path ({@link GatewayPath}); run with {@code -prof gc}
 * to see the allocation per operation (one operation: 2 requests and their 4 reports).
 *
 * <pre>
 * java -cp disruptorx-bench/target/dx-bench.jar org.openjdk.jmh.Main 'io.disruptorx.bench.gateway.GatewayPathBenchmark'
 *     -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GatewayPathBenchmark
{
    private GatewayPath path;

    /**
     * A fresh engine, core and session per trial.
     */
    @Setup
    public void setUp()
    {
        path = new GatewayPath();
    }

    /**
     * @return reports encoded.
     */
    @Benchmark
    public int orderPair()
    {
        return path.orderPair();
    }
}
