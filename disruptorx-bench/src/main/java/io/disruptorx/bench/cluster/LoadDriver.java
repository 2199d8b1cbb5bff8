package io.disruptorx.bench.cluster;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.bench.node.LatencySummary;
import io.disruptorx.bench.node.PacedSchedule;
import org.HdrHistogram.Histogram;

/**
 * Drives a {@link BenchTarget}: at a fixed offered rate, timing each answer from the request's intended send time
 * (corrected for coordinated omission, see {@link PacedSchedule}), or flat out with a bounded number of requests
 * outstanding, counting answers per second. It numbers requests itself, over every run, and counts how often each
 * number was answered, so a request answered twice or never is found. Parks briefly when nothing is due: on two
 * cores a spinning client would take a core from the members it measures.
 */
final class LoadDriver implements BenchTarget.AnswerListener
{
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    /** Longest a run may overrun its duration while it cannot send (back-pressure, an election). */
    private static final long OVERRUN_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A run whose window stays full this long without an answer is stalled; its requests are written off. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long KEEP_ALIVE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final BenchTarget target;
    private final byte[] answers;
    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private long nextIndex = 1;
    private long answered;
    private long runFirstIndex;
    private PacedSchedule schedule;
    private long killNanos = Long.MAX_VALUE;
    private long killFirstIndex = Long.MAX_VALUE;
    private long firstAnswerAfterKill;
    private long windowFloor;
    private long answeredAboveFloor;
    private long lastAnswerNanos;
    private int stalls;
    private BenchTarget companion;
    private long companionDueNanos;

    /**
     * @param target      what is driven.
     * @param maxRequests most requests over every run.
     */
    LoadDriver(final BenchTarget target, final int maxRequests)
    {
        this.target = target;
        this.answers = new byte[maxRequests + 1];
    }

    /**
     * @param other a target measured in turn with this one, kept alive while this one runs.
     */
    void alongside(final BenchTarget other)
    {
        companion = other;
    }

    /**
     * @param rate    offered requests per second.
     * @param seconds how long.
     * @return the latency of the answers, from each request's intended send time.
     */
    LatencySummary paced(final long rate, final double seconds)
    {
        histogram.reset();
        runFirstIndex = nextIndex;
        schedule = new PacedSchedule(System.nanoTime(), rate);
        final long total = schedule.commandsIn(seconds);
        final long end = runFirstIndex + total;
        final long sendUntil = schedule.startNanos() + (long)(seconds * 1e9) + OVERRUN_NANOS;
        while (nextIndex < end && System.nanoTime() < sendUntil)
        {
            sendDue(end);
        }
        drain(DRAIN_NANOS);
        schedule = null;
        return LatencySummary.of(histogram);
    }

