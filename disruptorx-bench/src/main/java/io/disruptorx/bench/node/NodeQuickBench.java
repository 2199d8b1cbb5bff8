package io.disruptorx.bench.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.journal.ForcePolicy;

/**
 * The node benchmark ({@code dx bench node}): journal append records/s with a force per batch and without, journal
 * replay records/s, the raw latency of forcing one 4 KiB page, and end-to-end in-process latency of an
 * {@link io.disruptorx.node.embedded.EmbeddedNode} with its journal on, at fixed offered rates, corrected for
 * coordinated omission (see {@link PacedSchedule}).
 *
 * <p>Progress and tables go to stderr; stdout ends with exactly one line, {@link ResultLine}: latency at 100,000
 * orders/s under the durable default {@link ForcePolicy#EVERY_BATCH}, journal_rps with a force every
 * {@value #RESULT_BATCH} records, replay_rps. {@code --quick} (under a minute) runs only what that line needs;
 * without it, every rate of {@code --rates} under every policy of {@code --policies}. {@code --dir=PATH} puts the
 * scratch files there (default: the temporary directory); they are deleted at the end.
 *
 * <p>On a two-core machine the node's four threads and the producer share the cores; the producer yields while it
 * waits for the next send time, which at high rates amounts to spinning.
 */
public final class NodeQuickBench
{
    /** Offered rate of the result line. */
    public static final long RESULT_RATE = 100_000;
    /** Records per batch (one force each) for journal_rps. */
    public static final int RESULT_BATCH = 64;

    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private NodeQuickBench()
    {
    }

    /**
     * @param args {@code --quick}, {@code --rates=10000,50000}, {@code --policies=EVERY_BATCH,NEVER},
     *             {@code --warmup=SECONDS}, {@code --seconds=SECONDS}, {@code --dir=PATH}.
     * @throws IOException if the scratch directory cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        final boolean quick = Arrays.asList(args).contains("--quick");
        final long[] rates = longs(option(args, "--rates", quick ? "100000" : "10000,50000,100000,200000"));
        final ForcePolicy[] policies = policies(option(args, "--policies", quick ? "EVERY_BATCH" :
            "EVERY_BATCH,INTERVAL,NEVER"));
        final double warmup = Double.parseDouble(option(args, "--warmup", "3"));
        final double seconds = Double.parseDouble(option(args, "--seconds", quick ? "5" : "10"));
        final String dirOption = option(args, "--dir", null);
        final Path base = dirOption == null ? Files.createTempDirectory("dx-bench-node-") :
            Files.createTempDirectory(Files.createDirectories(Path.of(dirOption)), "dx-bench-node-");
        final long start = System.nanoTime();
        progress("node bench%s in %s; %d cores; java %s", quick ? " --quick" : "", base,
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try
        {
            final LatencySummary force = JournalThroughput.forceLatency(base, quick ? 200 : 1_000);
            progress("raw force of one 4 KiB page (MappedByteBuffer.force = msync): %s", force.describe());

            final double journalRps = journal(base, quick);
            final double replayRps = replay(base, quick);

            LatencySummary resultLatency = null;
            final List<NodeLatencyBench.Run> runs = new ArrayList<>();
            int runNumber = 0;
            for (final ForcePolicy policy : policies)
            {
                for (final long rate : rates)
                {
                    final Path dir = base.resolve("node-" + runNumber++);
                    try
                    {
                        final NodeLatencyBench.Run run =
                            NodeLatencyBench.run(dir, policy, INTERVAL_NANOS, rate, warmup, seconds);
                        progress("%s", run.describe());
                        runs.add(run);
                        if (policy == ForcePolicy.EVERY_BATCH && rate == RESULT_RATE)
                        {
                            resultLatency = run.latency();
                            if (!run.sustained())
                            {
                                progress("EVERY_BATCH did NOT sustain %,d orders/s on this machine: the result line "
                                    + "reports the latency of the rate as offered", rate);
                            }
                        }
                    }
                    catch (final IllegalStateException ex)
                    {
                        progress("node %s %,d/s FAILED: %s", policy, rate, ex.getMessage());
                    }
                    finally
                    {
                        JournalThroughput.deleteTree(dir);
                    }
                }
            }
            table(runs);
            progress("done in %.1f s", (System.nanoTime() - start) / 1e9);
            if (resultLatency == null)
            {
                resultLatency = NodeLatencyBench.run(base.resolve("node-result"), ForcePolicy.EVERY_BATCH,
                    INTERVAL_NANOS, RESULT_RATE, warmup, seconds).latency();
            }
            System.out.println(ResultLine.format(RESULT_RATE, resultLatency, journalRps, replayRps));
        }
        finally
        {
            JournalThroughput.deleteTree(base);
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

    private static void table(final List<NodeLatencyBench.Run> runs)
    {
        progress("| policy | offered/s | completed/s | p50 us | p90 us | p99 us | p99.9 us | max us |");
        progress("|---|---|---|---|---|---|---|---|");
        for (final NodeLatencyBench.Run run : runs)
        {
            final LatencySummary l = run.latency();
            progress("| %s | %,d | %,.0f%s | %,d | %,d | %,d | %,d | %,d |", run.policy(), run.rate(),
                run.completedPerSec(), run.sustained() ? "" : " (not sustained)", LatencySummary.micros(l.p50()),
                LatencySummary.micros(l.p90()), LatencySummary.micros(l.p99()), LatencySummary.micros(l.p999()),
                LatencySummary.micros(l.max()));
        }
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

    private static void progress(final String format, final Object... args)
    {
        System.err.println(String.format(format, args));
        System.err.flush();
    }
}
