package io.disruptorx.bench.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import io.disruptorx.bench.node.LatencySummary;
import io.disruptorx.bench.node.LoadDriver;

/**
 * The TLS comparison of {@code dx bench gateway}: the plain leg, a second plain leg (the A/A control: what two
 * identical legs differ by on this machine) and one TLS leg per provider, each its own logged-in connection to the
 * same gateway, measured in rounds. Every leg gets the same unmeasured warm-up first. In each round the rates go
 * up ({@link #PACED_RATES} paced, then the saturated window), and at each rate every leg runs one pass, in the
 * round's order, except at the judged rate ({@link #JUDGED_RATE}), where all legs share one pass, their orders
 * interleaved a pair at a time ({@link InterleavedLoad}), so that their p50s are compared over the same moments;
 * the orders are a balanced design over the rounds, so each leg runs before each other leg in half of the rounds.
 * A pass starts only when the previous one's orders are all acknowledged and the gateway has sent nothing for
 * {@value #QUIET_MILLIS} ms. Each leg is compared with the plain leg of the same round, and the medians of those
 * per-round differences are reported: the A/A control's is the noise.
 */
final class TlsRounds
{
    /** Paced rates of every round, ascending. */
    static final long[] PACED_RATES = {TlsLeg.LIGHT_RATE, 50_000};
    /** The paced rate the p50 difference is judged at: every leg sustains it without queueing on two cores. */
    static final long JUDGED_RATE = TlsLeg.LIGHT_RATE;
    private static final long QUIET_MILLIS = 50;
    private static final long SETTLE_MIN_MILLIS = 100;
    private static final long SETTLE_MAX_MILLIS = 2_000;
    /**
     * What {@code --quick} measures of a pass at a paced rate other than the judged one (50k/s), as a share of the
     * other passes' time: it pays for the interleaved warm-up at the judged rate within the 90 s budget.
     */
    static final double QUICK_HEADLINE_SHARE = 2.0 / 3;

    private final List<Leg> legs;
    private final boolean quick;
    private final int[][] orders;
    private final LatencySummary[][][] paced;
    private final boolean[][][] sustained;
    private final double[][] saturated;

    /**
     * One leg: a name and its logged-in load.
     *
     * @param name e.g. {@code plain}, {@code plain-aa}, {@code tls-jdk}.
     * @param load the connection.
     * @param tls  a TLS leg's client channel (its records are counted per pass), {@code null} for a plain leg.
     */
    record Leg(String name, GatewayLoad load, TlsClientChannel tls)
    {
        /**
         * @return the TLS client's counts now, or {@code null} for a plain leg.
         */
        TlsClientChannel.RecordCounts counts()
        {
            return tls == null ? null : tls.counts();
        }

        /**
         * @param before the counts at the pass's start ({@link #counts}).
         * @return the pass's records per order, or "" for a plain leg.
         */
        String recordsSince(final TlsClientChannel.RecordCounts before)
        {
            return tls == null ? "" : "; " + tls.counts().describeSince(before, load.answered());
        }
    }

    /**
     * @param legs  the legs; the first is the plain leg every other is compared with.
     * @param quick only the first as many rounds as there are legs (for an odd count the rotations: each leg runs
     *              once in each place, but not before each other leg in half of the rounds), so that
     *              {@code --quick} stays short.
     */
    TlsRounds(final List<Leg> legs, final boolean quick)
    {
        this.legs = List.copyOf(legs);
        this.quick = quick;
        this.orders = quick ? quickOrders(legs.size()) : orders(legs.size());
        this.paced = new LatencySummary[PACED_RATES.length][orders.length][legs.size()];
        this.sustained = new boolean[PACED_RATES.length][orders.length][legs.size()];
        this.saturated = new double[orders.length][legs.size()];
    }

    /**
     * The rounds of {@code --quick}: the first {@code n} of {@link #orders}, a Latin square (each leg runs once in
     * each place).
     *
     * @param n legs.
     * @return per round, the legs' indexes in running order.
     */
    static int[][] quickOrders(final int n)
    {
        return Arrays.copyOf(orders(n), n);
    }

