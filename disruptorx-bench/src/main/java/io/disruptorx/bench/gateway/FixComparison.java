package io.disruptorx.bench.gateway;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import io.disruptorx.bench.node.LatencySummary;

/**
 * What the FIX comparison of {@code dx bench gateway} measured ({@link FixRounds}): per round, our FIX gateway's and
 * the QuickFIX/J anchor's saturated orders per second, and per paced round both legs' p99 at one offered rate both
 * sustain; and each leg's p99 at its own rate. The RESULT line's FIX keys come from here ({@link #values}).
 *
 * @param fixSaturated  our leg's saturated orders per second, per round.
 * @param qfjSaturated  the anchor's, per round (the same rounds).
 * @param fixRate       our leg's own paced rate ({@link io.disruptorx.bench.fix.FixLegs#rate} of its median
 *                      saturated rate): 50,000/s when it sustains that with 10% to spare, else 10,000/s, else half.
 * @param qfjRate       the anchor's own paced rate, chosen alike.
 * @param sameRate      the lower of the two: the rate both legs are paced at, alternated.
 * @param fixSameP99    our leg's p99 at {@code sameRate}, nanoseconds, per paced round.
 * @param qfjSameP99    the anchor's, per paced round.
 * @param fixP99        our leg's p99 at {@code fixRate}, nanoseconds: the median of {@code fixSameP99} when the
 *                      rates are the same, else one pass of its own.
 * @param qfjP99        the anchor's at {@code qfjRate}, alike.
 * @param sameSustained whether both legs sustained {@code sameRate} in every paced round.
 */
record FixComparison(double[] fixSaturated, double[] qfjSaturated, long fixRate, long qfjRate, long sameRate,
    long[] fixSameP99, long[] qfjSameP99, long fixP99, long qfjP99, boolean sameSustained)
{
    /**
     * @return per round, our saturated rate over the anchor's.
     */
    double[] ratios()
    {
        final double[] ratios = new double[fixSaturated.length];
        for (int round = 0; round < ratios.length; round++)
        {
            ratios[round] = fixSaturated[round] / Math.max(1, qfjSaturated[round]);
        }
        return ratios;
    }

    /**
     * @return the median of the per-round ratios ({@link #ratios}): {@code fix_qfj_ratio}.
     */
    double ratio()
    {
        return TlsRounds.median(ratios());
    }

    /**
     * @return our median saturated rate over the rounds, rounded: {@code fix_ops}.
     */
    long fixOps()
    {
        return Math.round(TlsRounds.median(fixSaturated));
    }

    /**
     * @return the anchor's median saturated rate over the rounds, rounded: {@code qfj_ops}.
     */
    long qfjOps()
    {
        return Math.round(TlsRounds.median(qfjSaturated));
    }

    /**
     * @return the RESULT line's FIX keys: {@code fix_ops}, {@code qfj_ops} (medians of the rounds),
     * {@code fix_p99_us} at {@link #fixRate}, {@code qfj_p99_us} at {@link #qfjRate} (issue 9's keys, their meaning
     * unchanged), {@code fix_qfj_ratio} (the median of the per-round ratios), {@code fix_qfj_same_rate} and both
     * legs' median p99 at it ({@code fix_p99_same_rate_us}, {@code qfj_p99_same_rate_us}).
     */
    Map<String, Object> values()
    {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("fix_ops", fixOps());
        values.put("fix_p99_us", LatencySummary.micros(fixP99));
        values.put("qfj_ops", qfjOps());
        values.put("qfj_p99_us", LatencySummary.micros(qfjP99));
        values.put("fix_qfj_ratio", String.format(Locale.ROOT, "%.2f", ratio()));
        values.put("fix_qfj_same_rate", sameRate);
        values.put("fix_p99_same_rate_us", LatencySummary.micros(TlsRounds.median(fixSameP99)));
        values.put("qfj_p99_same_rate_us", LatencySummary.micros(TlsRounds.median(qfjSameP99)));
        return values;
    }

    /**
     * Prints every round's figures, their medians, and at which rate each p99 of the RESULT line is.
     */
    void printSummary()
    {
        final StringJoiner rounds = new StringJoiner(" / ");
        final double[] ratios = ratios();
        for (int round = 0; round < ratios.length; round++)
        {
            rounds.add(String.format(Locale.ROOT, "%,.0f vs %,.0f (%.2fx)", fixSaturated[round], qfjSaturated[round],
                ratios[round]));
        }
        System.out.printf(Locale.ROOT, "FIX saturated (window), fix vs qfj per round: %s; medians fix_ops %,d, " +
            "qfj_ops %,d, median of the per-round ratios (fix_qfj_ratio) %.2fx%n", rounds, fixOps(), qfjOps(),
            ratio());
        System.out.printf(Locale.ROOT, "FIX p99 at the same rate, %,d orders/s (alternated, %d rounds): fix %s us, " +
            "qfj %s us; medians fix %,d us vs qfj %,d us (%s)%s%n", sameRate, fixSameP99.length, micros(fixSameP99),
            micros(qfjSameP99), LatencySummary.micros(TlsRounds.median(fixSameP99)),
            LatencySummary.micros(TlsRounds.median(qfjSameP99)),
            TlsRounds.median(fixSameP99) < TlsRounds.median(qfjSameP99) ? "ours lower" : "ours not lower",
            sameSustained ? "" : "; NOT SUSTAINED by both in every round");
        System.out.printf(Locale.ROOT, "fix_p99_us at %,d orders/s, qfj_p99_us at %,d orders/s (each leg's own " +
            "rate: 50k/s if it sustains 55k/s, else 10k/s, else half its maximum)%n", fixRate, qfjRate);
    }

    private static String micros(final long[] nanos)
    {
        final StringJoiner values = new StringJoiner(" / ");
        for (final long value : nanos)
        {
            values.add(String.format(Locale.ROOT, "%,d", LatencySummary.micros(value)));
        }
        return values.toString();
    }
}
