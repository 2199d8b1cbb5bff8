package io.disruptorx.bench.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.disruptorx.bench.engine.ExchangeCoreLoader;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.NodeThreading;
import io.disruptorx.node.embedded.ThreadingMode;

/**
 * The node benchmark ({@code dx bench node}): the device's synchronous-write floor and the journal's write paths
 * ({@link WritePaths}), journal append records/s with a force per batch and without, journal replay records/s, and
 * end-to-end in-process latency of an {@link io.disruptorx.node.embedded.EmbeddedNode} with its journal on, at fixed
 * offered rates, corrected for coordinated omission (see {@link PacedSchedule}), with exchange-core at the result
 * rate as the anchor ({@link ExchangeCoreLatencyBench}, when the JVM has its options, as {@code ./dx bench} gives it).
 *
 * <p>Progress and tables go to stderr; stdout ends with exactly one line, {@link ResultLine}: at 100,000 orders/s,
 * in the node's default {@link ThreadingMode} for the machine, the device floor, latency under
 * {@link ForcePolicy#EVERY_BATCH} (durable) and under {@link ForcePolicy#INTERVAL} (1 ms), journal_rps with a force
 * every {@value #RESULT_BATCH} records, replay_rps. {@code --quick} (under 90 s) runs what that line needs, the
 * write paths for one-record batches and the anchor; without it, every rate of {@code --rates} under every policy
 * of {@code --policies} in every mode of {@code --modes} (default both), and the write paths for batches of 1, 4
 * and 16 records. {@code --dir=PATH} puts the scratch files there (default: the temporary directory); they are
 * deleted at the end.
 *
 * <p>On a two-core machine the producer and the node's threads share the cores; by default the producer yields while
 * it waits for the next send time, which at high rates amounts to spinning; {@code --producer=PARK} parks it instead.
 * Each latency run lists the process's threads' CPU time and run-queue waits in its window.
 */
public final class NodeQuickBench
{
    /** Offered rate of the result line. */
    public static final long RESULT_RATE = 100_000;
    /** Records per batch (one force each) for journal_rps. */
    public static final int RESULT_BATCH = 64;

    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final double IDLE_QUICK_SECONDS = 3;
    private static final double IDLE_SECONDS = 5;

    private NodeQuickBench()
    {
    }

    /**
     * @param args {@code --quick}, {@code --rates=10000,50000}, {@code --policies=EVERY_BATCH,NEVER},
     *             {@code --modes=SHARED,DEDICATED}, {@code --warmup=SECONDS}, {@code --seconds=SECONDS},
     *             {@code --dir=PATH}, {@code --producer=YIELD|PARK} (how the producer waits between sends),
     *             {@code --pipelined=AUTO|ON|OFF} ({@code EVERY_BATCH} forces pipelined: {@link BenchThreading}).
     * @throws IOException if the scratch directory cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        final boolean quick = Arrays.asList(args).contains("--quick");
        final ThreadingMode defaultMode = ThreadingMode.AUTO.resolve();
        final long[] rates = longs(option(args, "--rates", quick ? "100000" : "10000,50000,100000,200000"));
        final ForcePolicy[] policies = policies(option(args, "--policies", "EVERY_BATCH,INTERVAL" +
            (quick ? "" : ",NEVER")));
        final ThreadingMode[] modes = modes(option(args, "--modes", quick ? defaultMode.name() : "SHARED,DEDICATED"));
        final double warmup = Double.parseDouble(option(args, "--warmup", "3"));
        final double seconds = Double.parseDouble(option(args, "--seconds", quick ? "5" : "10"));
        final String dirOption = option(args, "--dir", null);
        NodeLatencyBench.producerWait(ProducerWait.valueOf(
            option(args, "--producer", "YIELD").toUpperCase(Locale.ROOT)));
        BenchThreading.pipelining(NodeThreading.Pipelining.valueOf(
            option(args, "--pipelined", "AUTO").toUpperCase(Locale.ROOT)));
        final Path base = dirOption == null ? Files.createTempDirectory("dx-bench-node-") :
            Files.createTempDirectory(Files.createDirectories(Path.of(dirOption)), "dx-bench-node-");
        final long start = System.nanoTime();
        progress("node bench%s in %s; %d cores; java %s; default threading mode %s; modes run: %s; producer waits: "
            + "%s; EVERY_BATCH pipelined forces: %s (%s)", quick ? " --quick" : "", base,
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), name(defaultMode),
            Arrays.stream(modes).map(NodeQuickBench::name).toList(),
            NodeLatencyBench.producerWait().name().toLowerCase(Locale.ROOT),
            BenchThreading.pipelining().name().toLowerCase(Locale.ROOT), Arrays.stream(modes).map(mode ->
                name(mode) + (BenchThreading.of(mode).pipelinedIn(mode.resolve()) ? " on" : " off")).toList());
        try
        {
            final long floorNanos = floorAndWritePaths(base, quick);
            final double journalRps = journal(base, quick);
            final double replayRps = replay(base, quick);

            final PlatformWindow idle = idle(base.resolve("node-idle"), defaultMode, quick ? IDLE_QUICK_SECONDS :
                IDLE_SECONDS);
            final List<NodeLatencyBench.Run> runs = new ArrayList<>();
            int runNumber = 0;
            for (final ThreadingMode mode : modes)
            {
                for (final ForcePolicy policy : policies)
                {
                    for (final long rate : rates)
                    {
                        final NodeLatencyBench.Run run =
                            runNode(base.resolve("node-" + runNumber++), mode, policy, rate, warmup, seconds);
                        if (run != null)
                        {
                            runs.add(run);
                        }
                    }
                }
            }
            final NodeLatencyBench.Run durable =
                resultRun(runs, base.resolve("node-durable"), defaultMode, ForcePolicy.EVERY_BATCH, warmup, seconds);
            final NodeLatencyBench.Run interval =
                resultRun(runs, base.resolve("node-interval"), defaultMode, ForcePolicy.INTERVAL, warmup, seconds);
            anchor(warmup, seconds);
            table(runs, idle);
            progress("done in %.1f s", (System.nanoTime() - start) / 1e9);
            System.out.println(ResultLine.format(RESULT_RATE, defaultMode, floorNanos, durable.latency(),
                interval.latency(), journalRps, replayRps, interval.platform().hiccups()));
        }
        finally
        {
            JournalThroughput.deleteTree(base);
        }
    }

    /** Prints the device floor and the write paths side by side (one-record batches only when quick). */
    private static long floorAndWritePaths(final Path base, final boolean quick)
    {
        final int samples = quick ? 500 : 1_000;
        final List<WritePaths.Measured> floor = WritePaths.floor(base, samples);
        for (final WritePaths.Measured measured : floor)
        {
            progress("device floor, %-22s %s", measured.name() + ":", measured.latency().describe());
        }
        final int[] batches = quick ? new int[]{1} : new int[]{1, 4, 16};
        for (final int records : batches)
        {
            for (final WritePaths.Measured measured : WritePaths.compare(base, records, samples))
            {
                progress("write path %-16s batch %2d records: %s", measured.name(), records,
                    measured.latency().describe());
            }
        }
        return WritePaths.floorNanos(floor);
    }

