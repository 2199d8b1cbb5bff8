package io.disruptorx.bench.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import io.disruptorx.core.tls.TlsConfig;

/**
 * What one run of {@code dx bench gateway} measures and for how long: the full plan, or {@code --quick}'s, which
 * must end in under 90 s on the two-core machine with the same RESULT line ({@link #RESULT_KEYS}, every value
 * measured). What {@code --quick} leaves out: the binary leg's paced runs at 10,000/s and 100,000/s (its
 * 50,000/s run is the RESULT line's latency; 10,000/s is run only if 50,000/s is not sustained; the TLS
 * comparison's plain leg measures 10,000/s and 50,000/s in every round), the OpenSSL provider of the TLS comparison
 * (JDK only, 3 legs in 3 rounds, unless {@code --tls-providers} says otherwise), and length: 0.5 s warm-up and 2 s
 * measured per binary run, 0.25 s + 0.75 s per TLS pass (0.5 s measured at 50k/s: {@link
 * TlsRounds#QUICK_HEADLINE_SHARE}), against 3 s + 10 s in the full run. {@code --tls-only}
 * ({@link #onlyTls()}): only the TLS comparison of the plan (the full one's: both providers, 3 s + 10 s passes),
 * no binary, FIX or JSON leg; the RESULT line has {@code na} for their keys.
 *
 * @param quick        {@code --quick}.
 * @param tlsOnly      {@code --tls-only}: the TLS comparison only, {@link #binaryRates} empty.
 * @param binaryRates  the binary leg's paced rates, ascending.
 * @param warmupPass   seconds of the binary leg's unmeasured pass at {@link #warmupRate} (before its first measured
 *                     rate), and of that pass's own unmeasured start.
 * @param warmup       seconds before each measured binary window.
 * @param measure      seconds measured per binary run.
 * @param providers    the TLS comparison's providers, one TLS leg each.
 * @param tlsWarmup    seconds before each measured TLS comparison pass ({@link TlsRounds#run}).
 * @param tlsMeasure   seconds measured per TLS comparison pass.
 */