    /**
     * @param seconds     how long.
     * @param outstanding most requests unanswered at once.
     * @return answers per second.
     */
    double saturate(final double seconds, final int outstanding)
    {
        final long start = System.nanoTime();
        final long end = start + (long)(seconds * 1e9);
        final long answeredBefore = answered;
        lastAnswerNanos = start;
        writeOffWindow();
        while (System.nanoTime() < end)
        {
            while (nextIndex - 1 - windowFloor - answeredAboveFloor < outstanding && target.send(nextIndex))
            {
                nextIndex++;
            }
            keepCompanionAlive();
            if (target.poll(this) == 0)
            {
                final long now = System.nanoTime();
                if (now - lastAnswerNanos > STALL_NANOS)
                {
                    stalls++;
                    writeOffWindow();
                    lastAnswerNanos = now;
                }
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
        final double rate = (answered - answeredBefore) / ((System.nanoTime() - start) / 1e9);
        drain(DRAIN_NANOS);
        return rate;
    }

    /**
     * One step of a paced run: sends what the schedule has made due (up to {@code end}), polls the answers, and
     * parks briefly when nothing came back and nothing more is due or the target refused.
     */
    private void sendDue(final long end)
    {
        keepCompanionAlive();
        final long due = Math.min(end, runFirstIndex + schedule.dueBy(System.nanoTime()));
        boolean taken = true;
        while (nextIndex < due && (taken = target.send(nextIndex)))
        {
            nextIndex++;
        }
        if (target.poll(this) == 0 && (nextIndex >= due || !taken))
        {
            LockSupport.parkNanos(PARK_NANOS);
        }
    }

    /**
     * Paced load during which {@code during} runs once, after {@code after} seconds (a leader kill); returns the
     * time from the moment it ran to the first answer to a request sent after it.
     *
     * @param rate    offered requests per second.
     * @param seconds how long the load runs.
     * @param after   seconds into the run when {@code during} runs.
     * @param during  the disturbance.
     * @return nanoseconds to the first answer after it, or -1 when none came.
     */
    long pacedAcross(final long rate, final double seconds, final double after, final Runnable during)
    {
        killNanos = Long.MAX_VALUE;
        killFirstIndex = Long.MAX_VALUE;
        firstAnswerAfterKill = 0;
        runFirstIndex = nextIndex;
        schedule = new PacedSchedule(System.nanoTime(), rate);
        final long end = runFirstIndex + schedule.commandsIn(seconds);
        final long disturbAt = schedule.startNanos() + (long)(after * 1e9);
        final long sendUntil = schedule.startNanos() + (long)(seconds * 1e9) + OVERRUN_NANOS;
        while (nextIndex < end && System.nanoTime() < sendUntil)
        {
            if (killNanos == Long.MAX_VALUE && System.nanoTime() >= disturbAt)
            {
                killNanos = System.nanoTime();
                killFirstIndex = nextIndex;
                during.run();
            }
            sendDue(end);
        }
        drain(TimeUnit.SECONDS.toNanos(30));
        schedule = null;
        return firstAnswerAfterKill == 0 ? -1 : firstAnswerAfterKill - killNanos;
    }

    @Override
    public void onAnswer(final long index, final long answerNanos)
    {
        if (index <= 0 || index >= answers.length)
        {
            return;
        }
        if (answers[(int)index] < Byte.MAX_VALUE)
        {
            answers[(int)index]++;
        }
        if (answers[(int)index] == 1)
        {
            answered++;
            answeredAboveFloor += index > windowFloor ? 1 : 0;
        }
        lastAnswerNanos = answerNanos;
        if (schedule != null && index >= runFirstIndex)
        {
            histogram.recordValue(Math.max(0, answerNanos - schedule.intendedNanos(index - runFirstIndex)));
        }
        if (index >= killFirstIndex && firstAnswerAfterKill == 0)
        {
            firstAnswerAfterKill = answerNanos;
        }
    }

    /**
     * @return requests sent and never answered.
     */
    long lost()
    {
        long lost = 0;
        for (long i = 1; i < nextIndex; i++)
        {
            lost += answers[(int)i] == 0 ? 1 : 0;
        }
        return lost;
    }

    /**
     * @return requests answered more than once.
     */
    long duplicated()
    {
        long duplicated = 0;
        for (long i = 1; i < nextIndex; i++)
        {
            duplicated += answers[(int)i] > 1 ? 1 : 0;
        }
        return duplicated;
    }

    long requests()
    {
        return nextIndex - 1;
    }

    /**
     * @return requests answered at least once, over every run.
     */
    long answered()
    {
        return answered;
    }

    /**
     * @return flat-out runs that stalled (no answer for two seconds with the window full: an election under
     * overload); their requests were written off to go on.
     */
    int stalls()
    {
        return stalls;
    }

    /**
     * Requests sent so far no longer count against the flat-out window (still answered, or lost, as before).
     */
    private void writeOffWindow()
    {
        windowFloor = nextIndex - 1;
        answeredAboveFloor = 0;
    }

    private void keepCompanionAlive()
    {
        if (companion != null && System.nanoTime() - companionDueNanos >= 0)
        {
            companion.keepAlive();
            companionDueNanos = System.nanoTime() + KEEP_ALIVE_NANOS;
        }
    }

    private void drain(final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (answered < nextIndex - 1 && System.nanoTime() < deadline)
        {
            keepCompanionAlive();
            if (target.poll(this) == 0)
            {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
    }
}
