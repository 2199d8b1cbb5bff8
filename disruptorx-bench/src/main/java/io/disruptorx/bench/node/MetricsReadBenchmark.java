package io.disruptorx.bench.node;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.metrics.LatencyRecorder;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one read of a node's latency metrics costs the reader (the dashboard's once-a-second metrics reading, a
 * Prometheus scrape's windows), and what a value costs the recording thread. A node has five single-writer latency
 * recorders (order to report, journal, engine, output, force); before each read every recorder gets
 * {@code values} new values (seeded, log-uniform from 1 us to 10 ms, 1 in 1,000 up to 1 s), recorded in the
 * invocation's setup and not timed.
 * <ul>
 *     <li>{@code windowYoung}: {@link LatencyRecorder#windowSnapshot} of each recorder in a node younger than one
 *         window (every read drains and computes the percentiles since creation: a bench node, 7 s old);</li>
 *     <li>{@code windowClosing}: the same read when each read closes a window (drain, the window's percentiles and
 *         its reset: one read in five of a dashboard in an older venue);</li>
 *     <li>{@code collectCurrent}: the dashboard's whole reading, {@link PrometheusCollector#collectCurrent()} of a
 *         registry holding the five recorders, young;</li>
 *     <li>{@code recordSingle}, {@code recordShared}: one {@link LatencyRecorder#record(long)} on a single-writer
 *         and on a multi-writer recorder, never read (the recording path; {@code -prof gc} shows its allocation).</li>
 * </ul>
 * Run: {@code java -cp dx-bench.jar org.openjdk.jmh.Main MetricsReadBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class MetricsReadBenchmark
{
    private static final int RECORDERS = 5;
    private static final int SAMPLE_MASK = (1 << 16) - 1;

    /** Recorders and their values between reads. */
    @State(Scope.Thread)
    public static class Node
    {
        /** Values recorded into each recorder before each read. */
        @Param({"1000"})
        public int values;

        private final LatencyRecorder[] young = new LatencyRecorder[RECORDERS];
        private final LatencyRecorder[] closing = new LatencyRecorder[RECORDERS];
        private final LatencyRecorder[] registered = new LatencyRecorder[RECORDERS];
        private PrometheusCollector collector;
        private long[] samples;
        private int next;

        /**
         * Makes the recorders and the registry (with a window no run outlives).
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            samples = samples(42);
            final MetricsRegistry registry = new MetricsRegistry(Duration.ofDays(1));
            for (int r = 0; r < RECORDERS; r++)
            {
                young[r] = LatencyRecorder.singleWriter();
                closing[r] = LatencyRecorder.singleWriter();
                registered[r] = LatencyRecorder.singleWriter();
                registry.register(registered[r], "dx_bench_latency_seconds", "bench", "stage", "s" + r);
            }
            collector = new PrometheusCollector(registry);
        }

        /**
         * Records the next {@code values} samples into every recorder.
         */
        @Setup(Level.Invocation)
        public void record()
        {
            for (int r = 0; r < RECORDERS; r++)
            {
                for (int i = 0; i < values; i++)
                {
                    final long value = samples[next++ & SAMPLE_MASK];
                    young[r].record(value);
                    closing[r].record(value);
                    registered[r].record(value);
                }
            }
        }
    }

    /** Recorders written and never read. */
    @State(Scope.Thread)
    public static class Writers
    {
        private final LatencyRecorder single = LatencyRecorder.singleWriter();
        private final LatencyRecorder shared = new LatencyRecorder();
        private long[] samples;
        private int next;

        /**
         * Makes the values.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            samples = samples(7);
        }
    }

    private static long[] samples(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] samples = new long[SAMPLE_MASK + 1];
        for (int i = 0; i < samples.length; i++)
        {
            final double top = random.nextInt(1_000) == 0 ? 9.0 : 7.0;
            samples[i] = (long)Math.pow(10, 3.0 + random.nextDouble() * (top - 3.0));
        }
        return samples;
    }

    /**
     * @param node the recorders.
     * @param hole consumes the snapshots.
     */
    @Benchmark
    public void windowYoung(final Node node, final Blackhole hole)
    {
        final long now = System.nanoTime();
        for (final LatencyRecorder recorder : node.young)
        {
            hole.consume(recorder.windowSnapshot(now, Long.MAX_VALUE));
        }
    }

    /**
     * @param node the recorders.
     * @param hole consumes the snapshots.
     */
    @Benchmark
    public void windowClosing(final Node node, final Blackhole hole)
    {
        final long now = System.nanoTime();
        for (final LatencyRecorder recorder : node.closing)
        {
            hole.consume(recorder.windowSnapshot(now, 0));
        }
    }

    /**
     * @param node the registry's collector.
     * @return the reading.
     */
    @Benchmark
    public Object collectCurrent(final Node node)
    {
        return node.collector.collectCurrent();
    }

    /**
     * @param writers the recorder.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void recordSingle(final Writers writers)
    {
        writers.single.record(writers.samples[writers.next++ & SAMPLE_MASK]);
    }

    /**
     * @param writers the recorder.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void recordShared(final Writers writers)
    {
        writers.shared.record(writers.samples[writers.next++ & SAMPLE_MASK]);
    }
}
