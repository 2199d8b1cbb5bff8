package io.disruptorx.cluster.service;

import java.nio.file.Path;

import io.disruptorx.cluster.feed.MemberFeed;
import io.disruptorx.engine.EngineConfig;

/**
 * Settings of the clustered service. Everything but the feed and the dump directory is part of the replicated
 * state's shape: every member must use the same values.
 *
 * @param engine             the engine's fixed settings.
 * @param eventStoreCapacity events kept per gateway for replay after a reconnect, a power of two.
 * @param endOfDayNanos      UTC time of day of the end-of-day timer in nanoseconds, or -1 for none.
 * @param egressAttempts     offers of one egress frame before it is dropped (the gateway asks again).
 * @param stateDumps         directory for a copy of the state at every snapshot, or null for none.
 * @param feed               this member's market data feed, or null for none.
 * @param spans              where the leader reports traced commands' stage times ({@link ClusterSpans#NONE}, the
 *                           default, for none; null is taken as none).
 */
public record ServiceConfig(
    EngineConfig engine,
    int eventStoreCapacity,
    long endOfDayNanos,
    int egressAttempts,
    Path stateDumps,
    MemberFeed.Settings feed,
    ClusterSpans spans)
{
    /**
     * Validates.
     */
    public ServiceConfig
    {
        spans = spans == null ? ClusterSpans.NONE : spans;
        if (engine == null)
        {
            throw new IllegalArgumentException("engine config must be set");
        }
        if (Integer.bitCount(eventStoreCapacity) != 1 || eventStoreCapacity < 16)
        {
            throw new IllegalArgumentException(
                "event store capacity must be a power of two of at least 16, was " + eventStoreCapacity);
        }
        if (endOfDayNanos != ServiceTimers.NO_END_OF_DAY &&
            (endOfDayNanos < 0 || endOfDayNanos >= ServiceTimers.DAY_NANOS))
        {
            throw new IllegalArgumentException("end of day must be -1 or a time of day in ns, was " + endOfDayNanos);
        }
        if (egressAttempts < 1)
        {
            throw new IllegalArgumentException("egress attempts must be at least 1, was " + egressAttempts);
        }
    }

    /**
     * Settings without tracing.
     *
     * @param engine             the engine's fixed settings.
     * @param eventStoreCapacity events kept per gateway for replay, a power of two.
     * @param endOfDayNanos      UTC time of day of the end-of-day timer in nanoseconds, or -1 for none.
     * @param egressAttempts     offers of one egress frame before it is dropped.
     * @param stateDumps         directory for a copy of the state at every snapshot, or null for none.
     * @param feed               this member's market data feed, or null for none.
     */
    public ServiceConfig(
        final EngineConfig engine,
        final int eventStoreCapacity,
        final long endOfDayNanos,
        final int egressAttempts,
        final Path stateDumps,
        final MemberFeed.Settings feed)
    {
        this(engine, eventStoreCapacity, endOfDayNanos, egressAttempts, stateDumps, feed, ClusterSpans.NONE);
    }

    /**
     * @param engine engine settings.
     * @return 65,536 events per gateway, no end-of-day timer, 1,000 egress attempts, no dumps, no feed.
     */
    public static ServiceConfig of(final EngineConfig engine)
    {
        return new ServiceConfig(engine, 64 * 1024, ServiceTimers.NO_END_OF_DAY, 1_000, null, null);
    }

    /**
     * @param directory where state dumps go.
     * @return a copy with state dumps.
     */
    public ServiceConfig withStateDumps(final Path directory)
    {
        return new ServiceConfig(engine, eventStoreCapacity, endOfDayNanos, egressAttempts, directory, feed, spans);
    }

    /**
     * @param settings this member's feed.
     * @return a copy with the feed.
     */
    public ServiceConfig withFeed(final MemberFeed.Settings settings)
    {
        return new ServiceConfig(engine, eventStoreCapacity, endOfDayNanos, egressAttempts, stateDumps, settings,
            spans);
    }

    /**
     * @param traces where the leader reports traced commands' stage times.
     * @return a copy with them.
     */
    public ServiceConfig withSpans(final ClusterSpans traces)
    {
        return new ServiceConfig(engine, eventStoreCapacity, endOfDayNanos, egressAttempts, stateDumps, feed, traces);
    }
}