    /** The idle-node baseline: the hiccup meter beside a node without load. */
    private static PlatformWindow idle(final Path dir, final ThreadingMode mode, final double seconds)
    {
        try
        {
            final PlatformWindow idle = NodeLatencyBench.idle(dir, mode, seconds);
            progress("idle node %s, %.0f s without load: %s", name(mode), seconds, idle.describe());
            return idle;
        }
        finally
        {
            JournalThroughput.deleteTree(dir);
        }
    }

    private static NodeLatencyBench.Run runNode(final Path dir, final ThreadingMode mode, final ForcePolicy policy,
        final long rate, final double warmup, final double seconds)
    {
        try
        {
            final NodeLatencyBench.Run run =
                NodeLatencyBench.run(dir, mode, policy, INTERVAL_NANOS, rate, warmup, seconds);
            progress("%s", run.describe());
            return run;
        }
        catch (final IllegalStateException ex)
        {
            progress("node %s %s %,d/s FAILED: %s", name(mode), policy, rate, ex.getMessage());
            return null;
        }
        finally
        {
            JournalThroughput.deleteTree(dir);
        }
    }

    /** The run of the result line from those done, or a new one when it was not among them. */
    private static NodeLatencyBench.Run resultRun(final List<NodeLatencyBench.Run> runs, final Path dir,
        final ThreadingMode mode, final ForcePolicy policy, final double warmup, final double seconds)
    {
        NodeLatencyBench.Run result = null;
        for (final NodeLatencyBench.Run run : runs)
        {
            if (run.mode() == mode && run.policy() == policy && run.rate() == RESULT_RATE)
            {
                result = run;
            }
        }
        if (result == null)
        {
            try
            {
                result = NodeLatencyBench.run(dir, mode, policy, INTERVAL_NANOS, RESULT_RATE, warmup, seconds);
                progress("%s", result.describe());
            }
            finally
            {
                JournalThroughput.deleteTree(dir);
            }
        }
        if (!result.sustained())
        {
            progress("%s %s did NOT sustain %,d orders/s on this machine: the result line reports the latency of the "
                + "rate as offered", name(mode), policy, RESULT_RATE);
        }
        return result;
    }

    /** exchange-core at the result rate, same flow, same correction: the anchor (needs its JVM options). */
    private static void anchor(final double warmup, final double seconds)
    {
        if (!ExchangeCoreLoader.jvmOptionsPresent())
        {
            progress("anchor: exchange-core skipped (run through ./dx bench, which gives it its JVM options)");
            return;
        }
        try
        {
            progress("anchor: %s", ExchangeCoreLatencyBench.row("YIELDING", RESULT_RATE, warmup, seconds));
        }
        catch (final RuntimeException ex)
        {
            progress("anchor: exchange-core FAILED: %s", ex);
        }
    }

