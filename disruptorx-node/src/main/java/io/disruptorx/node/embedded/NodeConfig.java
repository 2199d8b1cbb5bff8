package io.disruptorx.node.embedded;

import java.nio.file.Path;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.journal.ForcePolicy;

/**
 * Settings of an embedded node.
 *
 * @param dataDirectory          holds {@code journal/} and {@code snapshots/}.
 * @param engine                 engine settings (must stay the same across restarts of one data directory).
 * @param forcePolicy            journal force policy.
 * @param forceIntervalNanos     for {@link ForcePolicy#INTERVAL}.
 * @param segmentSize            journal segment bytes.
 * @param inputRingSize          input ring slots, a power of two.
 * @param outputRingSize         output ring slots, a power of two.
 * @param snapshotEveryCommands  take a snapshot after this many commands (0: never by count).
 * @param snapshotEveryNanos     take a snapshot when this much command time has passed (0: never by time);
 *                               measured on command timestamps, so every replay decides the same.
 * @param snapshotsToKeep        snapshots kept on disk (at least 1).
 * @param deleteCoveredSegments  delete journal segments older than the oldest kept snapshot.
 * @param threading              how the stages run on threads.
 * @param stageLatency           time each command through the journal, engine and output stages (per-stage
 *                               latency histograms; false saves four clock reads per command).
 */
