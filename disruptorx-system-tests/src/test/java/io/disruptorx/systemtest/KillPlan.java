package io.disruptorx.systemtest;

import java.util.SplittableRandom;

import io.disruptorx.journal.CrashPoint;

/**
 * When the crash test kills one run, drawn from the test's seeded random so that a seed reproduces every kill:
 * early (within {@code liveMillis} of the start), timed ({@code liveMillis} after READY) or at a crash point (the
 * {@code occurrence}-th time the node reaches {@code point}: a step of a snapshot write or pruning, of a covered
 * segment's deletion or of a roll; the points take turns by run number, so every one comes up).
 *
 * @param kind       which of the three.
 * @param liveMillis for early and timed kills.
 * @param point      for kills at a crash point.
 * @param occurrence for kills at a crash point, from 1.
 */
record KillPlan(Kind kind, long liveMillis, CrashPoint point, int occurrence)
{
    /**
     * How the kill is timed.
     */
    enum Kind
    {
        EARLY,
        TIMED,
        AT_POINT
    }

    private static final CrashPoint[] POINTS = CrashPoint.values();

    /**
     * @param index    run number (the first run is never killed early: it sets up the market).
     * @param atPoints kills at a point planned before this one: the points are taken in turn, so a run of twenty
     *                 kills reaches every point.
     * @param random   the test's seeded random.
     * @return the plan.
     */
    static KillPlan draw(final int index, final long atPoints, final SplittableRandom random)
    {
        final int dice = random.nextInt(16);
        if (index > 0 && dice < 2)
        {
            return new KillPlan(Kind.EARLY, random.nextInt(300), null, 0);
        }
        if (dice < 10)
        {
            return new KillPlan(Kind.AT_POINT, 0, POINTS[(int)(atPoints % POINTS.length)], 1 + random.nextInt(3));
        }
        return new KillPlan(Kind.TIMED, random.nextInt(10) == 0 ? random.nextInt(20) : 50 + random.nextInt(351),
            null, 0);
    }

    /**
     * @param paused for a kill at a point, whether the node reached it.
     * @return what the kill was, for the log.
     */
    String describe(final boolean paused)
    {
        return switch (kind)
        {
            case EARLY -> liveMillis + " ms after start";
            case TIMED -> liveMillis + " ms after READY";
            case AT_POINT -> (paused ? "at " : "(never reached) instead of at ") + point + " #" + occurrence;
        };
    }
}