    /**
     * A balanced order of {@code n} legs over rounds: for an even {@code n} a Williams square ({@code n} rounds), for
     * an odd one the {@code n} rotations and their reverses ({@code 2n} rounds). Either way each leg comes before
     * each other leg in exactly half of the rounds.
     *
     * @param n legs.
     * @return per round, the legs' indexes in running order.
     */
    static int[][] orders(final int n)
    {
        if (n % 2 == 0)
        {
            final int[] first = new int[n];
            for (int i = 1, low = 1, high = n - 1; i < n; i++)
            {
                first[i] = i % 2 == 1 ? low++ : high--;
            }
            final int[][] rounds = new int[n][n];
            for (int r = 0; r < n; r++)
            {
                for (int i = 0; i < n; i++)
                {
                    rounds[r][i] = (first[i] + r) % n;
                }
            }
            return rounds;
        }
        final int[][] rounds = new int[2 * n][n];
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < n; i++)
            {
                rounds[r][i] = (i + r) % n;
                rounds[n + r][n - 1 - i] = (i + r) % n;
            }
        }
        return rounds;
    }

    /**
     * @return rounds in the design.
     */
    int rounds()
    {
        return orders.length;
    }

    /**
     * Warms every leg up alike, each alone at {@code warmupRate} and then all in one interleaved pass at the judged
     * rate (without it the first round's judged pass queued: p50 0.7-1.7 ms against 0.1-0.2 ms in the others), then
     * runs the rounds.
     *
     * @param warmupRate    the legs' own unmeasured passes' rate.
     * @param warmupSeconds every pass's unmeasured start; the legs' own warm-up lasts {@link TlsLeg#WARMUP_FACTOR}
     *                      times as long, the interleaved one {@code warmupSeconds + measure}.
     * @param measure       seconds measured per pass ({@link #QUICK_HEADLINE_SHARE} of it at 50k/s in
     *                      {@code --quick}).
     * @param window        the saturated passes' orders in flight.
     */
    void run(final long warmupRate, final double warmupSeconds, final double measure, final int window)
    {
        for (final Leg leg : legs)
        {
            settle();
            System.out.println(leg.name() + " warm-up (not measured): " +
                leg.load().paced(warmupRate, warmupSeconds, TlsLeg.WARMUP_FACTOR * warmupSeconds).describe());
        }
        settle();
        System.out.printf(Locale.ROOT, "interleaved warm-up (not measured), every leg in one pass, %,d/s in all: " +
            "completed %,.0f/s%n", JUDGED_RATE, new LoadDriver(new InterleavedLoad(loads(), orders[0]), "gateway",
            1 << 20).paced(JUDGED_RATE, warmupSeconds, measure));
        final double headlineMeasure = quick ? QUICK_HEADLINE_SHARE * measure : measure;
        for (int round = 0; round < orders.length; round++)
        {
            final StringJoiner order = new StringJoiner(", ");
            for (final int leg : orders[round])
            {
                order.add(legs.get(leg).name());
            }
            System.out.printf(Locale.ROOT, "round %d of %d, order: %s%n", round + 1, orders.length, order);
            for (int rate = 0; rate < PACED_RATES.length; rate++)
            {
                if (PACED_RATES[rate] == JUDGED_RATE)
                {
                    interleaved(round, rate, warmupSeconds, measure);
                    continue;
                }
                for (final int leg : orders[round])
                {
                    settle();
                    final TlsClientChannel.RecordCounts before = legs.get(leg).counts();
                    final GatewayLoad.Run run = legs.get(leg).load().paced(PACED_RATES[rate], warmupSeconds,
                        headlineMeasure);
                    requireNoneRefused(leg, run);
                    paced[rate][round][leg] = run.latency();
                    sustained[rate][round][leg] = run.sustained();
                    System.out.println("  " + legs.get(leg).name() + " " + run.describe() +
                        legs.get(leg).recordsSince(before));
                }
            }
            for (final int leg : orders[round])
            {
                settle();
                final TlsClientChannel.RecordCounts before = legs.get(leg).counts();
                final GatewayLoad.Run run = legs.get(leg).load().saturated(window, warmupSeconds, measure);
                requireNoneRefused(leg, run);
                saturated[round][leg] = run.completed();
                System.out.println("  " + legs.get(leg).name() + " " + run.describe() + " (window " + window + ")" +
                    legs.get(leg).recordsSince(before));
            }
        }
    }

    /**
     * One pass of every leg at once ({@link InterleavedLoad}): the rate's schedule dealt a pair of orders at a time
     * to the legs in the round's order, measured for as long as the legs' own passes together, so each leg gets as
     * many measured orders as in a pass of its own.
     */
    private void interleaved(final int round, final int rate, final double warmupSeconds, final double measure)
    {
        settle();
        final TlsClientChannel.RecordCounts[] before = new TlsClientChannel.RecordCounts[legs.size()];
        for (int leg = 0; leg < legs.size(); leg++)
        {
            before[leg] = legs.get(leg).counts();
        }
        final double completed = new LoadDriver(new InterleavedLoad(loads(), orders[round]), "gateway", 1 << 20)
            .paced(PACED_RATES[rate], warmupSeconds, legs.size() * measure);
        System.out.printf(Locale.ROOT, "  interleaved, every leg in one pass (pairs dealt in the round's order), " +
            "%,d/s in all: completed %,.0f/s%n", PACED_RATES[rate], completed);
        for (final int leg : orders[round])
        {
            final GatewayLoad.Run run = legs.get(leg).load().share(PACED_RATES[rate], completed);
            requireNoneRefused(leg, run);
            paced[rate][round][leg] = run.latency();
            sustained[rate][round][leg] = run.sustained();
            System.out.println("    " + legs.get(leg).name() + " " + run.latency().describe() + "; refused " +
                run.rejects() + legs.get(leg).recordsSince(before[leg]));
        }
    }

    /**
     * @return the legs' loads, in index order.
     */
    private List<GatewayLoad> loads()
    {
        final List<GatewayLoad> loads = new ArrayList<>();
        for (final Leg leg : legs)
        {
            loads.add(leg.load());
        }
        return loads;
    }

    /**
     * A leg whose orders are refused measures the reject path (no book, no trade, one short report) against legs
     * that trade, so its figures compare nothing: the comparison stops.
     */
    private void requireNoneRefused(final int leg, final GatewayLoad.Run run)
    {
        if (run.rejects() > 0)
        {
            throw new IllegalStateException("TLS comparison: leg " + legs.get(leg).name() + " had " + run.rejects() +
                " orders refused (its accounts not funded?); its figures would be the reject path's");
        }
    }

    /**
     * Waits until the gateway has sent nothing to any leg for {@value #QUIET_MILLIS} ms (reading and answering
     * heartbeats on every connection meanwhile), at least {@value #SETTLE_MIN_MILLIS} ms.
     */
    private void settle()
    {
        final long start = System.nanoTime();
        long lastHeard = start;
        long now = start;
        while (now - start < SETTLE_MAX_MILLIS * 1_000_000L &&
            (now - start < SETTLE_MIN_MILLIS * 1_000_000L || now - lastHeard < QUIET_MILLIS * 1_000_000L))
        {
            int heard = 0;
            for (final Leg leg : legs)
            {
                heard += leg.load().pollOnce();
            }
            now = System.nanoTime();
            if (heard > 0)
            {
                lastHeard = now;
            }
            else
            {
                GatewayLoad.pause();
            }
        }
    }

    /**
     * @param leg  a leg's index.
     * @param rate an index into {@link #PACED_RATES}.
     * @return its median p50 over the rounds, in nanoseconds.
     */
    long medianP50(final int leg, final int rate)
    {
        final long[] values = new long[orders.length];
        for (int round = 0; round < orders.length; round++)
        {
            values[round] = paced[rate][round][leg].p50();
        }
        return median(values);
    }

    /**
     * @param leg  a leg's index.
     * @param rate an index into {@link #PACED_RATES}.
     * @return its median p99 over the rounds, in nanoseconds.
     */
    long medianP99(final int leg, final int rate)
    {
        final long[] values = new long[orders.length];
        for (int round = 0; round < orders.length; round++)
        {
            values[round] = paced[rate][round][leg].p99();
        }
        return median(values);
    }

    /**
     * @param leg  a leg's index.
     * @param rate an index into {@link #PACED_RATES}.
     * @return per round, the leg's p50 minus the plain leg's, in nanoseconds.
     */
    long[] p50Added(final int leg, final int rate)
    {
        final long[] values = new long[orders.length];
        for (int round = 0; round < orders.length; round++)
        {
            values[round] = paced[rate][round][leg].p50() - paced[rate][round][0].p50();
        }
        return values;
    }

    /**
     * @param leg a leg's index.
     * @return per round, the leg's saturated rate over the plain leg's.
     */
    double[] ratios(final int leg)
    {
        final double[] values = new double[orders.length];
        for (int round = 0; round < orders.length; round++)
        {
            values[round] = saturated[round][leg] / Math.max(1, saturated[round][0]);
        }
        return values;
    }

    /**
     * @param leg a leg's index.
     * @return its median saturated rate over the rounds.
     */
    double medianSaturated(final int leg)
    {
        final double[] values = new double[orders.length];
        for (int round = 0; round < orders.length; round++)
        {
            values[round] = saturated[round][leg];
        }
        return median(values);
    }

    /**
     * @param rate an index into {@link #PACED_RATES}.
     * @return whether every leg sustained it in every round.
     */
    boolean sustainedByAll(final int rate)
    {
        for (final boolean[] round : sustained[rate])
        {
            for (final boolean leg : round)
            {
                if (!leg)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Prints, per paced rate, every leg's p50 per round and the medians of the differences to the plain leg, and the
     * saturated ratios per round and their medians.
     */
    void printSummary()
    {
        for (int rate = 0; rate < PACED_RATES.length; rate++)
        {
            System.out.printf(Locale.ROOT, "p50 at %,d/s%s, per round (in running order of the design) and the " +
                "median of %d rounds:%n", PACED_RATES[rate], PACED_RATES[rate] == JUDGED_RATE ?
                " (the judged rate; all legs interleaved in one pass per round)" : "", orders.length);
            System.out.printf(Locale.ROOT, "  every leg sustained it in every round: %s%n",
                sustainedByAll(rate) ? "yes" : "NO");
            for (int leg = 0; leg < legs.size(); leg++)
            {
                final StringJoiner values = new StringJoiner(" / ");
                for (int round = 0; round < orders.length; round++)
                {
                    values.add(String.format(Locale.ROOT, "%,d", LatencySummary.micros(paced[rate][round][leg].p50())));
                }
                System.out.printf(Locale.ROOT, "  %-12s p50 %s us; median %,d us (p99 median %,d us)%n",
                    legs.get(leg).name(), values, LatencySummary.micros(medianP50(leg, rate)),
                    LatencySummary.micros(medianP99(leg, rate)));
            }
            for (int leg = 1; leg < legs.size(); leg++)
            {
                final long[] added = p50Added(leg, rate);
                final StringJoiner values = new StringJoiner(" / ");
                for (final long value : added)
                {
                    values.add(String.format(Locale.ROOT, "%+,d", nanosToMicros(value)));
                }
                System.out.printf(Locale.ROOT, "  %-12s minus plain, same round: %s us; median %+,d us%s%n",
                    legs.get(leg).name(), values, nanosToMicros(median(added)), leg == 1 ? " (A/A: the noise)" : "");
            }
        }
        System.out.printf(Locale.ROOT, "saturated (window), per round and the median of %d rounds:%n", orders.length);
        for (int leg = 0; leg < legs.size(); leg++)
        {
            final StringJoiner values = new StringJoiner(" / ");
            final double[] ratios = ratios(leg);
            for (int round = 0; round < orders.length; round++)
            {
                values.add(String.format(Locale.ROOT, "%,.0f (%.2fx)", saturated[round][leg], ratios[round]));
            }
            System.out.printf(Locale.ROOT, "  %-12s %s; median %,.0f orders/s, median of ratios %.2fx%s%n",
                legs.get(leg).name(), values, medianSaturated(leg), median(ratios),
                leg == 1 ? " (A/A: the noise)" : "");
        }
    }

    /**
     * @param nanos a signed latency difference.
     * @return it in whole microseconds, rounded half away from zero.
     */
    static long nanosToMicros(final long nanos)
    {
        return nanos < 0 ? -LatencySummary.micros(-nanos) : LatencySummary.micros(nanos);
    }

    /**
     * @param values samples (not changed).
     * @return their median (the mean of the middle two for an even count).
     */
    static long median(final long[] values)
    {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : Math.floorDiv(sorted[middle - 1] + sorted[middle], 2);
    }

    /**
     * @param values samples (not changed).
     * @return their median (the mean of the middle two for an even count).
     */
    static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * @return the legs' names, in index order.
     */
    List<String> names()
    {
        final List<String> names = new ArrayList<>();
        for (final Leg leg : legs)
        {
            names.add(leg.name());
        }
        return names;
    }
}