    private static double journal(final Path base, final boolean quick)
    {
        final int[] batches = quick ? new int[]{RESULT_BATCH} : new int[]{1, 16, 64, 256};
        final long maxNanos = TimeUnit.MILLISECONDS.toNanos(quick ? 2_000 : 3_000);
        double result = 0;
        int run = 0;
        for (final ForcePolicy policy : new ForcePolicy[]{ForcePolicy.EVERY_BATCH, ForcePolicy.NEVER})
        {
            for (final int batch : batches)
            {
                final Path dir = base.resolve("append-" + run++);
                // a short first pass warms the code up; the second is timed
                JournalThroughput.append(dir.resolve("warm"), policy, batch, 200_000, maxNanos / 4);
                final JournalThroughput.Append append =
                    JournalThroughput.append(dir.resolve("timed"), policy, batch, 20_000_000, maxNanos);
                JournalThroughput.deleteTree(dir);
                progress("journal append %-11s batch %3d: %,12.0f records/s (%,d records, %,d forces, %.2f s)",
                    policy, batch, append.recordsPerSecond(), append.records(), append.forces(),
                    append.nanos() / 1e9);
                if (policy == ForcePolicy.EVERY_BATCH && batch == RESULT_BATCH)
                {
                    result = append.recordsPerSecond();
                }
            }
        }
        return result;
    }

    private static double replay(final Path base, final boolean quick)
    {
        final long records = quick ? 3_000_000 : 5_000_000;
        final Path dir = base.resolve("replay");
        final JournalThroughput.Append written =
            JournalThroughput.append(dir, ForcePolicy.NEVER, 1_000, records, Long.MAX_VALUE);
        final int rounds = quick ? 3 : 5;
        final double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++)
        {
            rates[i] = JournalThroughput.replay(dir, written.records());
        }
        JournalThroughput.deleteTree(dir);
        Arrays.sort(rates);
        final double median = rates[rounds / 2];
        progress("journal replay of %,d records (page cache warm): median %,.0f records/s (min %,.0f, max %,.0f)",
            records, median, rates[0], rates[rounds - 1]);
        return median;
    }

    private static void table(final List<NodeLatencyBench.Run> runs, final PlatformWindow idle)
    {
        progress("| mode | policy | offered/s | completed/s | p50 us | p90 us | p99 us | p99.9 us | max us "
            + "| hiccup meter p50 / p99 / p99.9 / max us | GC |");
        progress("|---|---|---|---|---|---|---|---|---|---|---|");
        for (final NodeLatencyBench.Run run : runs)
        {
            final LatencySummary l = run.latency();
            progress("| %s | %s | %,d | %,.0f%s | %,d | %,d | %,d | %,d | %,d | %s |", name(run.mode()), run.policy(),
                run.rate(), run.completedPerSec(), run.sustained() ? "" : " (not sustained)",
                LatencySummary.micros(l.p50()), LatencySummary.micros(l.p90()), LatencySummary.micros(l.p99()),
                LatencySummary.micros(l.p999()), LatencySummary.micros(l.max()), meter(run.platform()));
        }
        progress("| idle node | | 0 | | | | | | | %s |", meter(idle));
    }

    private static String meter(final PlatformWindow platform)
    {
        final LatencySummary h = platform.hiccups();
        return String.format("%,d / %,d / %,d / %,d | %d, %,d ms", LatencySummary.micros(h.p50()),
            LatencySummary.micros(h.p99()), LatencySummary.micros(h.p999()), LatencySummary.micros(h.max()),
            platform.gcCount(), platform.gcMillis());
    }

    static String option(final String[] args, final String name, final String fallback)
    {
        for (final String arg : args)
        {
            if (arg.startsWith(name + "="))
            {
                return arg.substring(name.length() + 1);
            }
        }
        return fallback;
    }

    static long[] longs(final String list)
    {
        return Arrays.stream(list.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
    }

    private static ForcePolicy[] policies(final String list)
    {
        return Arrays.stream(list.split(",")).map(String::trim).map(ForcePolicy::valueOf)
            .toArray(ForcePolicy[]::new);
    }

    private static ThreadingMode[] modes(final String list)
    {
        return Arrays.stream(list.split(",")).map(String::trim).map(m -> m.toUpperCase(Locale.ROOT))
            .map(ThreadingMode::valueOf).map(m -> m.resolve()).toArray(ThreadingMode[]::new);
    }

    private static String name(final ThreadingMode mode)
    {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static void progress(final String format, final Object... args)
    {
        System.err.println(String.format(format, args));
        System.err.flush();
    }
}
