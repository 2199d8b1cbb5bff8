package io.disruptorx.bench.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.NodeTracing;
import io.disruptorx.node.embedded.ThreadingMode;
import io.disruptorx.tracing.OtelCommandSpans;
import io.disruptorx.tracing.OtlpTracing;

/**
 * What observability costs the embedded node: {@link NodeLatencyBench} at one rate with (a) stage latency
 * histograms and tracing off, (b) stage latency histograms on, (c) tracing on with 1% of orders sampled (through
 * the OpenTelemetry SDK and its batch span processor into an exporter that drops the spans, so no network is
 * measured) and histograms off. The three run in turn, in a rotating order, for several rounds on fresh nodes;
 * the result is each configuration's median over rounds, with the spread of the rounds as the noise.
 */
public final class ObservabilityCostBench
{
    private static final String[] NAMES = {"off", "metrics", "tracing-1%"};

    private ObservabilityCostBench()
    {
    }

    /**
     * @param args {@code --rate=N} (default 100000), {@code --rounds=N} (5), {@code --warmup=SECONDS} (2),
     *             {@code --seconds=SECONDS} (5), {@code --policy=NEVER|INTERVAL|EVERY_BATCH} (NEVER),
     *             {@code --mode=SHARED|DEDICATED|AUTO} (AUTO), {@code --dir=PATH}; {@code --quick}: 3 rounds of
     *             1 + 3 s.
     * @throws IOException if the scratch directory cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        final boolean quick = Arrays.asList(args).contains("--quick");
        final long rate = Long.parseLong(NodeQuickBench.option(args, "--rate", "100000"));
        final int rounds = Integer.parseInt(NodeQuickBench.option(args, "--rounds", quick ? "3" : "5"));
        final double warmup = Double.parseDouble(NodeQuickBench.option(args, "--warmup", quick ? "1" : "2"));
        final double seconds = Double.parseDouble(NodeQuickBench.option(args, "--seconds", quick ? "3" : "5"));
        final ForcePolicy policy = ForcePolicy.valueOf(NodeQuickBench.option(args, "--policy", "NEVER"));
        final ThreadingMode mode = ThreadingMode.valueOf(
            NodeQuickBench.option(args, "--mode", "AUTO").toUpperCase(Locale.ROOT)).resolve();
        final String dirOption = NodeQuickBench.option(args, "--dir", null);
        final Path base = dirOption == null ? Files.createTempDirectory("dx-bench-obs-") :
            Files.createTempDirectory(Files.createDirectories(Path.of(dirOption)), "dx-bench-obs-");
        System.err.printf("observability cost: %,d/s, %d rounds of %.0f+%.0f s, %s, %s, %d cores%n", rate, rounds,
            warmup, seconds, policy, mode.name().toLowerCase(Locale.ROOT), Runtime.getRuntime().availableProcessors());
        final List<List<NodeLatencyBench.Run>> byConfig = List.of(new ArrayList<>(), new ArrayList<>(),
            new ArrayList<>());
        int run = 0;
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < NAMES.length; i++)
            {
                final int config = (i + round) % NAMES.length;
                final Path dir = base.resolve("run-" + run++);
                final NodeLatencyBench.Run result = run(config, dir, mode, policy, rate, warmup, seconds);
                byConfig.get(config).add(result);
                System.err.printf("round %d %-10s %s%n", round + 1, NAMES[config], result.describe());
            }
        }
        for (int config = 0; config < NAMES.length; config++)
        {
            System.out.println(line(NAMES[config], rate, byConfig.get(config)));
        }
    }

    private static NodeLatencyBench.Run run(
        final int config, final Path dir, final ThreadingMode mode, final ForcePolicy policy, final long rate,
        final double warmup, final double seconds)
    {
        if (config < 2)
        {
            return NodeLatencyBench.run(dir, mode, policy, 1_000_000, rate, warmup, seconds, config == 1,
                NodeTracing.OFF);
        }
        final DiscardingSpanExporter exporter = new DiscardingSpanExporter();
        final NodeLatencyBench.Run result;
        final long recorded;
        final long dropped;
        try (OtelCommandSpans spans = OtlpTracing.exportingTo(exporter, "dx-bench"))
        {
            result = NodeLatencyBench.run(dir, mode, policy, 1_000_000, rate, warmup, seconds, false,
                OtlpTracing.nodeTracing(spans, 0.01));
            recorded = spans.recorded();
            dropped = spans.dropped();
        }
        System.err.printf("  tracing: %,d orders traced, %,d dropped, %,d spans exported%n", recorded, dropped,
            exporter.spans());
        return result;
    }

    /**
     * @return {@code RESULT observability <config> rate=... p50_us=median(min..max) ...} over the rounds.
     */
    static String line(final String name, final long rate, final List<NodeLatencyBench.Run> runs)
    {
        return String.format(Locale.ROOT, "RESULT observability %-10s rate=%d runs=%d p50_us=%s p99_us=%s " +
            "p999_us=%s sustained=%d/%d", name, rate, runs.size(),
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
