package io.disruptorx.bench.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.core.tls.TlsConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code dx bench gateway --quick} runs against the full run: the legs and rates every RESULT key needs stay in
 * the quick plan (the binary leg's 50k/s, the TLS comparison's plain leg, A/A control and a TLS leg at 10k/s and
 * 50k/s and saturated), the quick plan drops the binary leg's other rates and the OpenSSL leg; the RESULT line has
 * every key of issues 9 and 11 in order, and refuses a missing or unknown one.
 */
class GatewayPlanTest
{
    private static final List<String> ISSUE_9_KEYS = List.of("binary_ops", "binary_p50_us", "binary_p99_us",
        "fix_ops", "fix_p99_us", "qfj_ops", "qfj_p99_us", "json_ops", "json_p99_us");

    @Test
    void shouldKeepEveryLegTheResultLineNeedsInTheQuickPlan()
    {
        final GatewayPlan quick = GatewayPlan.quickPlan();

        assertThat(quick.quick()).isTrue();
        assertThat(quick.binaryRates()).containsExactly(GatewayPlan.HEADLINE_RATE);
        // the unmeasured pass right before the headline run leaves no backlog: it runs at the headline rate
        assertThat(quick.warmupRate()).isEqualTo(GatewayPlan.HEADLINE_RATE);
        assertThat(quick.providers()).containsExactly(TlsConfig.Provider.JDK);
        assertThat(quick.tlsLegs()).containsExactly("plain", "plain-aa", "tls-jdk");
        assertThat(quick.tlsRounds()).isEqualTo(3);
        // binary_tls_p50_us is at the last paced rate (the binary leg's headline), binary_tls_p50_added_us at the
        // judged one
        assertThat(TlsRounds.PACED_RATES).containsExactly(TlsRounds.JUDGED_RATE, GatewayPlan.HEADLINE_RATE);
        assertThat(quick.measure()).isPositive();
        assertThat(quick.tlsMeasure()).isPositive();
        assertThat(quick.describe()).contains("--quick", "tls-jdk", "left to the full run");
    }

    @Test
    void shouldRunEveryRateAndProviderInTheFullPlan()
    {
        final GatewayPlan full = GatewayPlan.fullPlan();

        assertThat(full.quick()).isFalse();
        assertThat(full.binaryRates()).containsExactly(10_000L, 50_000L, 100_000L);
        assertThat(full.warmupRate()).isEqualTo(100_000L);
        assertThat(full.providers()).containsExactly(TlsConfig.Provider.JDK, TlsConfig.Provider.OPENSSL);
        assertThat(full.tlsLegs()).containsExactly("plain", "plain-aa", "tls-jdk", "tls-openssl");
        assertThat(full.tlsRounds()).isEqualTo(4);
        assertThat(full.measure()).isGreaterThan(GatewayPlan.quickPlan().measure());
        assertThat(full.tlsMeasure()).isGreaterThan(GatewayPlan.quickPlan().tlsMeasure());
    }

    @Test
    void shouldRunOnlyTheFullPlansTlsComparisonWithTlsOnly()
    {
        final GatewayPlan full = GatewayPlan.fullPlan();
        final GatewayPlan tls = full.onlyTls();

        assertThat(tls.tlsOnly()).isTrue();
        assertThat(full.tlsOnly()).isFalse();
        assertThat(tls.quick()).isFalse();
        assertThat(tls.binaryRates()).isEmpty();
        assertThat(tls.providers()).containsExactly(TlsConfig.Provider.JDK, TlsConfig.Provider.OPENSSL);
        assertThat(tls.tlsLegs()).isEqualTo(full.tlsLegs());
        assertThat(tls.tlsRounds()).isEqualTo(full.tlsRounds()).isEqualTo(4);
        assertThat(tls.tlsWarmup()).isEqualTo(full.tlsWarmup());
        assertThat(tls.tlsMeasure()).isEqualTo(full.tlsMeasure()).isEqualTo(10);
        assertThat(tls.describe()).contains("full --tls-only", "tls-openssl", "no binary, FIX or JSON leg")
            .doesNotContain("paced at");
        // the providers asked for survive either order of --tls-only and --tls-providers
        assertThat(full.withProviders(List.of(TlsConfig.Provider.OPENSSL)).onlyTls().tlsLegs())
            .containsExactly("plain", "plain-aa", "tls-openssl");
        assertThat(full.onlyTls().withProviders(List.of(TlsConfig.Provider.OPENSSL)).tlsOnly()).isTrue();
    }

