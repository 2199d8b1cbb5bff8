package io.disruptorx.bench.node;

import java.util.concurrent.locks.LockSupport;

/**
 * Drives one {@link OrderLoad} from the calling thread, paced or saturated, the same way for every gateway leg.
 *
 * <p>Paced runs send each order at its intended time on a fixed schedule ({@link PacedSchedule}); a stall delays
 * the sends behind it and that delay is charged to them (no coordinated omission). Saturated runs keep a window
 * of unanswered orders full. Client order ids continue from run to run.
 */
public final class LoadDriver
{
    private static final long SPIN_BELOW_NANOS = 50_000;
    private static final long PARK_NANOS = 10_000;

    private final OrderLoad load;
    private final String peer;
    private final long maxBehind;
    private final int refill;
    private long nextId = 1;

    /**
     * @param load      the client.
     * @param peer      what answers it, for the message when it falls behind ("gateway").
     * @param maxBehind unanswered orders a paced run tolerates before it gives up.
     */
    public LoadDriver(final OrderLoad load, final String peer, final long maxBehind)
    {
        this(load, peer, maxBehind, 1);
    }

    /**
     * @param load      the client.
     * @param peer      what answers it, for the message when it falls behind ("gateway").
     * @param maxBehind unanswered orders a paced run tolerates before it gives up.
     * @param refill    a saturated run tops its window up only when at least this many orders of it are free, so
     *                  that the client writes them in one go (1: after every answer).
     */
    public LoadDriver(final OrderLoad load, final String peer, final long maxBehind, final int refill)
    {
        if (refill < 1)
        {
            throw new IllegalArgumentException("refill must be at least 1, was " + refill);
        }
        this.load = load;
        this.peer = peer;
        this.maxBehind = maxBehind;
        this.refill = refill;
    }

    /**
     * @param rate           offered orders per second.
     * @param warmupSeconds  sent but not measured.
     * @param measureSeconds measured.
     * @return answers per second over the measured orders, from the first one's intended send to the last answer.
     */
    public double paced(final long rate, final double warmupSeconds, final double measureSeconds)
    {
        final PacedSchedule schedule = new PacedSchedule(System.nanoTime() + 1_000_000, rate);
        final long warmup = schedule.commandsIn(warmupSeconds);
        final long total = warmup + schedule.commandsIn(measureSeconds);
        final long firstId = nextId;
        load.start(firstId, firstId + warmup);
        long index = 0;
        while (index < total)
        {
            final long now = System.nanoTime();
            final long due = Math.min(schedule.dueBy(now), total);
            if (index < due)
            {
                while (index < due)
                {
                    load.send(index, firstId + index, schedule.intendedNanos(index));
                    index++;
                }
                load.flush();
            }
            else if (schedule.intendedNanos(index) - now > SPIN_BELOW_NANOS)
            {
                LockSupport.parkNanos(PARK_NANOS);
            }
            else
            {
                Thread.yield();
            }
            load.poll();
            if (index - load.answered() > maxBehind)
            {
                throw new IllegalStateException("the " + peer + " fell " + maxBehind + " orders behind at " + rate +
                    "/s");
            }
        }
        load.drain(total);
        nextId = firstId + total;
        final double window = load.lastAnswerNanos() - schedule.intendedNanos(warmup);
        return (total - warmup) * 1e9 / window;
    }

    /**
     * @param window         unanswered orders kept in flight.
     * @param warmupSeconds  sent but not measured.
     * @param measureSeconds measured.
     * @return answers per second over the measured window.
     */
    public double saturated(final int window, final double warmupSeconds, final double measureSeconds)
    {
        final long firstId = nextId;
        load.start(firstId, Long.MAX_VALUE);
        final long warmupEnd = System.nanoTime() + (long)(warmupSeconds * 1e9);
        final long end = warmupEnd + (long)(measureSeconds * 1e9);
        long index = 0;
        long measuredFrom = -1;
        long measuredStart = 0;
        long now;
        while ((now = System.nanoTime()) < end)
        {
            if (measuredFrom < 0 && now >= warmupEnd)
            {
                measuredFrom = load.answered();
                measuredStart = now;
                load.measureFrom(firstId + index);
            }
            if (index - load.answered() <= window - Math.min(refill, window))
            {
                while (index - load.answered() < window)
                {
                    load.send(index, firstId + index, System.nanoTime());
                    index++;
                }
                load.flush();
            }
            else
            {
                load.windowFull();
            }
            load.poll();
        }
        final long done = load.answered() - measuredFrom;
        final double completed = done * 1e9 / (System.nanoTime() - measuredStart);
        load.drain(index);
        nextId = firstId + index;
        return completed;
    }
}
