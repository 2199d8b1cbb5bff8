package io.disruptorx.cluster.service;

import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.IdleStrategy;

/**
 * {@link TimerScheduler} on the cluster's timers, retrying until the consensus module takes the request.
 */
final class ClusterTimerScheduler implements TimerScheduler
{
    private final Cluster cluster;
    private final IdleStrategy idle;

    ClusterTimerScheduler(final Cluster cluster)
    {
        this.cluster = cluster;
        this.idle = cluster.idleStrategy();
    }

    @Override
    public void schedule(final long correlationId, final long deadline)
    {
        idle.reset();
        while (!cluster.scheduleTimer(correlationId, deadline))
        {
            idle.idle();
        }
    }

    @Override
    public void cancel(final long correlationId)
    {
        idle.reset();
        while (!cluster.cancelTimer(correlationId))
        {
            idle.idle();
        }
    }
}