    @Test
    void shouldKeepTheIdleTlsLegsConnectedThroughTheFullPlansLongestPass()
    {
        final double longest = GatewayPlan.fullPlan().longestTlsPassSeconds();
        final double drainSeconds = 30;

        // the gateway's usual 15 s silence limit disconnected the idle legs during the full plan's 18 s warm-ups
        assertThat(longest).isEqualTo(18);
        assertThat(GatewayQuickBench.HEARTBEAT_TIMEOUT_NANOS / 1e9).isGreaterThan(longest + drainSeconds);
        assertThat(GatewayPlan.quickPlan().longestTlsPassSeconds()).isLessThan(longest);
    }

    @Test
    void shouldWriteNaForEveryKeyButTheTlsOnesWithTlsOnly()
    {
        final Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("binary_tls_ops", 400_000L);
        tls.put("binary_tls_ratio", "0.95");
        tls.put("binary_aa_ratio", "1.01");

        final String line = GatewayPlan.resultLine(GatewayResult.onlyValues(tls));

        assertThat(line).startsWith("RESULT gateway binary_ops=na binary_p50_us=na binary_p99_us=na fix_ops=na " +
            "fix_p99_us=na qfj_ops=na qfj_p99_us=na json_ops=na json_p99_us=na binary_tls_ops=400000 " +
            "binary_tls_p50_us=na ").contains(" binary_tls_ratio=0.95 ", " binary_aa_ratio=1.01 ");
        assertThat(line.split(" ")).hasSize(2 + GatewayPlan.RESULT_KEYS.size());
    }

    @Test
    void shouldRunTheProvidersAskedForInTheQuickPlan()
    {
        final GatewayPlan both = GatewayPlan.quickPlan().withProviders(List.of(TlsConfig.Provider.JDK,
            TlsConfig.Provider.OPENSSL));

        assertThat(both.quick()).isTrue();
        assertThat(both.tlsLegs()).containsExactly("plain", "plain-aa", "tls-jdk", "tls-openssl");
        assertThat(both.tlsRounds()).isEqualTo(4);
        assertThat(both.binaryRates()).containsExactly(GatewayPlan.HEADLINE_RATE);
    }

    @Test
    void shouldWriteEveryKeyOfIssues9And11InOrder()
    {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (int i = GatewayPlan.RESULT_KEYS.size() - 1; i >= 0; i--)
        {
            values.put(GatewayPlan.RESULT_KEYS.get(i), i);
        }

        final String line = GatewayPlan.resultLine(values);

        assertThat(GatewayPlan.RESULT_KEYS.subList(0, ISSUE_9_KEYS.size())).isEqualTo(ISSUE_9_KEYS);
        assertThat(GatewayPlan.RESULT_KEYS).contains("binary_tls_ops", "binary_tls_p50_us");
        assertThat(line).startsWith("RESULT gateway binary_ops=0 binary_p50_us=1 binary_p99_us=2 fix_ops=3 " +
            "fix_p99_us=4 qfj_ops=5 qfj_p99_us=6 json_ops=7 json_p99_us=8 binary_tls_ops=9 binary_tls_p50_us=10 ");
        assertThat(line.split(" ")).hasSize(2 + GatewayPlan.RESULT_KEYS.size());
    }

    @Test
    void shouldRefuseAMissingOrAnUnknownKey()
    {
        final Map<String, Object> values = new LinkedHashMap<>();
        for (final String key : GatewayPlan.RESULT_KEYS)
        {
            values.put(key, 1);
        }
        values.remove("binary_tls_p50_us");

        assertThatThrownBy(() -> GatewayPlan.resultLine(values)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("binary_tls_p50_us");

        values.put("binary_tls_p50_us", 1);
        values.put("binary_tls_p50", 1);

        assertThatThrownBy(() -> GatewayPlan.resultLine(values)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("binary_tls_p50");
    }
}
