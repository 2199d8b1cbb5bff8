package io.disruptorx.core.config;

import java.time.Duration;

import io.disruptorx.core.id.SnowflakeIdGenerator;
import io.disruptorx.core.wait.WaitStrategies;

/**
 * The framework's own settings, validated.
 *
 * <pre>
 * bus {
 *   ring-size = 4096          # power of two, 64 .. 16M
 *   partitions = 4            # 1 .. 256
 *   wait-strategy = adaptive  # busy-spin | yielding | blocking | lite-blocking | sleeping | adaptive
 * }
 * workflow.step-budget = 100us  # 1us .. 10s
 * ids.node-id = 7               # 0 .. 1023
 * </pre>
 *
 * @param bus        event bus settings.
 * @param stepBudget default workflow step latency budget.
 * @param nodeId     snowflake node id.
 */
public record CoreConfig(BusSettings bus, Duration stepBudget, int nodeId)
{
    /** Binds and validates {@link CoreConfig}. */
    public static final ConfigBinder<CoreConfig> BINDER = reader ->
    {
        final BusSettings bus = new BusSettings(
            reader.powerOfTwoIn("bus.ring-size", 64, 1 << 24),
            reader.intIn("bus.partitions", 1, 256),
            reader.enumOf("bus.wait-strategy", WaitStrategies.class));
        final Duration budget = reader.durationIn("workflow.step-budget", Duration.ofNanos(1_000),
            Duration.ofSeconds(10));
        final int nodeId = reader.intIn("ids.node-id", 0, SnowflakeIdGenerator.MAX_NODE_ID);
        return reader.finish(new CoreConfig(bus, budget, nodeId));
    };

    /**
     * @param ringSize     slots per ring.
     * @param partitions   rings per topic.
     * @param waitStrategy wait strategy preset.
     */
    public record BusSettings(int ringSize, int partitions, WaitStrategies waitStrategy)
    {
    }
}
