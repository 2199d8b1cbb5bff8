package io.disruptorx.cluster.service;

import io.disruptorx.engine.MatchingEngine;

/**
 * The service's two cluster timers, both driven by the log so every member sets and fires them identically:
 * <ul>
 *   <li>end of day: when configured (a UTC time of day), the first log entry at or after it is followed by a
 *   timer that expires every DAY order ({@link MatchingEngine#endOfDay} for all instruments), then re-armed for
 *   the next day;</li>
 *   <li>cancel on disconnect (a dead-man switch): a gateway that asked for it in its HELLO and names its
 *   accounts gets, when its session closes, a timer that cancels every open order of those accounts unless the
 *   gateway says HELLO again first. A gateway serving every account cannot ask for it.</li>
 * </ul>
 */
final class ServiceTimers
{
    static final long END_OF_DAY_TIMER = 1;
    static final long DISCONNECT_TIMER_BASE = 1L << 32;
    static final long DAY_NANOS = 86_400_000_000_000L;
    /** Time of day meaning no end-of-day timer. */
    static final long NO_END_OF_DAY = -1;

    private final TimerScheduler scheduler;
    private final GatewayRegistry registry;
    private final GatewayStreams streams;
    private final long endOfDayNanos;
    private MatchingEngine engine;
    private long endOfDayDeadline;

    /**
     * @param scheduler     the cluster's timers.
     * @param registry      the gateways.
     * @param streams       event streams, for the events the timers cause.
     * @param endOfDayNanos UTC time of day in nanoseconds, or {@link #NO_END_OF_DAY}.
     */
    ServiceTimers(
        final TimerScheduler scheduler,
        final GatewayRegistry registry,
        final GatewayStreams streams,
        final long endOfDayNanos)
    {
        if (endOfDayNanos != NO_END_OF_DAY && (endOfDayNanos < 0 || endOfDayNanos >= DAY_NANOS))
        {
            throw new IllegalArgumentException("end of day must be a time of day, was " + endOfDayNanos + " ns");
        }
        this.scheduler = scheduler;
        this.registry = registry;
        this.streams = streams;
        this.endOfDayNanos = endOfDayNanos;
    }

    void engine(final MatchingEngine engine)
    {
        this.engine = engine;
    }

    long endOfDayDeadline()
    {
        return endOfDayDeadline;
    }

    void endOfDayDeadline(final long deadline)
    {
        this.endOfDayDeadline = deadline;
    }

    /**
     * Called with every log entry's timestamp: arms the end-of-day timer when none is armed.
     *
     * @param timestamp the log's time, epoch nanoseconds.
     */
    void onLogTime(final long timestamp)
    {
        if (endOfDayNanos != NO_END_OF_DAY && endOfDayDeadline == 0)
        {
            armEndOfDay(timestamp);
        }
    }

    void armDisconnect(final Gateway gateway, final long timestamp)
    {
        if (gateway.cancelOnDisconnectNanos > 0 && !gateway.servesEveryAccount())
        {
            gateway.disconnectDeadline = timestamp + gateway.cancelOnDisconnectNanos;
            scheduler.schedule(DISCONNECT_TIMER_BASE + gateway.index, gateway.disconnectDeadline);
        }
    }

    void cancelDisconnect(final Gateway gateway)
    {
        if (gateway.disconnectDeadline != 0)
        {
            gateway.disconnectDeadline = 0;
            scheduler.cancel(DISCONNECT_TIMER_BASE + gateway.index);
        }
    }

    /**
     * A timer fired (a log entry).
     *
     * @param correlationId the timer.
     * @param timestamp     the log's time.
     * @param position      the log position of the timer event.
     * @return whether the timer was one of this service's.
     */
    boolean onTimer(final long correlationId, final long timestamp, final long position)
    {
        if (correlationId == END_OF_DAY_TIMER)
        {
            streams.begin(null, position);
            engine.endOfDay(timestamp, 0);
            streams.end();
            armEndOfDay(timestamp);
            return true;
        }
        final long index = correlationId - DISCONNECT_TIMER_BASE;
        if (index >= 0 && index < registry.count())
        {
            final Gateway gateway = registry.at((int)index);
            if (gateway.disconnectDeadline != 0 && gateway.sessionId == Gateway.NO_SESSION &&
                gateway.accounts != null)
            {
                gateway.disconnectDeadline = 0;
                streams.begin(null, position);
                for (final long account : gateway.accounts)
                {
                    engine.massCancel(timestamp, account, 0, 0);
                }
                streams.end();
            }
            return true;
        }
        return false;
    }

    private void armEndOfDay(final long timestamp)
    {
        long deadline = Math.floorDiv(timestamp, DAY_NANOS) * DAY_NANOS + endOfDayNanos;
        if (deadline <= timestamp)
        {
            deadline += DAY_NANOS;
        }
        endOfDayDeadline = deadline;
        scheduler.schedule(END_OF_DAY_TIMER, deadline);
    }
}
