package io.disruptorx.cluster;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.aeron.cluster.NanosecondClusterClock;
import io.aeron.cluster.service.ClusterClock;
import org.agrona.concurrent.HighResolutionClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * A cluster clock that reads the wall clock once, when it is made, and from then on adds the monotonic clock's
 * elapsed nanoseconds: a step of the system clock (an NTP or hypervisor correction after the host was paused)
 * moves it not at all. The consensus module measures every one of its timeouts on its cluster clock (leader
 * heartbeat, election, session), so with Aeron's clocks, which read the wall clock each time, a forward step longer
 * than a timeout fires it at once: followers start an election, the leader steps down, every client session is
 * closed, timers fall due early. With this clock they measure elapsed time only.
 * <p>
 * The price: the log's timestamps drift from the wall clock by every step since the member started (and the
 * monotonic clock's own drift), members started on either side of a step disagree by that step, and timers set for
 * a wall-clock time (the end of day) fire that much off. Chosen with {@value #PROPERTY}{@code =monotonic}
 * ({@link #fromSystemProperty()}); the default, {@code epoch}, is Aeron's {@link NanosecondClusterClock}.
 */
public final class MonotonicClusterClock implements ClusterClock
{
    /** The system property that chooses a member's cluster clock: {@code epoch} (the default) or {@code monotonic}. */
    public static final String PROPERTY = "dx.cluster.clock";

    private final long epochNanosAtStart;
    private final long nanoTimeAtStart;
    private final NanoClock nanoClock;

    /**
     * Starts at the wall clock's time now and runs on {@link System#nanoTime()}.
     */
    public MonotonicClusterClock()
    {
        this(HighResolutionClock.epochNanos(), SystemNanoClock.INSTANCE);
    }

    /**
     * @param epochNanosAtStart the time it shows now, nanoseconds since the epoch.
     * @param nanoClock         the monotonic clock it runs on.
     */
    public MonotonicClusterClock(final long epochNanosAtStart, final NanoClock nanoClock)
    {
        this.epochNanosAtStart = epochNanosAtStart;
        this.nanoClock = nanoClock;
        this.nanoTimeAtStart = nanoClock.nanoTime();
    }

    /**
     * @return the clock {@value #PROPERTY} names: Aeron's {@link NanosecondClusterClock} when it is unset or
     * {@code epoch}, this class when it is {@code monotonic}.
     * @throws IllegalArgumentException for any other value.
     */
    public static ClusterClock fromSystemProperty()
    {
        final String name = System.getProperty(PROPERTY, "epoch").trim().toLowerCase(Locale.ROOT);
        return switch (name)
        {
            case "epoch" -> new NanosecondClusterClock();
            case "monotonic" -> new MonotonicClusterClock();
            default -> throw new IllegalArgumentException(
                PROPERTY + " must be epoch or monotonic, was \"" + System.getProperty(PROPERTY) + "\"");
        };
    }

    /**
     * @param clock a cluster clock.
     * @return what {@value #PROPERTY} calls it.
     */
    public static String name(final ClusterClock clock)
    {
        return clock instanceof MonotonicClusterClock ? "monotonic" : "epoch";
    }

    @Override
    public TimeUnit timeUnit()
    {
        return TimeUnit.NANOSECONDS;
    }

    @Override
    public long time()
    {
        return epochNanosAtStart + (nanoClock.nanoTime() - nanoTimeAtStart);
    }

    @Override
    public long timeMillis()
    {
        return TimeUnit.NANOSECONDS.toMillis(time());
    }

    @Override
    public long timeMicros()
    {
        return TimeUnit.NANOSECONDS.toMicros(time());
    }

    @Override
    public long timeNanos()
    {
        return time();
    }

    @Override
    public long convertToNanos(final long time)
    {
        return time;
    }
}
