package io.disruptorx.bench.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.disruptorx.node.embedded.NodeTracing;
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
        final CostBenchOptions options = CostBenchOptions.parse(args, 5, 3, "dx-bench-obs-");
        System.err.println("observability cost: " + options.describe());
        final List<List<NodeLatencyBench.Run>> byConfig = List.of(new ArrayList<>(), new ArrayList<>(),
            new ArrayList<>());
        int run = 0;
        for (int round = 0; round < options.rounds(); round++)
        {
            for (int i = 0; i < NAMES.length; i++)
            {
                final int config = (i + round) % NAMES.length;
                final Path dir = options.base().resolve("run-" + run++);
                final NodeLatencyBench.Run result = run(config, dir, options);
                byConfig.get(config).add(result);
                System.err.printf("round %d %-10s %s%n", round + 1, NAMES[config], result.describe());
            }
        }
        for (int config = 0; config < NAMES.length; config++)
        {
            System.out.println(options.result("observability", String.format(Locale.ROOT, "%-10s", NAMES[config]),
                byConfig.get(config)));
        }
    }

    private static NodeLatencyBench.Run run(final int config, final Path dir, final CostBenchOptions options)
    {
        if (config < 2)
        {
            return NodeLatencyBench.run(dir, options.mode(), options.policy(), 1_000_000, options.rate(),
                options.warmup(), options.seconds(), config == 1, NodeTracing.OFF);
        }
        final DiscardingSpanExporter exporter = new DiscardingSpanExporter();
        final NodeLatencyBench.Run result;
        final long recorded;
        final long dropped;
        try (OtelCommandSpans spans = OtlpTracing.exportingTo(exporter, "dx-bench"))
        {
            result = NodeLatencyBench.run(dir, options.mode(), options.policy(), 1_000_000, options.rate(),
                options.warmup(), options.seconds(), false, OtlpTracing.nodeTracing(spans, 0.01));
            recorded = spans.recorded();
            dropped = spans.dropped();
        }
        System.err.printf("  tracing: %,d orders traced, %,d dropped, %,d spans exported%n", recorded, dropped,
            exporter.spans());
        return result;
    }
}
