package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway benchmark's TLS leg on a real node, with each provider of the listener: every paced order is
 * acknowledged through the gateway's TLS 1.3 listener by the bench's own {@code SSLEngine} client, none refused,
 * and a saturated window completes orders; the TLS comparison's rounds run every leg (plain, the A/A control, both
 * providers) in every round, each on accounts of its own, without a leg's session timing out meanwhile; the quick
 * plan's legs (plain, the A/A control, the JDK provider) in its rounds. The durations are the test's, a tenth of a
 * second or so: it proves the legs' wiring end to end, not their figures (the bench's plans set those); the
 * certificates ({@code keytool}, seconds) are made once for every test of the class.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TlsBenchLegTest
{
    private static TlsLeg.Certs certs;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() throws IOException
    {
        certs = TlsLeg.certificates(Path.of("target", "tls-bench-leg-test", Long.toString(System.nanoTime()))
            .toAbsolutePath());
    }

    @ParameterizedTest
    @EnumSource(TlsConfig.Provider.class)
    void shouldAcknowledgeEveryPacedOrderThroughTheTlsListener(final TlsConfig.Provider provider) throws Exception
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = NodeGateways.start(node, GatewayQuickBench.setUp(node)))
        {
            // 2,000/s: 0.1 s warm-up (and the leg's own, five times as long) and 0.25 s measured
            final TlsLeg.Result result = TlsLeg.measure(gateways.gateway(), certs, "tlsb",
                GatewayQuickBench.PASSWORD, 2_000, 0.1, 0.25, 64, provider);

            assertThat(result.protocol()).isEqualTo("TLSv1.3");
            assertThat(result.provider()).isEqualTo(provider);
            assertThat(result.paced().latency().count()).isEqualTo(500);
            assertThat(result.paced().rejects()).isZero();
            assertThat(result.light().rate()).isEqualTo(TlsLeg.LIGHT_RATE);
            assertThat(result.light().latency().count()).isEqualTo(2_500);
            assertThat(result.light().rejects()).isZero();
            assertThat(result.saturated().completed()).isPositive();
            assertThat(result.saturated().rejects()).isZero();
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
        }
    }

    @Test
    void shouldRunEveryLegInEveryRoundOnAccountsOfItsOwn() throws Exception
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = NodeGateways.start(node, GatewayQuickBench.setUp(node)))
        {
            final TlsRounds rounds = GatewayQuickBench.compareTls(gateways, certs, List.of(TlsConfig.Provider.JDK,
                TlsConfig.Provider.OPENSSL), 0.05, 0.1, false);

            assertThat(rounds.names()).containsExactly("plain", "plain-aa", "tls-jdk", "tls-openssl");
            assertThat(rounds.rounds()).isEqualTo(4);
            for (int leg = 0; leg < 4; leg++)
            {
                assertThat(rounds.medianSaturated(leg)).isPositive();
                assertThat(rounds.medianP50(leg, 0)).isPositive();
            }
            assertThat(rounds.ratios(0)).containsOnly(1.0);
            assertThat(rounds.p50Added(0, 0)).containsOnly(0L);
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
        }
    }

    @Test
    void shouldRunTheQuickPlansLegsInItsRounds() throws Exception
    {
        final GatewayPlan quick = GatewayPlan.quickPlan();
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = NodeGateways.start(node, GatewayQuickBench.setUp(node)))
        {
            final TlsRounds rounds = GatewayQuickBench.compareTls(gateways, certs, quick.providers(), 0.05, 0.1, true);

            assertThat(rounds.names()).isEqualTo(quick.tlsLegs()).containsExactly("plain", "plain-aa", "tls-jdk");
            assertThat(rounds.rounds()).isEqualTo(quick.tlsRounds());
            for (int leg = 0; leg < rounds.names().size(); leg++)
            {
                assertThat(rounds.medianSaturated(leg)).isPositive();
                for (int rate = 0; rate < TlsRounds.PACED_RATES.length; rate++)
                {
                    assertThat(rounds.medianP50(leg, rate)).isPositive();
                }
            }
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
        }
    }
}
