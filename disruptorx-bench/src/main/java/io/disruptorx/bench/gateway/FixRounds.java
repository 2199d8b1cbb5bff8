package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
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
 * lands on both legs alike and their ratio is taken between neighbouring seconds. First both legs warm up in
 * alternated saturated unmeasured passes until the JIT compiler is quiet ({@link #warmUp}: both legs share this
 * JVM's compiler threads, and with one warm-up pass each, ours first, the compiler was still busy with our path
 * through the anchor's passes, which ran at a quarter to a half of its rate alone), then {@link Plan#rounds} rounds
 * of one saturated pass per leg,
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
    /** The compiler's share of a warm-up pass's wall time (summed over its threads) below which it counts as quiet. */
    static final double JIT_QUIET_SHARE = 0.1;

    private final FixLoad[] loads;
    private final Plan plan;
    private final List<Map<Integer, long[]>> cpu = List.of(new HashMap<>(), new HashMap<>());
    private final long[] cpuNanos = new long[2];

    /**
     * How long each part runs.
     *
     * @param warmupPass   seconds of each unmeasured saturated warm-up pass.
     * @param minWarmups   warm-up passes per leg at least.
     * @param maxWarmups   warm-up passes per leg at most (fewer when the compiler is quiet, {@link #warmUp}).
     * @param rounds       saturated rounds (one pass per leg each).
     * @param warmup       unmeasured seconds at the start of each saturated pass.
     * @param measure      measured seconds of each saturated pass.
     * @param pacedRounds  paced rounds at the rate both legs sustain (one pass per leg each).
     * @param pacedWarmup  unmeasured seconds at the start of each paced pass.
     * @param pacedMeasure measured seconds of each paced pass.
     */
    record Plan(double warmupPass, int minWarmups, int maxWarmups, int rounds, double warmup, double measure,
        int pacedRounds, double pacedWarmup, double pacedMeasure)
    {
        /**
         * @return {@code --quick}'s: at most 22 s of load, about as long as the two legs run one after the other
         * took before (21.5 s, and the anchor's start after the node's close).
         */
        static Plan quick()
        {
            return new Plan(1.5, 2, 3, 4, 0.25, 0.75, 2, 0.25, 0.75);
        }

        /**
         * @return the full run's.
         */
        static Plan full()
        {
            return new Plan(3, 2, 8, 6, 1, 3, 4, 1, 3);
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
            return new Plan(warmupPass, minWarmups, maxWarmups, saturatedRounds, warmup, measure, pacedRounds,
                pacedWarmup, pacedMeasure);
        }

        /**
         * @param most warm-up passes per leg at most ({@code --fix-only} starts with a cold JVM: no binary or TLS
         *             leg compiled the node's path first).
         * @return this plan with them.
         */
        Plan withMaxWarmups(final int most)
        {
            return new Plan(warmupPass, minWarmups, Math.max(minWarmups, most), rounds, warmup, measure, pacedRounds,
                pacedWarmup, pacedMeasure);
        }

        /**
         * @return seconds of load the plan runs at most (every warm-up pass), pauses and connections aside, when one
         * leg is paced once more at its own rate (our leg at 50,000/s, the anchor at 10,000/s: the usual case).
         */
        double seconds()
        {
            return 2 * maxWarmups * warmupPass + 2 * rounds * (warmup + measure) +
                (2 * pacedRounds + 1) * (pacedWarmup + pacedMeasure);
        }

        /**
         * @return one line.
         */
        String describe()
        {
            return String.format(Locale.ROOT, "%d to %d alternated warm-up passes of %.1f s per leg (until the JIT " +
                "is quiet), %d saturated rounds of %.2f + %.2f s passes, %d paced rounds of %.2f + %.2f s passes (at " +
                "most %.0f s)", minWarmups, maxWarmups, warmupPass, rounds, warmup, measure, pacedRounds, pacedWarmup,
                pacedMeasure, seconds());
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
        warmUp();
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
     * Alternated unmeasured saturated passes, a pair at a time in the rounds' order, at least
     * {@link Plan#minWarmups} and at most {@link Plan#maxWarmups} per leg: stops after a pair in which the compiler
     * took under {@link #JIT_QUIET_SHARE} of each pass's wall time ({@code CompilationMXBean}'s total compilation
     * time), and prints each pass's rate and compiler share.
     */
    private void warmUp()
    {
        final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        for (int pair = 0; pair < plan.maxWarmups(); pair++)
        {
            boolean quiet = true;
            for (final int leg : order(pair))
            {
                pause();
                final long compiledBefore = jit.getTotalCompilationTime();
                final long start = System.nanoTime();
                final QfjLoad.Run run = loads[leg].saturated(FixLegs.WINDOW, plan.warmupPass(), 0.1);
                final double share = (jit.getTotalCompilationTime() - compiledBefore) * 1e6 /
                    (System.nanoTime() - start);
                quiet &= share < JIT_QUIET_SHARE;
                System.out.printf(Locale.ROOT, "%s; JIT compiling %.0f%% of the pass%n",
                    run.describe(LABELS[leg] + " warm-up " + (pair + 1) + " (not measured)"), 100 * share);
            }
            if (quiet && pair + 1 >= plan.minWarmups())
            {
                return;
            }
        }
        System.out.printf(Locale.ROOT, "the JIT was not quiet after %d warm-up passes per leg: the rounds measure " +
            "both legs while it compiles%n", plan.maxWarmups());
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