record GatewayPlan(boolean quick, boolean tlsOnly, long[] binaryRates, double warmupPass, double warmup,
    double measure, List<TlsConfig.Provider> providers, double tlsWarmup, double tlsMeasure)
{
    /** The binary leg's headline rate: the RESULT line's {@code binary_p50_us} and {@code binary_p99_us}. */
    static final long HEADLINE_RATE = 50_000;
    /** The binary leg's rate when the headline rate is not sustained (quick runs it only then). */
    static final long FALLBACK_RATE = 10_000;
    /** The full run's warm-up pass rate. */
    static final long FULL_WARMUP_RATE = 100_000;
    /**
     * The RESULT line's keys, in order: issue 9's, then issue 11's TLS keys, the provider and the A/A control's, then
     * the FIX comparison's median per-round ratio and both legs' p99 at one rate ({@link FixComparison#values}).
     */
    static final List<String> RESULT_KEYS = List.of("binary_ops", "binary_p50_us", "binary_p99_us", "fix_ops",
        "fix_p99_us", "qfj_ops", "qfj_p99_us", "json_ops", "json_p99_us", "binary_tls_ops", "binary_tls_p50_us",
        "binary_tls_p99_us", "binary_tls_provider", "binary_tls_ratio", "binary_tls_p50_added_us", "binary_aa_ratio",
        "binary_aa_p50_added_us", "fix_qfj_ratio", "fix_qfj_same_rate", "fix_p99_same_rate_us",
        "qfj_p99_same_rate_us");
    /** The plain leg and the A/A control, the first two legs of the TLS comparison. */
    static final List<String> PLAIN_LEGS = List.of("plain", "plain-aa");

    /**
     * @return every rate and provider, 3 s warm-up and 10 s measured per run.
     */
    static GatewayPlan fullPlan()
    {
        return new GatewayPlan(false, false, new long[]{FALLBACK_RATE, HEADLINE_RATE, 100_000}, 3, 3, 10,
            List.of(TlsConfig.Provider.JDK, TlsConfig.Provider.OPENSSL), 3, 10);
    }

    /**
     * @return what fits in 90 s: see the class comment.
     */
    static GatewayPlan quickPlan()
    {
        return new GatewayPlan(true, false, new long[]{HEADLINE_RATE}, 1, 0.5, 2, List.of(TlsConfig.Provider.JDK),
            0.25, 0.75);
    }

    /**
     * @return the rate of the binary leg's unmeasured warm-up pass: 100,000/s in the full run (its 10,000/s run
     * comes next and lets a backlog drain), the headline rate in a quick run, whose first measured run is the
     * headline's after only {@link #warmup} seconds (a 100,000/s pass that does not keep up left a backlog that
     * tripled its p50).
     */
    long warmupRate()
    {
        return quick ? HEADLINE_RATE : FULL_WARMUP_RATE;
    }

    /**
     * @param chosen the TLS comparison's providers ({@code --tls-providers}).
     * @return this plan with them.
     */
    GatewayPlan withProviders(final List<TlsConfig.Provider> chosen)
    {
        return new GatewayPlan(quick, tlsOnly, binaryRates, warmupPass, warmup, measure, List.copyOf(chosen),
            tlsWarmup, tlsMeasure);
    }

    /**
     * @return this plan's TLS comparison only ({@code --tls-only}): the same providers, rounds and passes, no binary
     * rate (nor the FIX and JSON legs, which the plan does not describe).
     */
    GatewayPlan onlyTls()
    {
        return new GatewayPlan(quick, true, new long[0], 0, 0, 0, providers, tlsWarmup, tlsMeasure);
    }

    /**
     * @return the TLS comparison's legs' names, in index order: plain, the A/A control, one per provider.
     */
    List<String> tlsLegs()
    {
        final List<String> names = new ArrayList<>(PLAIN_LEGS);
        for (final TlsConfig.Provider provider : providers)
        {
            names.add(tlsLegName(provider));
        }
        return names;
    }

    /**
     * @return the longest pass of the TLS comparison, in seconds (every other leg is idle meanwhile): a leg's
     * warm-up ({@link TlsLeg#WARMUP_FACTOR} + 1 times {@link #tlsWarmup}) or a measured pass.
     */
    double longestTlsPassSeconds()
    {
        return Math.max((TlsLeg.WARMUP_FACTOR + 1) * tlsWarmup, tlsWarmup + tlsMeasure);
    }

    /**
     * @return rounds of the TLS comparison ({@link TlsRounds#quickOrders} or {@link TlsRounds#orders}).
     */
    int tlsRounds()
    {
        final int legs = tlsLegs().size();
        return quick ? TlsRounds.quickOrders(legs).length : TlsRounds.orders(legs).length;
    }

    /**
     * @param provider a TLS provider.
     * @return its leg's name in the TLS comparison, e.g. {@code tls-jdk}.
     */
    static String tlsLegName(final TlsConfig.Provider provider)
    {
        return "tls-" + provider.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return one line saying what this plan runs (and, for {@code --quick}, what it leaves to the full run).
     */
    String describe()
    {
        final StringJoiner providerNames = new StringJoiner(",");
        for (final TlsConfig.Provider provider : providers)
        {
            providerNames.add(provider.name().toLowerCase(Locale.ROOT));
        }
        final String tls = String.format(Locale.ROOT, "TLS comparison legs %s, %d rounds of %.2f + %.2f s passes " +
            "(providers %s)", tlsLegs(), tlsRounds(), tlsWarmup, tlsMeasure, providerNames);
        if (tlsOnly)
        {
            return String.format(Locale.ROOT, "plan %s --tls-only: %s; no binary, FIX or JSON leg (their RESULT " +
                "keys na)", quick ? "--quick" : "full", tls);
        }
        return String.format(Locale.ROOT, "plan %s: binary paced at %s/s (%.1f s warm-up, %.1f s measured each)%s; " +
            "%s%s", quick ? "--quick" : "full", Arrays.toString(binaryRates), warmup, measure,
            quick ? ", 10k/s only if 50k/s is not sustained" : "", tls, quick ? "; left to the full run: binary " +
            "paced 10k/s and 100k/s, the openssl provider, longer runs" : "");
    }

    /**
     * @param values a value for each of {@link #RESULT_KEYS}, and nothing else.
     * @return the RESULT line, keys in {@link #RESULT_KEYS}' order.
     * @throws IllegalArgumentException when a key is missing or unknown.
     */
    static String resultLine(final Map<String, ?> values)
    {
        final Map<String, Object> rest = new LinkedHashMap<>(values);
        final StringJoiner line = new StringJoiner(" ", "RESULT gateway ", "");
        for (final String key : RESULT_KEYS)
        {
            if (!rest.containsKey(key))
            {
                throw new IllegalArgumentException("RESULT line without " + key);
            }
            line.add(key + "=" + rest.remove(key));
        }
        if (!rest.isEmpty())
        {
            throw new IllegalArgumentException("RESULT line keys not in RESULT_KEYS: " + rest.keySet());
        }
        return line.toString();
    }
}
