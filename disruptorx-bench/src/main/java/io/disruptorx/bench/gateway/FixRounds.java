package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.bench.fix.FixLegs;
import io.disruptorx.bench.fix.FixLoad;
import io.disruptorx.bench.fix.QfjLoad;

/**
 * The FIX comparison of {@code dx bench gateway}: our FIX gateway (on the bench's node) and the QuickFIX/J anchor,
 * both listening at once, each driven by a connection of its own of the same load ({@link FixLegs.Client}), measured
 * in alternated passes instead of one leg after the other, so that whatever the two-core machine does over a run
 * lands on both legs alike and their ratio is taken between neighbouring seconds. First each leg warms up alone
 * (saturated, unmeasured: the JIT compiles its path), then {@link Plan#rounds} rounds of one saturated pass per leg,
 * the order alternating ({@link #order}: ours first, then the anchor first, and so on, so each leg runs first in
 * half of the rounds); {@code fix_ops} and {@code qfj_ops} are the legs' medians and {@code fix_qfj_ratio} the median
 * of the per-round ratios. Then both legs are paced at one rate both sustain (the lower of the two legs' own rates,
 * {@link FixLegs#rate} of their median saturated rates) in {@link Plan#pacedRounds} alternated rounds, and a leg
 * whose own rate is higher is paced once more at it: the RESULT line's {@code fix_p99_us} and {@code qfj_p99_us}
 * stay each leg's p99 at its own rate, and {@code fix_p99_same_rate_us} and {@code qfj_p99_same_rate_us} compare
 * the two at one rate. Each pass starts {@value #PAUSE_MILLIS} ms after the previous one ended (the other leg's
 * late reports, fills on our venue, are sent meanwhile). The CPU each thread took during each leg's saturated passes
 * is printed at the end: what the idle leg's threads cost the running one.
 */
final class FixRounds
{
    /** Our FIX gateway's index. */
    static final int OURS = 0;
    /** The anchor's index. */
    static final int ANCHOR = 1;
    private static final String[] LABELS = {"fix", "qfj"};
    private static final long PAUSE_MILLIS = 50;

    private final FixLoad[] loads;
    private final Plan plan;
    private final List<Map<Integer, long[]>> cpu = List.of(new HashMap<>(), new HashMap<>());
    private final long[] cpuNanos = new long[2];

    /**
     * How long each part runs.
     *
     * @param jitWarmup    seconds of each leg's unmeasured saturated warm-up, alone, before the rounds.
     * @param rounds       saturated rounds (one pass per leg each).
     * @param warmup       unmeasured seconds at the start of each saturated pass.
     * @param measure      measured seconds of each saturated pass.
     * @param pacedRounds  paced rounds at the rate both legs sustain (one pass per leg each).
     * @param pacedWarmup  unmeasured seconds at the start of each paced pass.
     * @param pacedMeasure measured seconds of each paced pass.
     */
    record Plan(double jitWarmup, int rounds, double warmup, double measure, int pacedRounds, double pacedWarmup,
        double pacedMeasure)
    {
        /**
         * @return {@code --quick}'s: about as long as the two legs run one after the other took before (21 s).
         */
        static Plan quick()
        {
            return new Plan(3, 4, 0.25, 0.75, 2, 0.25, 1);
        }

        /**
         * @return the full run's.
         */
        static Plan full()
        {
            return new Plan(4, 6, 1, 3, 4, 1, 3);
        }

        /**
         * @param saturatedRounds saturated rounds ({@code --fix-rounds}), at least 1.
         * @return this plan with them.
         */
        Plan withRounds(final int saturatedRounds)
        {
            if (saturatedRounds < 1)
            {
                throw new IllegalArgumentException("--fix-rounds: at least 1, was " + saturatedRounds);
            }
            return new Plan(jitWarmup, saturatedRounds, warmup, measure, pacedRounds, pacedWarmup, pacedMeasure);
        }

        /**
         * @return seconds of load the plan runs, pauses and connections aside, when one leg is paced once more at
         * its own rate (our leg at 50,000/s, the anchor at 10,000/s: the usual case).
         */
        double seconds()
        {
            return 2 * jitWarmup + 2 * rounds * (warmup + measure) + (2 * pacedRounds + 1) * (pacedWarmup +
                pacedMeasure);
        }

        /**
         * @return one line.
         */
        String describe()
        {
            return String.format(Locale.ROOT, "%.0f s warm-up per leg, %d saturated rounds of %.2f + %.2f s passes, " +
                "%d paced rounds of %.2f + %.2f s passes (about %.0f s)", jitWarmup, rounds, warmup, measure,
                pacedRounds, pacedWarmup, pacedMeasure, seconds());
        }
    }