public record NodeConfig(
    Path dataDirectory,
    EngineConfig engine,
    ForcePolicy forcePolicy,
    long forceIntervalNanos,
    int segmentSize,
    int inputRingSize,
    int outputRingSize,
    long snapshotEveryCommands,
    long snapshotEveryNanos,
    int snapshotsToKeep,
    boolean deleteCoveredSegments,
    NodeThreading threading,
    boolean stageLatency)
{
    /**
     * Validates the settings.
     */
    public NodeConfig
    {
        if (dataDirectory == null || engine == null || forcePolicy == null || threading == null)
        {
            throw new IllegalArgumentException("dataDirectory, engine, forcePolicy and threading must be set");
        }
        if (Integer.bitCount(inputRingSize) != 1 || Integer.bitCount(outputRingSize) != 1)
        {
            throw new IllegalArgumentException("ring sizes must be powers of two, were " + inputRingSize + " and " +
                outputRingSize);
        }
        if (snapshotEveryCommands < 0 || snapshotEveryNanos < 0 || snapshotsToKeep < 1)
        {
            throw new IllegalArgumentException("snapshot intervals must be >= 0 and snapshotsToKeep >= 1");
        }
    }

    /**
     * Settings with the threading mode chosen by core count ({@link NodeThreading#defaults()}) and stage latency
     * on.
     */
    public NodeConfig(
        final Path dataDirectory,
        final EngineConfig engine,
        final ForcePolicy forcePolicy,
        final long forceIntervalNanos,
        final int segmentSize,
        final int inputRingSize,
        final int outputRingSize,
        final long snapshotEveryCommands,
        final long snapshotEveryNanos,
        final int snapshotsToKeep,
        final boolean deleteCoveredSegments)
    {
        this(dataDirectory, engine, forcePolicy, forceIntervalNanos, segmentSize, inputRingSize, outputRingSize,
            snapshotEveryCommands, snapshotEveryNanos, snapshotsToKeep, deleteCoveredSegments,
            NodeThreading.defaults(), true);
    }

    /**
     * @param dataDirectory where the journal and snapshots go.
     * @return durable defaults: force every batch, 64 MiB segments, 64k/256k ring slots, a snapshot every
     * 1M commands or 60 s of command time, 3 snapshots kept, covered segments deleted, threading by core count,
     * stage latency on.
     */
    public static NodeConfig defaults(final Path dataDirectory)
    {
        return new NodeConfig(dataDirectory, EngineConfig.defaults(), ForcePolicy.EVERY_BATCH, 0,
            64 * 1024 * 1024, 64 * 1024, 256 * 1024, 1_000_000, 60_000_000_000L, 3, true);
    }

    /**
     * @param policy   journal force policy.
     * @param interval nanoseconds, for {@link ForcePolicy#INTERVAL}.
     * @return a copy with that policy.
     */
    public NodeConfig withForcePolicy(final ForcePolicy policy, final long interval)
    {
        return new NodeConfig(dataDirectory, engine, policy, interval, segmentSize, inputRingSize,
            outputRingSize, snapshotEveryCommands, snapshotEveryNanos, snapshotsToKeep, deleteCoveredSegments,
            threading, stageLatency);
    }

    /**
     * @param commands snapshot every this many commands (0: never by count).
     * @param nanos    snapshot every this much command time (0: never by time).
     * @return a copy with that snapshot policy.
     */
    public NodeConfig withSnapshotEvery(final long commands, final long nanos)
    {
        return new NodeConfig(dataDirectory, engine, forcePolicy, forceIntervalNanos, segmentSize, inputRingSize,
            outputRingSize, commands, nanos, snapshotsToKeep, deleteCoveredSegments, threading,
            stageLatency);
    }

    /**
     * @param input  input ring slots.
     * @param output output ring slots.
     * @return a copy with those ring sizes.
     */
    public NodeConfig withRingSizes(final int input, final int output)
    {
        return new NodeConfig(dataDirectory, engine, forcePolicy, forceIntervalNanos, segmentSize, input,
            output, snapshotEveryCommands, snapshotEveryNanos, snapshotsToKeep, deleteCoveredSegments,
            threading, stageLatency);
    }

    /**
     * @param bytes journal segment size.
     * @return a copy with that segment size.
     */
    public NodeConfig withSegmentSize(final int bytes)
    {
        return new NodeConfig(dataDirectory, engine, forcePolicy, forceIntervalNanos, bytes, inputRingSize,
            outputRingSize, snapshotEveryCommands, snapshotEveryNanos, snapshotsToKeep, deleteCoveredSegments,
            threading, stageLatency);
    }

    /**
     * @param newThreading how the stages run on threads.
     * @return a copy with that threading.
     */
    public NodeConfig withThreading(final NodeThreading newThreading)
    {
        return new NodeConfig(dataDirectory, engine, forcePolicy, forceIntervalNanos, segmentSize, inputRingSize,
            outputRingSize, snapshotEveryCommands, snapshotEveryNanos, snapshotsToKeep, deleteCoveredSegments,
            newThreading, stageLatency);
    }

    /**
     * @param mode threading mode (no CPU pinning).
     * @return a copy with that mode.
     */
    public NodeConfig withThreading(final ThreadingMode mode)
    {
        return withThreading(NodeThreading.of(mode));
    }

    /**
     * @param enabled whether to time each command through the stages.
     * @return a copy with stage latency on or off.
     */
    public NodeConfig withStageLatency(final boolean enabled)
    {
        return new NodeConfig(dataDirectory, engine, forcePolicy, forceIntervalNanos, segmentSize, inputRingSize,
            outputRingSize, snapshotEveryCommands, snapshotEveryNanos, snapshotsToKeep, deleteCoveredSegments,
            threading, enabled);
    }

    /**
     * @return a copy that keeps every journal segment, whatever the snapshots cover (for an audit of the whole
     * journal, or a test that replays it from its first record).
     */
    public NodeConfig withEverySegmentKept()
    {
        return new NodeConfig(dataDirectory, engine, forcePolicy, forceIntervalNanos, segmentSize, inputRingSize,
            outputRingSize, snapshotEveryCommands, snapshotEveryNanos, snapshotsToKeep, false, threading,
            stageLatency);
    }

    Path journalDirectory()
    {
        return dataDirectory.resolve("journal");
    }

    /**
     * @return where the node's snapshots are.
     */
    public Path snapshotDirectory()
    {
        return dataDirectory.resolve("snapshots");
    }
}
