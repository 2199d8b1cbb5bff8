package io.disruptorx.cluster.service;

/**
 * Schedules and cancels cluster timers (the cluster's {@code scheduleTimer}/{@code cancelTimer}, retried until
 * taken): a timer fires as a log entry, at the same log position on every member.
 */
interface TimerScheduler
{
    /**
     * @param correlationId the timer; scheduling it again moves it.
     * @param deadline      cluster time it fires at.
     */
    void schedule(long correlationId, long deadline);

    /**
     * @param correlationId the timer.
     */
    void cancel(long correlationId);
}