    /**
     * @param ours   the load connected to our FIX gateway.
     * @param anchor the same kind of load connected to the anchor.
     * @param plan   how long each part runs.
     */
    FixRounds(final FixLoad ours, final FixLoad anchor, final Plan plan)
    {
        this.loads = new FixLoad[]{ours, anchor};
        this.plan = plan;
    }

    /**
     * @param round a round's index.
     * @return the legs' indexes in its running order: ours first in even rounds, the anchor first in odd ones
     * ({@link TlsRounds#orders} of two legs).
     */
    static int[] order(final int round)
    {
        final int[][] orders = TlsRounds.orders(2);
        return orders[round % orders.length];
    }

    /**
     * Runs the warm-ups, the saturated rounds and the paced rounds, printing each pass.
     *
     * @return what was measured.
     * @throws IOException when the threads' CPU times cannot be read.
     */
    FixComparison run() throws IOException
    {
        for (final int leg : order(0))
        {
            pause();
            System.out.println(loads[leg].saturated(FixLegs.WINDOW, plan.jitWarmup(), 0.1)
                .describe(LABELS[leg] + " warm-up (not measured)"));
        }
        final double[][] saturated = new double[2][plan.rounds()];
        for (int round = 0; round < plan.rounds(); round++)
        {
            for (final int leg : order(round))
            {
                pause();
                final Map<Integer, long[]> before = BinaryLegBench.threadTimes();
                final long start = System.nanoTime();
                final QfjLoad.Run run = loads[leg].saturated(FixLegs.WINDOW, plan.warmup(), plan.measure());
                cpuNanos[leg] += System.nanoTime() - start;
                addCpu(cpu.get(leg), before, BinaryLegBench.threadTimes());
                saturated[leg][round] = run.completed();
                System.out.printf(Locale.ROOT, "  round %d %s (window %,d)%n", round + 1, run.describe(LABELS[leg]),
                    FixLegs.WINDOW);
            }
        }
        final long fixRate = FixLegs.rate(TlsRounds.median(saturated[OURS]));
        final long qfjRate = FixLegs.rate(TlsRounds.median(saturated[ANCHOR]));
        final long sameRate = Math.min(fixRate, qfjRate);
        final long[][] same = new long[2][plan.pacedRounds()];
        boolean sustained = true;
        for (int round = 0; round < plan.pacedRounds(); round++)
        {
            for (final int leg : order(round))
            {
                pause();
                final QfjLoad.Run run = loads[leg].paced(sameRate, plan.pacedWarmup(), plan.pacedMeasure());
                same[leg][round] = run.latency().p99();
                sustained &= run.sustained();
                System.out.printf(Locale.ROOT, "  paced round %d %s%n", round + 1, run.describe(LABELS[leg]));
            }
        }
        final long fixP99 = ownP99(OURS, fixRate, sameRate, same[OURS]);
        final long qfjP99 = ownP99(ANCHOR, qfjRate, sameRate, same[ANCHOR]);
        for (int leg = 0; leg < 2; leg++)
        {
            System.out.printf(Locale.ROOT, "threads' CPU during the %s leg's saturated passes (%.1f s; %% of one " +
                "core):%n", LABELS[leg], cpuNanos[leg] / 1e9);
            BinaryLegBench.printCpu(Map.of(), cpu.get(leg), cpuNanos[leg]);
        }
        return new FixComparison(saturated[OURS], saturated[ANCHOR], fixRate, qfjRate, sameRate, same[OURS],
            same[ANCHOR], fixP99, qfjP99, sustained);
    }

    /**
     * @return the leg's p99 at its own rate, nanoseconds: the median of its same-rate passes when that is its rate,
     * else one more pass at it.
     */
    private long ownP99(final int leg, final long rate, final long sameRate, final long[] same)
    {
        if (rate == sameRate)
        {
            return TlsRounds.median(same);
        }
        pause();
        final QfjLoad.Run run = loads[leg].paced(rate, plan.pacedWarmup(), plan.pacedMeasure());
        System.out.printf(Locale.ROOT, "  %s (its own rate)%n", run.describe(LABELS[leg]));
        return run.latency().p99();
    }

    private static void addCpu(final Map<Integer, long[]> sum, final Map<Integer, long[]> before,
        final Map<Integer, long[]> after)
    {
        for (final Map.Entry<Integer, long[]> entry : after.entrySet())
        {
            final long[] was = before.getOrDefault(entry.getKey(), new long[2]);
            final long[] total = sum.computeIfAbsent(entry.getKey(), key -> new long[2]);
            total[0] += entry.getValue()[0] - was[0];
            total[1] += entry.getValue()[1] - was[1];
        }
    }

    private static void pause()
    {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS));
    }
}
