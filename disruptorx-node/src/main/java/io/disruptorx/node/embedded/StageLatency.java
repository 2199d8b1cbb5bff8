package io.disruptorx.node.embedded;

import io.disruptorx.core.metrics.LatencyRecorder;
import io.disruptorx.core.metrics.MetricsRegistry;

/**
 * Where a command's time goes inside the node, one histogram per stage, each the time between two clock reads the
 * node makes anyway or adds for this purpose (none allocates):
 * <pre>
 *   publish ──journal──▶ durable ──engine──▶ applied
 *                          engine takes it ──output──▶ report delivered
 * </pre>
 * <ul>
 *     <li>{@code journal}: the command published to its batch forced (input ring queueing, write, group commit);</li>
 *     <li>{@code engine}: durable to applied by the engine (hand-over to the engine thread and the apply);</li>
 *     <li>{@code output}: the engine took the command to its report leaving the output ring (the apply, output ring
 *         queueing and routing). The engine's apply time, about a microsecond, lies in both engine and output.</li>
 * </ul>
 * Gateways add {@code gateway_in} and {@code gateway_out} to the same family. With stage latency off
 * ({@code node.metrics.stage-latency = false}) the steps read no clocks for it and nothing is registered.
 */
final class StageLatency
{
    /** The family every stage, the gateways' included, records into. */
    static final String NAME = "dx_stage_latency_seconds";

    private final boolean enabled;
    private final LatencyRecorder journal;
    private final LatencyRecorder engine;
    private final LatencyRecorder output;
    private final LatencyRecorder force;

    /**
     * @param metrics where the histograms are registered when enabled.
     * @param enabled whether the steps time their stages.
     */
    StageLatency(final MetricsRegistry metrics, final boolean enabled)
    {
        this.enabled = enabled;
        journal = LatencyRecorder.singleWriter();
        engine = LatencyRecorder.singleWriter();
        output = LatencyRecorder.singleWriter();
        force = LatencyRecorder.singleWriter();
        if (enabled)
        {
            metrics.register(journal, NAME, "Time a command spends in a stage of the node", "stage", "journal");
            metrics.register(engine, NAME, "Time a command spends in a stage of the node", "stage", "engine");
            metrics.register(output, NAME, "Time a command spends in a stage of the node", "stage", "output");
            metrics.register(force, "dx_journal_force_seconds", "Time to force one batch of the journal to the "
                + "device (0 under force policy never)");
        }
    }

    boolean enabled()
    {
        return enabled;
    }

    LatencyRecorder journal()
    {
        return journal;
    }

    LatencyRecorder engine()
    {
        return engine;
    }

    LatencyRecorder output()
    {
        return output;
    }

    LatencyRecorder force()
    {
        return force;
    }
}
