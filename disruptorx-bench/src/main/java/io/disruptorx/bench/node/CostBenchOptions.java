package io.disruptorx.bench.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.ThreadingMode;

/**
 * What the cost benches ({@link ObservabilityCostBench}, {@link DashboardCostBench}) share: a node at one rate run
 * in rounds on fresh nodes, options parsed the same way, and a {@code RESULT} line of each configuration's median
 * over the rounds with the rounds' spread as the noise.
 *
 * @param rate    orders per second offered.
 * @param rounds  rounds, each running every configuration once.
 * @param warmup  seconds of warm-up per run.
 * @param seconds seconds measured per run.
 * @param policy  the journal's force policy.
 * @param mode    the node's threading mode, resolved.
 * @param base    a fresh scratch directory for the runs' data.
 */
record CostBenchOptions(
    long rate, int rounds, double warmup, double seconds, ForcePolicy policy, ThreadingMode mode, Path base)
{
    /**
     * @param args        {@code --rate=N} (100000), {@code --rounds=N}, {@code --warmup=SECONDS} (2, quick 1),
     *                    {@code --seconds=SECONDS} (5, quick 3), {@code --policy=...} (NEVER),
     *                    {@code --mode=SHARED|DEDICATED|AUTO} (AUTO), {@code --dir=PATH}, {@code --quick}.
     * @param rounds      the default number of rounds.
     * @param quickRounds the number of rounds with {@code --quick}.
     * @param prefix      the scratch directory's name prefix.
     * @return the options.
     * @throws IOException if the scratch directory cannot be made.
     */
    static CostBenchOptions parse(final String[] args, final int rounds, final int quickRounds, final String prefix)
        throws IOException
    {
        final boolean quick = Arrays.asList(args).contains("--quick");
        final String dirOption = NodeQuickBench.option(args, "--dir", null);
        return new CostBenchOptions(
            Long.parseLong(NodeQuickBench.option(args, "--rate", "100000")),
            Integer.parseInt(NodeQuickBench.option(args, "--rounds", Integer.toString(quick ? quickRounds : rounds))),
            Double.parseDouble(NodeQuickBench.option(args, "--warmup", quick ? "1" : "2")),
            Double.parseDouble(NodeQuickBench.option(args, "--seconds", quick ? "3" : "5")),
            ForcePolicy.valueOf(NodeQuickBench.option(args, "--policy", "NEVER")),
            ThreadingMode.valueOf(NodeQuickBench.option(args, "--mode", "AUTO").toUpperCase(Locale.ROOT)).resolve(),
            dirOption == null ? Files.createTempDirectory(prefix) :
                Files.createTempDirectory(Files.createDirectories(Path.of(dirOption)), prefix));
    }

    /**
     * @return {@code 100,000/s, 3 rounds of 2+5 s, NEVER, shared, 2 cores}.
     */
    String describe()
    {
        return String.format(Locale.ROOT, "%,d/s, %d rounds of %.0f+%.0f s, %s, %s, %d cores", rate, rounds, warmup,
            seconds, policy, mode.name().toLowerCase(Locale.ROOT), Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param bench  the bench's name, e.g. {@code observability}.
     * @param config the configuration's label.
     * @param runs   its runs over the rounds.
     * @return {@code RESULT <bench> <config> rate=... runs=... p50_us=median(min..max) ... sustained=k/n}.
     */
    String result(final String bench, final String config, final List<NodeLatencyBench.Run> runs)
    {
        return String.format(Locale.ROOT, "RESULT %s %s rate=%d runs=%d p50_us=%s p99_us=%s p999_us=%s " +
            "sustained=%d/%d", bench, config, rate, runs.size(),
            spread(runs.stream().mapToLong(r -> r.latency().p50()).toArray()),
            spread(runs.stream().mapToLong(r -> r.latency().p99()).toArray()),
            spread(runs.stream().mapToLong(r -> r.latency().p999()).toArray()),
            runs.stream().filter(NodeLatencyBench.Run::sustained).count(), runs.size());
    }

    /**
     * @return the median of the values in microseconds with their range: {@code 12.3(10.1..15.0)}.
     */
    static String spread(final long[] nanos)
    {
        final long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        final double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return String.format(Locale.ROOT, "%.1f(%.1f..%.1f)", median / 1e3, sorted[0] / 1e3, sorted[n - 1] / 1e3);
    }
}
