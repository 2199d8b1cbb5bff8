package io.disruptorx.bench.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.disruptorx.bench.fix.FixLegs;
import io.disruptorx.bench.node.LatencySummary;
import io.disruptorx.core.tls.TlsConfig;

/**
 * The end of {@code dx bench gateway}: which TLS leg the RESULT line reports, and the RESULT line itself
 * ({@link GatewayPlan#resultLine}).
 */
final class GatewayResult
{
    private GatewayResult()
    {
    }

    /**
     * Prints what the RESULT line's TLS keys and latency are, then the line.
     *
     * @param headline  the binary leg's paced run of the RESULT line (50,000/s, or the highest sustained below).
     * @param saturated the binary leg's saturated run.
     * @param fix       the FIX comparison: our FIX gateway against the QuickFIX/J anchor, alternated.
     * @param json      the JSON leg.
     * @param tlsRounds the TLS comparison, run.
     * @param providers its providers, one TLS leg each after the plain leg and the A/A control.
     */
    static void print(
        final GatewayLoad.Run headline, final GatewayLoad.Run saturated, final FixComparison fix,
        final FixLegs.Leg json, final TlsRounds tlsRounds,
        final List<TlsConfig.Provider> providers)
    {
        final Map<String, Object> tlsValues = tlsValues(tlsRounds, providers);
        System.out.printf(Locale.ROOT, "latency of the RESULT line at %,d orders/s%s%n", headline.rate(),
            headline.rate() == GatewayPlan.HEADLINE_RATE ? "" : " (the highest sustained rate below 50k/s)");
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("binary_ops", Math.round(saturated.completed()));
        values.put("binary_p50_us", LatencySummary.micros(headline.latency().p50()));
        values.put("binary_p99_us", LatencySummary.micros(headline.latency().p99()));
        values.putAll(fix.values());
        values.put("json_ops", json.ops());
        values.put("json_p99_us", json.p99Micros());
        values.putAll(tlsValues);
        System.out.println(GatewayPlan.resultLine(values));
    }

    /**
     * Prints the RESULT line of {@code --tls-only}: the TLS keys as {@link #print}'s, {@code na} for the others.
     *
     * @param tlsRounds the TLS comparison, run.
     * @param providers its providers.
     */
    static void printTlsOnly(final TlsRounds tlsRounds, final List<TlsConfig.Provider> providers)
    {
        System.out.println(GatewayPlan.resultLine(onlyValues(tlsValues(tlsRounds, providers))));
    }

    /**
     * The RESULT line of a run of one part only ({@code --tls-only}, {@code --fix-only}).
     *
     * @param measured the part's keys and values.
     * @return a value for every RESULT key: those, and {@code na} for every other.
     */
    static Map<String, Object> onlyValues(final Map<String, Object> measured)
    {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (final String key : GatewayPlan.RESULT_KEYS)
        {
            values.put(key, measured.getOrDefault(key, "na"));
        }
        return values;
    }

    /**
     * Prints which TLS leg the RESULT line reports and what its keys are.
     *
     * @return the RESULT line's TLS and A/A keys and values.
     */
    private static Map<String, Object> tlsValues(final TlsRounds tlsRounds, final List<TlsConfig.Provider> providers)
    {
        int tls = 2;
        for (int leg = 3; leg < 2 + providers.size(); leg++)
        {
            tls = TlsRounds.median(tlsRounds.ratios(leg)) > TlsRounds.median(tlsRounds.ratios(tls)) ? leg : tls;
        }
        final int pacedAt = TlsRounds.PACED_RATES.length - 1;
        final int judged = 0;
        System.out.printf(Locale.ROOT, "binary_tls_* of the RESULT line: %s (the higher median of per-round " +
            "saturated ratios), medians of %d rounds: binary_tls_ops its saturated rate, binary_tls_p50_us and " +
            "p99 at %,d/s, binary_tls_ratio its saturated rate over plain's, binary_tls_p50_added_us its p50 " +
            "minus plain's at %,d/s; binary_aa_* the same for the A/A control (plain against plain)%n",
            tlsRounds.names().get(tls), tlsRounds.rounds(), TlsRounds.PACED_RATES[pacedAt], TlsRounds.JUDGED_RATE);
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put("binary_tls_ops", Math.round(tlsRounds.medianSaturated(tls)));
        values.put("binary_tls_p50_us", LatencySummary.micros(tlsRounds.medianP50(tls, pacedAt)));
        values.put("binary_tls_p99_us", LatencySummary.micros(tlsRounds.medianP99(tls, pacedAt)));
        values.put("binary_tls_provider", providers.get(tls - 2).name().toLowerCase(Locale.ROOT));
        values.put("binary_tls_ratio", String.format(Locale.ROOT, "%.2f", TlsRounds.median(tlsRounds.ratios(tls))));
        values.put("binary_tls_p50_added_us",
            TlsRounds.nanosToMicros(TlsRounds.median(tlsRounds.p50Added(tls, judged))));
        values.put("binary_aa_ratio", String.format(Locale.ROOT, "%.2f", TlsRounds.median(tlsRounds.ratios(1))));
        values.put("binary_aa_p50_added_us", TlsRounds.nanosToMicros(TlsRounds.median(tlsRounds.p50Added(1, judged))));
        return values;
    }

    /**
     * @param runs the binary leg's paced runs.
     * @return the 50,000/s run when sustained, else the highest sustained rate below it (else the first run).
     */
    static GatewayLoad.Run headline(final List<GatewayLoad.Run> runs)
    {
        GatewayLoad.Run best = runs.get(0);
        for (final GatewayLoad.Run run : runs)
        {
            if (run.rate() == GatewayPlan.HEADLINE_RATE && run.sustained())
            {
                return run;
            }
            if (run.sustained() && run.rate() < GatewayPlan.HEADLINE_RATE)
            {
                best = run;
            }
        }
        return best;
    }
}
